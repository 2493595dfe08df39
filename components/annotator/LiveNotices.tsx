"use client";

import { tagInfo, isTag } from "@/lib/tags";
import { openClaim } from "./claim-commands";
import { getClaims } from "./claims-plugin";
import type { AnnotatorController } from "./use-annotator";

/**
 * What the live feed tells beside the claims: who else has the article open
 * (and which claim each has open), a revision published meanwhile, and the
 * claim a reviewer's new tag found on the same words.
 */
export function LiveNotices({ editor }: { editor: AnnotatorController }) {
  const { present, newRevision, sameWords, editorState } = editor;
  const claims = editorState ? getClaims(editorState).claims : null;
  return (
    <>
      {newRevision !== null && (
        <p className="hint" role="alert" data-testid="new-revision">
          Revision {newRevision} of this article was published while this page was open; the claims shown are those of this page&apos;s text.{" "}
          <button type="button" className="link-button" onClick={() => window.location.reload()}>
            Load revision {newRevision}
          </button>
        </p>
      )}
      {sameWords && (
        <p className="hint" role="alert" data-testid="same-words">
          {sameWords.by} already tagged these words {isTag(sameWords.tag) ? tagInfo[sameWords.tag].label.toLowerCase() : sameWords.tag}: here is their
          claim.
        </p>
      )}
      {present.length > 0 && (
        <section className="presence" aria-label="Also here" data-testid="presence">
          <h2>Also here</h2>
          <ul>
            {present.map((other) => {
              const open = other.claimId ? claims?.get(other.claimId) : undefined;
              return (
                <li key={other.view} data-testid="present-person">
                  <strong>{other.name}</strong>
                  {open && (
                    <>
                      {" "}
                      on{" "}
                      <button type="button" className="link-button" onClick={() => editor.run(openClaim(open.id))} data-testid="present-claim">
                        “{open.quote}”
                      </button>
                    </>
                  )}
                </li>
              );
            })}
          </ul>
        </section>
      )}
    </>
  );
}
