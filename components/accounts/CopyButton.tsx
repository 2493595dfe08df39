"use client";

import { useState } from "react";

/** Copies `text` (an invitation link, a token) to the clipboard, and says so. */
export function CopyButton({ text, label = "Copy" }: { text: string; label?: string }) {
  const [copied, setCopied] = useState<"yes" | "no" | null>(null);
  return (
    <>
      <button
        type="button"
        onClick={async () => {
          try {
            await navigator.clipboard.writeText(text);
            setCopied("yes");
          } catch {
            // No clipboard (an insecure origin, a refused permission): the text is on the page to select.
            setCopied("no");
          }
        }}
      >
        {label}
      </button>
      <span role="status" className="hint">
        {copied === "yes" ? "Copied." : copied === "no" ? "Could not copy: select the text and copy it." : ""}
      </span>
    </>
  );
}
