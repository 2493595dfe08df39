/**
 * The use cases on claims: each takes the actor and its input, asks the
 * policy, and returns the claim or a `Refusal`. Each change is one
 * transaction (server/claim-changes.ts, server/create-claim.ts) that writes
 * through `db/queries` and appends the change's `claim_events` row.
 */
import "server-only";
import { createHash } from "node:crypto";
import migrations from "@/db/migrations/meta/_journal.json";
import { getDb } from "@/db/client";
import { getAnnotation, listAnnotationsJson, annotationColumns, editorAnnotationColumns } from "@/db/queries/annotations";
import { type DeletedFilter, listDeletedAnnotations, restoreDeletedAnnotations } from "@/db/queries/deleted";
import { getDocumentById, getDocumentSummary } from "@/db/queries/documents";
import { getReviewClaim } from "@/db/queries/review";
import { getRevision, listAnnotationHistory, listAnnotationsAtRevision } from "@/db/queries/revisions";
import { latestFeedEventMark, listClaimEvents } from "@/db/queries/claim-events";
import { type Annotation, toEditorAnnotation } from "@/lib/annotation";
import { entityTagMatches } from "@/lib/http";
import { type HistoryEntry, mergeHistory } from "@/lib/claim-history";
import { checkRange, describeRange } from "@/lib/selectors";
import { CodePointIndex } from "@/lib/text-offsets";
import type { CreateAnnotationInput, PatchAnnotationInput, PickConflictInput } from "@/lib/validation";
import type { Actor } from "./actor";
import { type Action, canForAnyone } from "./policy";
import { applyDelete, applyEdit, applyPick, applyReattach, applyRestore, confirmsVerdict } from "./claim-changes";
import { createClaimFromSelection } from "./create-claim";
import { notFound, type Outcome, Refusal, refuse } from "./refusal";
import { errorCode } from "@/lib/error-codes";

const versionConflict = (version: number, annotation: Annotation) =>
  new Refusal("conflict", errorCode.versionConflict, `The claim changed since version ${version}.`, { annotation });

/** A new claim on the words a reviewer selected; `created` is false for a retried create that found it stored. */
export async function createClaim(
  actor: Actor,
  slug: string,
  input: CreateAnnotationInput,
): Promise<Outcome<{ created: boolean; annotation: Annotation }>> {
  const refused = refuse(actor, "create_claim", { kind: "article", slug });
  if (refused) return refused;
  const result = await createClaimFromSelection(await getDb(), slug, input, actor);
  switch (result.kind) {
    case "not_found":
      return notFound("Article");
    case "invalid_revision":
      return new Refusal(
        "invalid",
        errorCode.invalidRevision,
        `revision: the article has no revision ${input.revision} (the latest is ${result.latest}).`,
      );
    case "invalid_range":
      return new Refusal("invalid", errorCode.invalidRange, result.message);
    case "revised":
      return new Refusal(
        "conflict",
        errorCode.articleRevised,
        `The article was revised (revision ${result.latest}) after these words were selected, and they are not in the latest text as they were: select them again on the latest revision.`,
      );
    case "id_taken":
      return new Refusal("conflict", errorCode.idTaken, "Another claim already has this id.");
    case "same_words": {
      const { createdBy, tag } = result.annotation;
      return new Refusal(
        "conflict",
        errorCode.sameWords,
        `${createdBy} already tagged these words ${tag}: open that claim, or send "sameWords": "allow" to tag them again.`,
        { annotation: result.annotation },
      );
    }
    default:
      return { created: result.kind === "created", annotation: result.annotation };
  }
}

/**
 * The policy's answer on one claim, which for a reviewer depends on who
 * made it (read first: who made a claim never changes); a claim that does
 * not exist is not found.
 */
async function refuseOnClaim(actor: Actor, action: Action, id: string): Promise<Refusal | null> {
  if (canForAnyone(actor.role, action)) return null;
  const claim = await getAnnotation(await getDb(), id);
  if (!claim) return notFound("Claim");
  return refuse(actor, action, { kind: "claim", id, createdById: claim.createdById });
}

/** Retags or edits a claim, or confirms its verdict (`previousQuote: null`), if `version` is still the stored one. */
export async function editClaim(actor: Actor, id: string, { version, baseVersion, ...changes }: PatchAnnotationInput): Promise<Outcome<Annotation>> {
  const refused = await refuseOnClaim(actor, confirmsVerdict(changes) ? "confirm_verdict" : "edit_claim", id);
  if (refused) return refused;
  const result = await applyEdit(await getDb(), id, version, changes, actor, baseVersion);
  if (result.kind === "not_found") return notFound("Claim");
  if (result.kind === "deleted") {
    const { deletedBy, deletedAt } = result.annotation;
    // Not applied, and not restored: the client keeps what its reviewer typed and asks them.
    return new Refusal("conflict", errorCode.deleted, `Deleted by ${deletedBy ?? "someone"} at ${deletedAt}.`, { annotation: result.annotation });
  }
  if (result.kind === "conflict") return versionConflict(version, result.annotation);
  return result.annotation;
}

/**
 * Keeps one version of a field two reviewers changed at once (`pick`: its
 * index in the conflict's `values`) and closes the conflict. Anyone who may
 * edit the claim may pick.
 */
export async function pickConflictVersion(
  actor: Actor,
  id: string,
  conflictId: string,
  { version, pick }: PickConflictInput,
): Promise<Outcome<Annotation>> {
  const refused = await refuseOnClaim(actor, "edit_claim", id);
  if (refused) return refused;
  const result = await applyPick(await getDb(), id, conflictId, version, pick, actor);
  switch (result.kind) {
    case "not_found":
      return notFound("Claim");
    case "no_conflict":
      return notFound("Conflict");
    case "deleted":
      return new Refusal("conflict", errorCode.deleted, `Deleted by ${result.annotation.deletedBy ?? "someone"} at ${result.annotation.deletedAt}.`, {
        annotation: result.annotation,
      });
    case "resolved":
      return new Refusal("conflict", errorCode.conflictResolved, "Someone picked a version of this field already: the conflict is closed.", {
        annotation: result.annotation,
      });
    case "conflict":
      return versionConflict(version, result.annotation);
    case "no_version":
      return new Refusal("invalid", errorCode.invalidBody, `pick: the conflict has ${result.versions} versions, numbered from 0.`);
    default:
      return result.annotation;
  }
}

/** Deletes a claim (softly: it can be restored). Deleting a deleted claim succeeds and changes nothing. */
export async function deleteClaim(actor: Actor, id: string): Promise<Outcome<void>> {
  const refused = await refuseOnClaim(actor, "delete_claim", id);
  if (refused) return refused;
  if (!(await applyDelete(await getDb(), id, actor))) return notFound("Claim");
}

/** Brings back a deleted claim with its id; a live one is returned unchanged. */
export async function restoreClaim(actor: Actor, id: string): Promise<Outcome<Annotation>> {
  const refused = await refuseOnClaim(actor, "restore_claim", id);
  if (refused) return refused;
  return (await applyRestore(await getDb(), id, actor)) ?? notFound("Claim");
}

/**
 * Brings back every claim of the article that one reviewer deleted in a time
 * window; for a reviewer (who may restore only their own claims), only those
 * of them that the reviewer created.
 */
export async function restoreDeletedClaims(actor: Actor, slug: string, filter: Required<DeletedFilter>): Promise<Outcome<Annotation[]>> {
  const refused = refuse(actor, "restore_claim", { kind: "article", slug });
  if (refused) return refused;
  const db = await getDb();
  const document = await getDocumentSummary(db, slug);
  if (!document) return notFound("Article");
  const own = canForAnyone(actor.role, "restore_claim") ? {} : { createdById: actor.id };
  return restoreDeletedAnnotations(db, document.id, { ...filter, ...own }, actor);
}

/** Puts an orphan on words of the article's latest revision that a reviewer chose. */
export async function reattachClaim(
  actor: Actor,
  id: string,
  { version, start, end }: { version: number; start: number; end: number },
): Promise<Outcome<Annotation>> {
  const refused = refuse(actor, "reattach_claim", { kind: "claim", id });
  if (refused) return refused;
  const db = await getDb();
  const claim = await getAnnotation(db, id);
  const document = claim && !claim.deletedAt ? await getDocumentById(db, claim.documentId) : undefined;
  if (!claim || !document) return notFound("Claim");
  // A placed claim keeps its words: moving it would be a new claim, not a repair.
  const notOrphan = new Refusal("conflict", errorCode.notOrphan, "Only an orphan can be re-attached: this claim is on the article's words.");
  if (claim.status !== "orphan") return notOrphan;

  const text = new CodePointIndex(document.text);
  const problem = checkRange(text.length, start, end);
  if (problem) return new Refusal("invalid", errorCode.invalidRange, problem);
  const result = await applyReattach(db, id, version, describeRange(text, start, end), document.revision, actor);
  if (result.kind === "not_found") return notFound("Claim");
  if (result.kind === "not_orphan") return notOrphan;
  if (result.kind === "revised") {
    return new Refusal("conflict", errorCode.articleRevised, "The article was revised meanwhile; select the words again on its latest revision.");
  }
  if (result.kind === "conflict") return versionConflict(version, result.annotation);
  return result.annotation;
}

/** One live claim, with its article's slug, title and outlet (for the W3C form). */
export async function getClaim(actor: Actor, id: string) {
  const refused = refuse(actor, "read", { kind: "claim", id });
  if (refused) return refused;
  return (await getReviewClaim(await getDb(), id)) ?? notFound("Claim");
}

/**
 * Everything that happened to a claim, oldest first: every change (with who,
 * when, before and after) and where it stood on each revision. A deleted
 * claim has one too.
 */
export async function getClaimHistory(actor: Actor, id: string): Promise<Outcome<HistoryEntry[]>> {
  const refused = refuse(actor, "read", { kind: "claim", id });
  if (refused) return refused;
  const db = await getDb();
  if (!(await getAnnotation(db, id))) return notFound("Claim");
  const [events, placements] = await Promise.all([listClaimEvents(db, { annotationId: id }), listAnnotationHistory(db, id)]);
  // A deleted comment's words are gone from the history too (moderation): its events say who wrote, edited and deleted it.
  const deleted = new Set(events.flatMap((event) => (event.action === "comment_deleted" && event.comment ? [event.comment.id] : [])));
  const redacted = events.map((event) =>
    event.comment && deleted.has(event.comment.id) ? { ...event, comment: { ...event.comment, body: "" } } : event,
  );
  return mergeHistory(
    redacted.map(({ annotationId: _claim, documentId: _article, ...event }) => ({ kind: "change" as const, ...event })),
    placements.map((placement) => ({ kind: "placement" as const, ...placement })),
  );
}

/**
 * What a claims list's entity tag names beside the article's state: the
 * fields it sends, and the last migration of this build (a new build may
 * send other fields, and a migration may rewrite claims without events), so
 * that no browser keeps a list an upgrade changed.
 */
function listFormat(columns: Record<string, unknown>): string {
  const format = `${migrations.entries.at(-1)?.tag}:${Object.keys(columns).join(",")}`;
  return createHash("sha256").update(format).digest("base64url").slice(0, 12);
}

/** The two lists' formats, worked out once: they change only with the build. */
const listFormats = { editor: listFormat(editorAnnotationColumns), all: listFormat(annotationColumns) };

/**
 * The claims of an article on its latest revision, or as they stood on
 * `revision`, as the text of the JSON answer `{ revision, annotations }`
 * (the latest list is made by the database, not parsed and written again).
 * `editorFields` keeps only what the editor reads of each claim.
 *
 * The latest list comes with `tag`, an entity tag that changes whenever the
 * list may have: every change to an article's claims (made, changed,
 * deleted, restored, commented on, reviewed, moved by a revision) appends
 * to its live feed in the same transaction, so the feed's last event names
 * the list's state (its id with its time: a database restored from a backup
 * issues the later ids again); `listFormat` adds what the build sends. When
 * `ifNoneMatch` holds the current tag, `body` is null: the client's copy is
 * the latest, and no list is read.
 */
export async function listClaimsJson(
  actor: Actor,
  slug: string,
  { revision, editorFields, ifNoneMatch = null }: { revision?: number; editorFields: boolean; ifNoneMatch?: string | null },
): Promise<Outcome<{ body: string | null; tag: string | null }>> {
  const refused = refuse(actor, "read", { kind: "article", slug });
  if (refused) return refused;
  const db = await getDb();
  const document = await getDocumentSummary(db, slug);
  if (!document) return notFound("Article");
  if (revision === undefined || revision === document.revision) {
    const columns = editorFields ? editorAnnotationColumns : annotationColumns;
    // Read before the list: a change committed in between makes the list newer than its tag (sent again next time), never older.
    const lastEvent = await latestFeedEventMark(db, document.id);
    const tag = `W/"${document.id}.${document.revision}.${lastEvent}.${listFormats[editorFields ? "editor" : "all"]}"`;
    if (entityTagMatches(ifNoneMatch, tag)) return { body: null, tag };
    const annotations = await listAnnotationsJson(db, document.id, columns);
    // The revision the offsets count in, so a client can tell whether they fit the text it has.
    return { body: `{"revision":${document.revision},"annotations":${annotations}}`, tag };
  }
  if (!(await getRevision(db, document.id, revision))) return notFound("Revision");
  const annotations = await listAnnotationsAtRevision(db, document.id, revision);
  return { body: JSON.stringify({ revision, annotations: editorFields ? annotations.map(toEditorAnnotation) : annotations }), tag: null };
}

/** The deleted claims of an article that match `filter`, the latest deletion first. */
export async function listDeletedClaims(actor: Actor, slug: string, filter: DeletedFilter) {
  const refused = refuse(actor, "read", { kind: "article", slug });
  if (refused) return refused;
  const db = await getDb();
  const document = await getDocumentSummary(db, slug);
  if (!document) return notFound("Article");
  return listDeletedAnnotations(db, document.id, filter);
}
