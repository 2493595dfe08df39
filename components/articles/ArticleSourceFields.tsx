"use client";

import { useRef, useState } from "react";
import { detectPastedFormat, formatOfFileName } from "@/lib/article-format";

export type ArticleFormat = "text" | "markdown" | "html";

export interface ArticleSource {
  format: ArticleFormat;
  content: string;
}

const formatLabels: Record<ArticleFormat, string> = { text: "Plain text", markdown: "Markdown", html: "HTML" };

/**
 * The article's words: pasted, or read from an uploaded file whose extension
 * sets the format. Shared by "add an article" and "publish a revision".
 */
export function ArticleSourceFields({ value, onChange }: { value: ArticleSource; onChange: (value: ArticleSource) => void }) {
  const [fileError, setFileError] = useState<string | null>(null);
  // Set by a paste, read by the change it makes: text pasted as the whole article sets the format.
  const pasted = useRef<string | null>(null);
  return (
    <>
      <label className="field">
        Upload a file (.txt, .md, .html)
        <input
          type="file"
          accept=".txt,.md,.markdown,.html,.htm,text/plain,text/markdown,text/html"
          onChange={async (event) => {
            const file = event.target.files?.[0];
            if (!file) return;
            const format = formatOfFileName(file.name);
            if (!format) {
              setFileError("Choose a .txt, .md or .html file.");
              return;
            }
            setFileError(null);
            onChange({ format, content: await file.text() });
          }}
        />
      </label>
      {fileError && (
        <p className="field-error" role="alert">
          {fileError}
        </p>
      )}
      <label className="field">
        Format
        <select value={value.format} onChange={(e) => onChange({ ...value, format: e.target.value as ArticleFormat })}>
          {(Object.keys(formatLabels) as ArticleFormat[]).map((format) => (
            <option key={format} value={format}>
              {formatLabels[format]}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        Article text
        <textarea
          rows={14}
          value={value.content}
          onPaste={(e) => {
            pasted.current = e.clipboardData.getData("text/plain");
          }}
          onChange={(e) => {
            const content = e.target.value;
            // Pasted into an empty box, or over all of it: the paste is the article, and says what format it is in.
            const whole = pasted.current !== null && pasted.current.trim() === content.trim() && content.trim() !== "";
            const format = whole ? detectPastedFormat(content) : value.format;
            pasted.current = null;
            onChange({ format, content });
          }}
          required
        />
      </label>
    </>
  );
}
