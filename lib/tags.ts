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
  /** ProseMirror key name of the shortcut that tags the selection (Alt+Shift+a letter). */
  shortcut: string;
  /** The shortcut as shown to people. */
  shortcutLabel: string;
  /** The shortcut's letter key as `KeyboardEvent.code` names it (by place, whatever Alt makes it type). */
  shortcutCode: string;
  /** A glyph drawn beside the highlight so the tag never relies on colour alone. */
  glyph: string;
  description: string;
}

/** Alt+Shift+`letter`, in each of the forms it is named. */
function altShift(letter: string): Pick<TagInfo, "shortcut" | "shortcutLabel" | "shortcutCode"> {
  const upper = letter.toUpperCase();
  return { shortcut: `Alt-Shift-${letter}`, shortcutLabel: `Alt+Shift+${upper}`, shortcutCode: `Key${upper}` };
}

export const tagInfo: Record<Tag, TagInfo> = {
  disputed: {
    label: "Disputed",
    ...altShift("d"),
    glyph: "⚠",
    description: "Contested by credible sources",
  },
  denied: {
    label: "Denied",
    ...altShift("n"),
    glyph: "✕",
    description: "Denied by a party it concerns",
  },
  unverified: {
    label: "Unverified",
    ...altShift("u"),
    glyph: "?",
    description: "Not yet supported by evidence",
  },
};

export function isTag(value: unknown): value is Tag {
  return typeof value === "string" && (tags as readonly string[]).includes(value);
}
