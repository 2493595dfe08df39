import { errorCode } from "@/lib/error-codes";
import type { ImportOutcome } from "./import-response";

/** What an import did: how many claims it created, and each one it left out and why. */
export function ImportReport({ outcome }: { outcome: ImportOutcome }) {
  const { skipped } = outcome;
  const present = skipped.filter((item) => item.reason === "duplicate").length;
  const others = skipped.length - present;
  return (
    <div className={`import-report import-report-${outcome.kind}`} data-testid="import-report" data-outcome={outcome.kind}>
      {outcome.kind === "imported" ? (
        <p>
          Imported <strong data-testid="import-created">{outcome.created}</strong> {outcome.created === 1 ? "claim" : "claims"}
          {outcome.comments > 0 && (
            <>
              {" "}
              with <strong data-testid="import-comments">{outcome.comments}</strong> {outcome.comments === 1 ? "comment" : "comments"}
            </>
          )}
          {present > 0 && `; ${present} ${present === 1 ? "was" : "were"} already here`}
          {others > 0 && `; skipped ${others}`}.
        </p>
      ) : (
        <p>
          <strong>Nothing was imported.</strong>{" "}
          {/* The all-or-nothing refusal's own message speaks to API clients (`?skip=…`); the list and hint below say it here. */}
          {outcome.code === errorCode.notImportable ? "These annotations cannot be imported:" : outcome.message}
        </p>
      )}
      {outcome.kind === "imported" && outcome.next && (
        <p>
          The file is one page of a longer collection; the next page (<code>{outcome.next}</code>) was not imported.
        </p>
      )}
      {skipped.length > 0 && (
        <>
          <ul className="import-skipped" aria-label="Skipped annotations">
            {skipped.map((item) => (
              <li key={item.index} data-testid="import-skipped" data-reason={item.reason}>
                Annotation {item.index + 1}
                {item.quote && (
                  <>
                    {" "}
                    {/* Marks in the text, not <q>'s generated ones, so that copying the line keeps them. */}
                    <span className="import-skipped-quote">“{item.quote}”</span>
                  </>
                )}
                : {item.message} <code>{item.reason}</code>
              </li>
            ))}
          </ul>
          {outcome.kind === "refused" && (
            <p className="hint">To import the others, tick “Skip annotations that cannot be imported” and import again.</p>
          )}
        </>
      )}
    </div>
  );
}
