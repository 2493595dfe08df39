import { AppLink } from "@/components/AppLink";
import { claimEditorHref } from "@/components/review/QuoteWithContext";
import type { RevisionSummary as Summary } from "@/lib/revision-summary";
import "./revision-summary.css";

/**
 * The claims a published revision asks a reviewer to look at again: those it
 * placed on changed words, with the words before and after, and those it made
 * orphans. Each links to the claim in the editor.
 */
export function RevisionSummary({ slug, summary }: { slug: string; summary: Summary }) {
  const { changedWords, orphans } = summary;
  if (changedWords.length === 0 && orphans.length === 0) {
    return <p data-testid="revision-summary">No claim&apos;s words changed and no claim became an orphan.</p>;
  }
  return (
    <div className="revision-summary" data-testid="revision-summary">
      {changedWords.length > 0 && (
        <section aria-labelledby="changed-words-heading" data-testid="changed-words">
          <h2 id="changed-words-heading">
            {count(changedWords.length)} placed on changed words: check {changedWords.length === 1 ? "its verdict" : "their verdicts"}
          </h2>
          <ul>
            {changedWords.map(({ id, before, after }) => (
              <li key={id}>
                <AppLink href={claimEditorHref(slug, id)}>
                  <span className="sr-only">was </span>
                  <del>{before}</del>
                  <span className="sr-only">, now</span> <ins>{after}</ins>
                </AppLink>
              </li>
            ))}
          </ul>
        </section>
      )}
      {orphans.length > 0 && (
        <section aria-labelledby="orphans-heading" data-testid="made-orphans">
          <h2 id="orphans-heading">
            {orphans.length === 1
              ? "1 claim became an orphan: its words are gone; re-attach or delete it"
              : `${orphans.length} claims became orphans: their words are gone; re-attach or delete them`}
          </h2>
          <ul>
            {orphans.map(({ id, quote }) => (
              <li key={id}>
                <AppLink href={claimEditorHref(slug, id)}>{quote}</AppLink>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

function count(n: number): string {
  return `${n} claim${n === 1 ? "" : "s"}`;
}
