/**
 * A claim made from a reviewer's selection: offsets in the text of the
 * revision their page shows, placed on the same words of the latest text.
 *
 * It runs in one transaction holding a share lock on the article's row.
 * Publishing a revision locks that row for update before it reads the claims
 * it re-anchors, so the two take turns: a claim made while a revision is
 * being published waits for it and is then placed on its text; a revision
 * published while a claim is being made waits for the claim and re-anchors it
 * with the others. Without the lock a claim stored in between kept offsets of
 * the old text on the new one.
 */
import type { Annotation } from "@/lib/annotation";
import type { Author } from "@/lib/author";
import { anchor } from "@/lib/anchoring";
import { checkRange, describeRange, type TextAnchor } from "@/lib/selectors";
import type { CreateAnnotationInput } from "@/lib/validation";
import type { Database } from "@/db/client";
import { claimOnSameWords, getAnnotation, type NewClaim, toAnnotation } from "@/db/queries/annotations";
import { insertClaimAtRevision, insertClaimCreated } from "@/db/queries/claim-events";
import { indexedText, lockDocumentForShare } from "@/db/queries/documents";

/** What a reviewer sends: offsets in the text of `revision` (the latest when absent), and the claim's fields. */
export type Selection = CreateAnnotationInput;

export type SelectionResult =
  | { kind: "created" | "existing"; annotation: Annotation }
  | { kind: "not_found" }
  | { kind: "id_taken" }
  | { kind: "invalid_revision"; latest: number }
  | { kind: "invalid_range"; message: string }
  /** The words are not in the latest text as they were. */
  | { kind: "revised"; latest: number }
  /** Another live claim is on exactly these words (and the request did not allow it). */
  | { kind: "same_words"; annotation: Annotation };

/** Articles by slug, as the last create on each found them: id and latest revision. */
const lastSeen = new Map<string, { id: string; revision: number }>();
const lastSeenKept = 256;

/** Stores a claim on the words a reviewer selected, on the latest revision of the article `slug`. */
export async function createClaimFromSelection(db: Database, slug: string, selection: Selection, author: Author): Promise<SelectionResult> {
  const quick = await createOnLastSeenRevision(db, slug, selection, author);
  if (quick) return quick;
  return db.transaction(async (tx): Promise<SelectionResult> => {
    const document = await lockDocumentForShare(tx, slug);
    if (!document) return { kind: "not_found" };
    lastSeen.delete(slug);
    lastSeen.set(slug, document);
    if (lastSeen.size > lastSeenKept) lastSeen.delete(lastSeen.keys().next().value!);
    const { start, end, revision = document.revision, sameWords, ...fields } = selection;
    if (revision > document.revision) return { kind: "invalid_revision", latest: document.revision };

    const text = await indexedText(tx, { id: document.id, revision });
    const problem = checkRange(text.length, start, end);
    if (problem) return { kind: "invalid_range", message: problem };
    const described = describeRange(text, start, end);

    if (fields.id && revision < document.revision) {
      // A create retried after its answer was lost, and a revision came between:
      // the claim is stored (on the words it was sent with), and placed by the revision.
      const existing = await getAnnotation(tx, fields.id);
      const same =
        existing?.documentId === document.id && existing.tag === fields.tag && (existing.previousQuote ?? existing.exact) === described.exact;
      if (existing && same) return { kind: "existing", annotation: toAnnotation(existing) };
    }

    const placed = revision === document.revision ? described : await onLatestText(tx, document, described);
    if (!placed) return { kind: "revised", latest: document.revision };
    // A client id taken already is the create retried (or refused as id_taken) below, whatever its words.
    const retried = fields.id ? (await getAnnotation(tx, fields.id)) !== undefined : false;
    if (sameWords !== "allow" && !retried) {
      const other = await claimOnSameWords(tx, { documentId: document.id, start: placed.start, end: placed.end, except: fields.id });
      if (other) return { kind: "same_words", annotation: toAnnotation(other) };
    }
    return storeClaim(tx, { ...fields, documentId: document.id, revision: document.revision, anchor: placed, author });
  });
}

/**
 * The common create in one statement and no transaction: words of the
 * latest revision (as the last create on this article found it), from a
 * client that allows other claims on the same words (a script; the editor
 * asks first, which takes a lock and a read before the insert). The
 * statement checks, under the article's share lock, that the revision is
 * still the latest; null when it is not, or the article is gone, or the id
 * is taken, or the range is bad: the transaction then does it all and says
 * which.
 */
async function createOnLastSeenRevision(db: Database, slug: string, selection: Selection, author: Author): Promise<SelectionResult | null> {
  const document = lastSeen.get(slug);
  const { start, end, revision, sameWords, ...fields } = selection;
  if (!document || sameWords !== "allow" || (revision !== undefined && revision !== document.revision)) return null;
  const text = await indexedText(db, document);
  if (checkRange(text.length, start, end)) return null;
  const anchor = describeRange(text, start, end);
  const row = await insertClaimAtRevision(db, slug, { ...fields, documentId: document.id, revision: document.revision, anchor, author });
  return row ? { kind: "created", annotation: toAnnotation(row) } : null;
}

/**
 * Stores a new claim with its `created` event, in the transaction `tx`. A
 * create retried with an id that already holds the same claim returns it
 * unchanged, so a client may retry a create it never heard back from; an id
 * that holds a different claim is `id_taken`.
 */
async function storeClaim(tx: Database, claim: NewClaim): Promise<SelectionResult> {
  const row = await insertClaimCreated(tx, claim);
  if (row) return { kind: "created", annotation: toAnnotation(row) };
  const existing = claim.id ? await getAnnotation(tx, claim.id) : undefined;
  const same = existing && existing.documentId === claim.documentId && existing.start === claim.anchor.start && existing.end === claim.anchor.end;
  return same ? { kind: "existing", annotation: toAnnotation(existing) } : { kind: "id_taken" };
}

/**
 * Words of an earlier revision in the latest text, found as a revision
 * re-anchors claims; only the same words, found without doubt, are taken.
 */
async function onLatestText(db: Database, document: { id: string; revision: number }, described: TextAnchor): Promise<TextAnchor | null> {
  const latest = await indexedText(db, document);
  const found = anchor(latest.text, described);
  const moved = found.status === "anchored" ? describeRange(latest, found.start, found.end) : null;
  return moved && moved.exact === described.exact ? moved : null;
}
