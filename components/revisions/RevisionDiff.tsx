import { AppLink } from "@/components/AppLink";
import type { ReactNode } from "react";
import { claimEditorHref } from "@/components/review/QuoteWithContext";
import type { CompareBlock, CompareSegment } from "@/lib/revision-compare";
import "./revision-summary.css";

/**
 * Two revisions compared in the newer one's headings, paragraphs and lists:
 * removed words struck through, added words underlined, each change followed
 * by links to the claims it touched, numbered as in the list below it.
 */
export function RevisionDiff({ slug, blocks, claims }: { slug: string; blocks: CompareBlock[]; claims: Map<string, string> }) {
  const touched = [...new Set(blocks.flatMap(({ segments }) => segments.flatMap((segment) => segment.claims)))];
  const number = new Map(touched.map((id, i) => [id, i + 1]));
  const segment = ({ change, text, claims: ids }: CompareSegment, key: number) => {
    const marks = ids.map((id) => (
      <sup key={id}>
        <AppLink href={claimEditorHref(slug, id)} aria-label={`touches claim ${number.get(id)}: ${claims.get(id) ?? ""}`}>
          [{number.get(id)}]
        </AppLink>
      </sup>
    ));
    if (change === "same") return <span key={key}>{text}</span>;
    const Change = change === "added" ? "ins" : "del";
    return (
      <span key={key} data-claims={ids.join(" ") || undefined}>
        <Change>{text}</Change>
        {marks}
      </span>
    );
  };
  const out: ReactNode[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i];
    const content = block.segments.map(segment);
    if (block.type === "list-item") {
      const items: ReactNode[] = [];
      // The items of one list, up to the next block that is not one of them.
      for (let item = blocks[i]; item?.type === "list-item" && item.list === block.list; item = blocks[++i]) {
        items.push(<li key={i}>{item.segments.map(segment)}</li>);
      }
      i--;
      out.push(block.ordered ? <ol key={`list-${i}`}>{items}</ol> : <ul key={`list-${i}`}>{items}</ul>);
    } else if (block.type === "heading") {
      // The page's own title is the h1: the article's headings sit one level below it.
      const Heading = block.level === 1 ? "h2" : block.level === 2 ? "h3" : "h4";
      out.push(<Heading key={i}>{content}</Heading>);
    } else if (block.type === "quote") {
      out.push(<blockquote key={i}>{content}</blockquote>);
    } else {
      out.push(
        <p key={i} className={block.type === "caption" ? "article-caption" : undefined}>
          {content}
        </p>,
      );
    }
  }
  return (
    <>
      <div className="diff" data-testid="revision-diff">
        {out}
      </div>
      {touched.length > 0 && (
        <section aria-labelledby="touched-claims-heading" className="revision-summary" data-testid="touched-claims">
          <h2 id="touched-claims-heading">Claims the changes touched</h2>
          <ol>
            {touched.map((id) => (
              <li key={id}>
                <AppLink href={claimEditorHref(slug, id)}>{claims.get(id)}</AppLink>
              </li>
            ))}
          </ol>
        </section>
      )}
    </>
  );
}
