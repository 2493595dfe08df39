import { and, asc, eq, gte, isNull, sql } from "drizzle-orm";
import type { Author } from "@/lib/author";
import type { Verdict } from "@/lib/review";
import type { Tag } from "@/lib/tags";
import type { Database } from "../client";
import { annotations, claimEvents, claimVerdicts, type ClaimVerdictRow, documents } from "../schema";

/** A stored verdict in its API shape. */
export function toVerdict(row: ClaimVerdictRow): Verdict {
  return { ...row, at: row.at.toISOString() };
}

/** A claim's verdicts, the first (its author's) first, then in the order they were given. */
export async function listVerdicts(db: Database, annotationId: string): Promise<Verdict[]> {
  const rows = await db
    .select()
    .from(claimVerdicts)
    .where(eq(claimVerdicts.annotationId, annotationId))
    .orderBy(sql`${claimVerdicts.kind} = 'second'`, asc(claimVerdicts.at), asc(claimVerdicts.id));
  return rows.map(toVerdict);
}

/** The verdict `userId` gave on a claim, if any. */
export async function getVerdictOf(db: Database, annotationId: string, userId: string): Promise<Verdict | undefined> {
  const [row] = await db
    .select()
    .from(claimVerdicts)
    .where(and(eq(claimVerdicts.annotationId, annotationId), eq(claimVerdicts.byId, userId)))
    .limit(1);
  return row && toVerdict(row);
}

/**
 * Stores a verdict; undefined when its giver has one on the claim already
 * (or, for a `first`, when the claim has its first). Write `verdictColumns`
 * on the claim after, in the same transaction.
 */
export async function insertVerdict(
  tx: Database,
  verdict: { annotationId: string; kind: "first" | "second"; tag: Tag; note: string; by: Author },
): Promise<Verdict | undefined> {
  const [row] = await tx
    .insert(claimVerdicts)
    .values({
      annotationId: verdict.annotationId,
      kind: verdict.kind,
      tag: verdict.tag,
      note: verdict.note,
      by: verdict.by.name,
      byId: verdict.by.id,
    })
    .onConflictDoNothing()
    .returning();
  return row && toVerdict(row);
}

/** The claim's columns that say how many verdicts it has and whether they differ, as they are once the statement runs. */
export function verdictColumns(annotationId: string) {
  const verdicts = sql`(select count(*)::int as n, count(distinct ${claimVerdicts.tag})::int as tags from ${claimVerdicts} where ${claimVerdicts.annotationId} = ${annotationId})`;
  return {
    verdictCount: sql<number>`(select n from ${verdicts} v)`,
    verdictsDiffer: sql<boolean>`(select tags > 1 from ${verdicts} v)`,
  };
}

/** Whether `userId` read the claim's verdicts before (a `verdicts_seen` event of theirs). */
export async function hasSeenVerdicts(db: Database, annotationId: string, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: claimEvents.id })
    .from(claimEvents)
    .where(and(eq(claimEvents.annotationId, annotationId), eq(claimEvents.actorId, userId), eq(claimEvents.action, "verdicts_seen")))
    .limit(1);
  return row !== undefined;
}

/** Two verdicts on one claim, compared for agreement. */
export interface VerdictPair {
  claimId: string;
  document: string;
  quote: string;
  first: Pick<Verdict, "tag" | "by" | "byId">;
  second: Pick<Verdict, "tag" | "by" | "byId">;
  /** Who may read the claim's verdicts depends on these (server/policy.ts, whyNotSeeVerdicts): its author, and who gave one. */
  createdById: string | null;
  givenBy: (string | null)[];
}

/**
 * The pairs of verdicts agreement is measured on, over the live claims of
 * one article or of all: without `pair`, each claim's first verdict (its
 * author's) and the first other one given; with `pair` (two user ids), the
 * verdicts of those two on each claim both gave one on, in that order.
 */
export async function listVerdictPairs(db: Database, scope: { documentId?: string; pair?: [string, string] }): Promise<VerdictPair[]> {
  const rows = await db
    .select({
      claimId: annotations.id,
      document: documents.slug,
      quote: annotations.exact,
      createdById: annotations.createdById,
      kind: claimVerdicts.kind,
      tag: claimVerdicts.tag,
      by: claimVerdicts.by,
      byId: claimVerdicts.byId,
    })
    .from(claimVerdicts)
    .innerJoin(annotations, eq(annotations.id, claimVerdicts.annotationId))
    .innerJoin(documents, eq(documents.id, annotations.documentId))
    .where(
      and(
        isNull(annotations.deletedAt),
        gte(annotations.verdictCount, 2),
        scope.documentId === undefined ? undefined : eq(annotations.documentId, scope.documentId),
        scope.pair === undefined ? undefined : sql`${claimVerdicts.byId} in (${scope.pair[0]}, ${scope.pair[1]})`,
      ),
    )
    .orderBy(
      asc(documents.slug),
      asc(annotations.start),
      asc(annotations.id),
      sql`${claimVerdicts.kind} = 'second'`,
      asc(claimVerdicts.at),
      asc(claimVerdicts.id),
    );
  const byClaim = new Map<string, typeof rows>();
  for (const row of rows) byClaim.set(row.claimId, [...(byClaim.get(row.claimId) ?? []), row]);
  const pairs: VerdictPair[] = [];
  for (const verdicts of byClaim.values()) {
    const [first, second] = scope.pair
      ? scope.pair.map((id) => verdicts.find((verdict) => verdict.byId === id))
      : [verdicts.find((verdict) => verdict.kind === "first"), verdicts.find((verdict) => verdict.kind === "second")];
    if (!first || !second) continue;
    const { claimId, document, quote, createdById } = first;
    const who = ({ tag, by, byId }: (typeof rows)[number]) => ({ tag, by, byId });
    pairs.push({ claimId, document, quote, first: who(first), second: who(second), createdById, givenBy: verdicts.map((verdict) => verdict.byId) });
  }
  return pairs;
}
