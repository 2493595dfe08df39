/**
 * The closed set of verdicts a reviewer can give a claim. Everything else that
 * names a tag (database enum, validation, labels, shortcuts, exports) derives
 * from this list, so adding a verdict is a one-line change here.
 */
export const tags = ["disputed", "denied", "unverified"] as const;

export type Tag = (typeof tags)[number];

export interface TagInfo {
  /** Human label, also used as ClaimReview `alternateName`. */
  label: string;
  /** ProseMirror key name of the shortcut that tags the selection. */
  shortcut: string;
  /** The shortcut as shown to people. */
  shortcutLabel: string;
  /** A glyph drawn beside the highlight so the tag never relies on colour alone. */
  glyph: string;
  description: string;
}

export const tagInfo: Record<Tag, TagInfo> = {
  disputed: {
    label: "Disputed",
    shortcut: "Alt-Shift-d",
    shortcutLabel: "Alt+Shift+D",
    glyph: "⚠",
    description: "Contested by credible sources",
  },
  denied: {
    label: "Denied",
    shortcut: "Alt-Shift-n",
    shortcutLabel: "Alt+Shift+N",
    glyph: "✕",
    description: "Denied by a party it concerns",
  },
  unverified: {
    label: "Unverified",
    shortcut: "Alt-Shift-u",
    shortcutLabel: "Alt+Shift+U",
    glyph: "?",
    description: "Not yet supported by evidence",
  },
};

export function isTag(value: unknown): value is Tag {
  return typeof value === "string" && (tags as readonly string[]).includes(value);
}
