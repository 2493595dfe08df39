"use client";

import { DOMSerializer } from "prosemirror-model";
import { useEffect, useRef, useState } from "react";
import { articleSchema, articleToDoc } from "@/components/annotator/schema";
import type { ArticleBlock } from "@/lib/article";
import { api, type ArticlePreview as Preview, failureMessage } from "@/lib/api-client";
import type { ArticleSource } from "./ArticleSourceFields";

// Asking at every keystroke would parse a long article dozens of times a second.
const settleMs = 400;

/**
 * The article as it will be added: the server reads what the form would send
 * (`POST /api/article-preview`) and the blocks are drawn with the editor's own
 * schema, so headings, lists, captions and emphasis look as they will in the
 * editor. For plain text with page furniture ("WATCH: …"), a box leaves it out.
 */
export function ArticlePreview({
  title,
  source,
  dropFurniture,
  onDropFurnitureChange,
}: {
  title: string;
  source: ArticleSource;
  dropFurniture: boolean;
  onDropFurnitureChange: (drop: boolean) => void;
}) {
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const asked = useRef(0);
  const empty = source.content.trim() === "";
  const furniture = source.format === "text" && dropFurniture ? "drop" : undefined;

  useEffect(() => {
    const request = ++asked.current;
    if (empty) return;
    const timer = setTimeout(async () => {
      try {
        const answer = await api.previewArticle({ title, [source.format]: source.content, ...(furniture ? { furniture } : {}) });
        if (request !== asked.current) return;
        setPreview(answer);
        setError(null);
      } catch (failure) {
        if (request !== asked.current) return;
        setError(failureMessage(failure, "The server cannot be reached, so there is no preview."));
      }
    }, settleMs);
    return () => clearTimeout(timer);
  }, [title, source.format, source.content, furniture, empty]);

  if (empty) return null;
  const lines = source.format === "text" ? (preview?.furniture ?? []) : [];
  return (
    <section className="article-preview" aria-labelledby="article-preview-heading" data-testid="article-preview">
      <h2 id="article-preview-heading">Preview</h2>
      {lines.length > 0 && (
        <div className="furniture-choice">
          <label>
            <input type="checkbox" checked={dropFurniture} onChange={(e) => onDropFurnitureChange(e.target.checked)} />
            {` Leave out page furniture (${lines.length === 1 ? "1 line" : `${lines.length} lines`})`}
          </label>
          <ul className="hint" data-testid="furniture-lines">
            {lines.map((line, i) => (
              <li key={i}>{line}</li>
            ))}
          </ul>
        </div>
      )}
      {error ? (
        <p className="field-error" role="status">
          {error}
        </p>
      ) : (
        preview && <PreviewBlocks blocks={preview.blocks} />
      )}
    </section>
  );
}

/** Blocks drawn as the editor draws them (its schema's `toDOM`), read-only. */
function PreviewBlocks({ blocks }: { blocks: ArticleBlock[] }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const fragment = DOMSerializer.fromSchema(articleSchema).serializeFragment(articleToDoc(blocks).content);
    box.current?.replaceChildren(fragment);
  }, [blocks]);
  if (blocks.length === 0) return <p className="hint">The article has no text yet.</p>;
  // Focusable, as it scrolls: a keyboard user can read a long preview.
  return (
    <div ref={box} className="article-text article-preview-text" tabIndex={0} role="region" aria-label="Article preview" data-testid="preview-text" />
  );
}
