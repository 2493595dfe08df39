import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { articleText, parsePlainArticle } from "@/lib/article";
import { contentLoader } from "@/lib/author";
import type { Database } from "./client";
import { createDocument } from "./queries/documents";

/** Optional `<slug>.json` beside `<slug>.txt`: what the text file cannot say. */
const articleMetadata = z.strictObject({
  title: z.string().min(1).optional(),
  outlet: z.string().nullable().optional(),
  sourceUrl: z.url().nullable().optional(),
  author: z.string().nullable().optional(),
  publishedAt: z.iso.date().nullable().optional(),
});

/**
 * Loads every `content/*.txt` article that is not in the database yet, keyed
 * by its file name. Safe to run at every start and from several processes:
 * an article already there is left as it is.
 */
export async function loadContentArticles(db: Database, contentDir: string): Promise<void> {
  let names: string[];
  try {
    names = (await readdir(contentDir)).filter((name) => name.endsWith(".txt")).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
    throw error;
  }
  for (const name of names) {
    const slug = name.slice(0, -".txt".length);
    const source = await readFile(path.join(contentDir, name), "utf8");
    const metadata = articleMetadata.parse(await readJsonIfPresent(path.join(contentDir, `${slug}.json`)));
    const blocks = parsePlainArticle(source);
    const headline = blocks[0]?.type === "heading" ? blocks[0].text : slug;
    await createDocument(
      db,
      {
        slug,
        title: metadata.title ?? headline,
        outlet: metadata.outlet ?? null,
        sourceUrl: metadata.sourceUrl ?? null,
        author: metadata.author ?? null,
        publishedAt: metadata.publishedAt ?? null,
        text: articleText(blocks),
        blocks,
      },
      contentLoader,
    );
  }
}

async function readJsonIfPresent(file: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, "utf8"));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return {};
    throw error;
  }
}
