import { type Tag, tagInfo } from "@/lib/tags";

/** A tag as glyph and word, coloured as in the editor but never told by colour alone. */
export function TagLabel({ tag }: { tag: Tag }) {
  return (
    <span className={`tag-pill tag-pill-${tag}`} data-tag={tag}>
      <span aria-hidden="true">{tagInfo[tag].glyph}</span> {tagInfo[tag].label}
    </span>
  );
}
