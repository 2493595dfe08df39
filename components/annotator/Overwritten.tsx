"use client";

import type { EditableField } from "@/lib/annotation";
import type { OverwriteNotice } from "./claim-sync";

/** How the notice names each field a reviewer can change. */
const fieldNames: Record<EditableField, string> = { tag: "tag", note: "note", claimant: "claimant", evidence: "evidence links" };

/**
 * Another reviewer's words that this reviewer's save replaced, shown beside
 * this reviewer's until they pick one. Neither choice loses anything: the
 * other version stays in the claim's history, with its author.
 */
export function Overwritten({ notice, onKeepMine, onUseTheirs }: { notice: OverwriteNotice; onKeepMine: () => void; onUseTheirs: () => void }) {
  return (
    <div className="overwritten" role="alert" data-testid="overwritten">
      <p>{notice.by} changed this claim while you were editing it. Your changes were saved over theirs; they had written:</p>
      <ul>
        {Object.entries(notice.theirs).map(([field, value]) => (
          <li key={field}>
            {fieldNames[field as EditableField]}: <q>{Array.isArray(value) ? value.join(", ") : String(value)}</q>
          </li>
        ))}
      </ul>
      <p className="hint">Their version stays in the claim&apos;s history either way.</p>
      <button type="button" onClick={onUseTheirs}>
        Use theirs
      </button>{" "}
      <button type="button" onClick={onKeepMine}>
        Keep mine
      </button>
    </div>
  );
}
