"use client";

import { useState } from "react";
import { ChangeTime } from "@/components/ChangeTime";
import type { ClaimFields, EditableField } from "@/lib/annotation";
import { type ClaimConflict, type ConflictVersion, fieldNames, sameFieldValue } from "@/lib/claim-conflicts";

interface ClaimConflictsProps {
  conflicts: readonly ClaimConflict[];
  /** The claim's fields as the server holds them: which version each field has now. */
  current: ClaimFields;
  /** The signed-in person's account, to say "you" of their own versions. */
  personId: string | null;
  /** Why this person cannot pick (their role), or null when they can. */
  refusal: string | null;
  /** Keeps one version; resolves with the server's reason when it refused, else null. */
  onPick: (conflictId: string, pick: number) => Promise<string | null>;
}

/**
 * The fields of the open claim that two reviewers changed at once: every
 * version, with who wrote it and when, until someone keeps one. It is the
 * server's record (every reviewer sees it, after a reload too); the later
 * change is the one the claim holds meanwhile, and nothing is discarded
 * without a pick.
 */
export function ClaimConflicts({ conflicts, current, personId, refusal, onPick }: ClaimConflictsProps) {
  const [busy, setBusy] = useState<string | null>(null);
  const [refused, setRefused] = useState<string | null>(null);
  if (conflicts.length === 0) return null;
  const pick = async (conflictId: string, index: number) => {
    setBusy(conflictId);
    setRefused(null);
    setRefused(await onPick(conflictId, index));
    setBusy(null);
  };
  return (
    <div className="overwritten" role="alert" data-testid="claim-conflicts">
      {conflicts.map((conflict) => (
        <section key={conflict.id} data-testid="claim-conflict" data-field={conflict.field}>
          <p>
            The {fieldNames[conflict.field]} was changed by more than one person at once ({conflict.values.length} versions). The claim has the
            latest; each version is kept until someone picks one:
          </p>
          <ul>
            {conflict.values.map((version, index) => (
              <li key={index} data-testid="conflict-version">
                <VersionWords field={conflict.field} version={version} personId={personId} />
                {sameFieldValue(version.value, current[conflict.field]) && <em> (the claim has this now)</em>}{" "}
                {refusal === null && (
                  <button type="button" disabled={busy === conflict.id} onClick={() => void pick(conflict.id, index)}>
                    Keep {version.by.id !== null && version.by.id === personId ? "mine" : `${version.by.name}’s`}
                  </button>
                )}
              </li>
            ))}
          </ul>
        </section>
      ))}
      {refused && <p role="status">Not picked: {refused}</p>}
    </div>
  );
}

/** One version: "Maya Chen (you), 5 Dec 2026, 03:10 UTC: “…”". */
function VersionWords({ field, version, personId }: { field: EditableField; version: ConflictVersion; personId: string | null }) {
  const value = version.value;
  const words = Array.isArray(value) ? (value.length === 0 ? "no links" : value.join(", ")) : value === "" ? "(empty)" : value;
  return (
    <>
      <strong>{version.by.name}</strong>
      {version.by.id !== null && version.by.id === personId && " (you)"}, <ChangeTime iso={version.at} />:{" "}
      {field === "tag" ? <span data-testid="conflict-value">{words}</span> : <q data-testid="conflict-value">{words}</q>}
    </>
  );
}
