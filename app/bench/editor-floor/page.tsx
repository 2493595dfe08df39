/**
 * The benchmark's floor for figure 7 (bench/lib/script-figures.ts): a page
 * that opens a bare ProseMirror editor, with React and Next and no code of
 * the app's, so that the JavaScript the editor page ships can be read beside
 * what the framework alone costs, in the same build. Only on the benchmark's
 * own servers (`BENCH_STREAM_CONTROL=1`, as `/bench/stream`): anywhere else,
 * 404.
 */
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { benchControlEnabled } from "@/db/env";
import { BareEditor } from "./BareEditor";

export const metadata: Metadata = { title: "Editor floor", robots: { index: false } };

export default function EditorFloorPage() {
  if (!benchControlEnabled()) notFound();
  return <BareEditor text="A bare ProseMirror editor: no schema, plugin or panel of the app's." />;
}
