"use client";

/** What the editor has to tell beside the claims: a link to a claim it lacks, and revisions made while the page was open. */
export function AnnotatorNotices({
  linkedClaimMissing,
  articleRevised,
  savedOnNewer,
}: {
  linkedClaimMissing: boolean;
  articleRevised: boolean;
  savedOnNewer: boolean;
}) {
  return (
    <>
      {linkedClaimMissing && (
        <p className="hint" role="note" data-testid="claim-link-missing">
          The claim this link points to is not in this article: it was deleted, or belongs to another article.
        </p>
      )}
      {articleRevised && (
        <p className="hint" role="alert" data-testid="article-revised">
          The article was revised since this page was loaded, and the words of a claim you tagged are not in the new text as they were. Your claim is
          kept in this browser.{" "}
          <button type="button" className="link-button" onClick={() => window.location.reload()}>
            Load the latest revision
          </button>
        </p>
      )}
      {savedOnNewer && (
        <p className="hint" role="note" data-testid="saved-on-newer">
          The article was revised again while this page was open: a claim you tagged earlier was saved on the latest text. Reload the page to see it.
        </p>
      )}
    </>
  );
}
