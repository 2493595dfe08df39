"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useId, useState } from "react";
import type { DeletedAnnotation } from "@/db/queries/deleted";
import { ChangeTime } from "@/components/ChangeTime";
import { TagLabel } from "@/components/review/TagLabel";
import { api, failureMessage } from "@/lib/api-client";
import type { Role } from "@/lib/roles";
import { canForAnyone, whyNot } from "@/server/policy";

interface DeletedClaimsProps {
  slug: string;
  /** The article's deleted claims, the latest deletion first. */
  deleted: DeletedAnnotation[];
  /** The signed-in person: a viewer restores nothing, a reviewer only what they deleted (the server decides; the page says so first). */
  person: { id: string; name: string; role: Role };
}

interface Window {
  deletedBy: string;
  from: string;
  to: string;
}

type Status = { kind: "idle" } | { kind: "busy" } | { kind: "done"; message: string } | { kind: "failed"; message: string };

/**
 * The Deleted view: one row per deleted claim with its Restore button, and a
 * form that restores everything one reviewer deleted between two times,
 * after a confirmation that names how many claims that is.
 */
export function DeletedClaims({ slug, deleted, person }: DeletedClaimsProps) {
  const router = useRouter();
  const id = useId();
  // A viewer may restore nothing; a reviewer their own only, so the window offers only their name.
  const refusal = whyNot(person, "restore_claim", { kind: "article", slug });
  const othersRefusal = canForAnyone(person.role, "restore_claim") ? null : whyNot(person, "restore_claim", { kind: "claim", id: "" });
  const [status, setStatus] = useState<Status>({ kind: "idle" });
  const [pending, setPending] = useState<{ window: Window; count: number } | null>(null);
  const deleters = [...new Set(deleted.map((claim) => claim.deletedBy))].filter((name) => !othersRefusal || name === person.name).sort();

  async function restoreOne(claim: DeletedAnnotation) {
    setStatus({ kind: "busy" });
    try {
      await api.restoreClaim(claim.id);
    } catch (failure) {
      return setStatus({ kind: "failed", message: failureMessage(failure, "The server cannot be reached; nothing was restored. Try again.") });
    }
    setStatus({ kind: "done", message: `Restored “${claim.quote}”.` });
    router.refresh();
  }

  // Step one: count what the window holds, and ask.
  async function askWindow(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const window = {
      deletedBy: String(form.get("deletedBy") ?? ""),
      from: utcInputToIso(String(form.get("from") ?? ""), "start"),
      to: utcInputToIso(String(form.get("to") ?? ""), "end"),
    };
    setStatus({ kind: "busy" });
    try {
      const { deleted } = await api.deletedClaims(slug, window);
      setStatus({ kind: "idle" });
      setPending({ window, count: deleted.length });
    } catch (failure) {
      setStatus({ kind: "failed", message: failureMessage(failure, "The server cannot be reached. Try again.") });
    }
  }

  // Step two: restore them, all or none.
  async function restoreWindow(window: Window) {
    setPending(null);
    setStatus({ kind: "busy" });
    let count: number;
    try {
      count = (await api.restoreDeleted(slug, window)).restored.length;
    } catch (failure) {
      return setStatus({ kind: "failed", message: failureMessage(failure, "The server cannot be reached; nothing was restored. Try again.") });
    }
    setStatus({ kind: "done", message: `Restored ${count} ${count === 1 ? "claim" : "claims"} deleted by ${window.deletedBy}.` });
    router.refresh();
  }

  const busy = status.kind === "busy";
  return (
    <>
      {(refusal ?? othersRefusal) && (
        <p className="role-notice" role="note" data-testid="restore-refusal">
          {refusal ?? othersRefusal}
        </p>
      )}
      <div role="status" aria-live="polite" data-testid="deleted-status">
        {status.kind === "done" && status.message}
      </div>
      {status.kind === "failed" && (
        <p className="field-error" role="alert">
          {status.message}
        </p>
      )}

      {deleted.length === 0 ? (
        <p data-testid="no-deleted">No deleted claims.</p>
      ) : (
        <>
          <section className="review-filters" aria-labelledby={`${id}-window`}>
            <h2 id={`${id}-window`}>Restore everything one reviewer deleted between two times</h2>
            <form className="deleted-window" onSubmit={askWindow}>
              <div className="review-field">
                <label htmlFor={`${id}-by`}>Deleted by</label>
                <select id={`${id}-by`} name="deletedBy" required defaultValue={deleters[0]}>
                  {deleters.map((name) => (
                    <option key={name}>{name}</option>
                  ))}
                </select>
              </div>
              <div className="review-field">
                <label htmlFor={`${id}-from`}>From (UTC)</label>
                <input
                  id={`${id}-from`}
                  name="from"
                  type="datetime-local"
                  step={1}
                  required
                  defaultValue={toUtcInput(deleted[deleted.length - 1].deletedAt)}
                />
              </div>
              <div className="review-field">
                <label htmlFor={`${id}-to`}>To (UTC, included)</label>
                <input id={`${id}-to`} name="to" type="datetime-local" step={1} required defaultValue={toUtcInput(deleted[0].deletedAt)} />
              </div>
              <div className="review-filter-actions">
                <button type="submit" disabled={busy || refusal !== null || deleters.length === 0}>
                  Restore…
                </button>
              </div>
            </form>
            {pending && (
              <div role="alertdialog" aria-labelledby={`${id}-confirm`} className="deleted-confirm">
                <p id={`${id}-confirm`}>
                  {pending.count === 0
                    ? `${pending.window.deletedBy} deleted no claims in that time.`
                    : `Restore ${pending.count} ${pending.count === 1 ? "claim" : "claims"} deleted by ${pending.window.deletedBy}?`}
                </p>
                {pending.count > 0 && (
                  <button type="button" autoFocus onClick={() => restoreWindow(pending.window)}>
                    Restore {pending.count}
                  </button>
                )}{" "}
                <button type="button" className="link-button" onClick={() => setPending(null)}>
                  Cancel
                </button>
              </div>
            )}
          </section>

          <div className="claim-table-scroll">
            <table className="claim-table" data-testid="deleted-table">
              <caption className="sr-only">Deleted claims, the latest deletion first</caption>
              <thead>
                <tr>
                  <th scope="col">Quote</th>
                  <th scope="col">Tag</th>
                  <th scope="col">Deleted by</th>
                  <th scope="col">When</th>
                  <th scope="col">
                    <span className="sr-only">Restore</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {deleted.map((claim) => (
                  <tr key={claim.id} data-testid="deleted-row" data-claim-id={claim.id}>
                    <td className="claim-quote">“{claim.quote}”</td>
                    <td>
                      <TagLabel tag={claim.tag} />
                    </td>
                    <td data-testid="deleted-by">{claim.deletedBy}</td>
                    <td>
                      <ChangeTime iso={claim.deletedAt} />
                    </td>
                    <td>
                      <button
                        type="button"
                        disabled={busy || refusal !== null}
                        onClick={() => restoreOne(claim)}
                        aria-label={`Restore “${claim.quote}”`}
                      >
                        Restore
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </>
  );
}

/** An instant as a `datetime-local` value in UTC, to the second (the times on this page are UTC). */
function toUtcInput(iso: string): string {
  return iso.slice(0, 19);
}

/**
 * A `datetime-local` value read as UTC. The end of a window takes in the whole
 * second (or minute) it names, so that "to 10:05" includes a claim deleted at
 * 10:05:00.4.
 */
function utcInputToIso(value: string, end: "start" | "end"): string {
  const date = new Date(`${value}Z`);
  if (Number.isNaN(date.getTime())) return value;
  if (end === "end") date.setTime(date.getTime() + (value.length > 16 ? 999 : 59_999));
  return date.toISOString();
}
