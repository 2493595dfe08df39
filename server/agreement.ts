/**
 * Agreement between reviewers (lib/agreement.ts) over the verdicts of one
 * article's claims or of all, those the asker may read (a reviewer: the
 * claims they made or gave a verdict on).
 */
import "server-only";
import { getDb } from "@/db/client";
import { getDocumentSummary } from "@/db/queries/documents";
import { listVerdictPairs, type VerdictPair } from "@/db/queries/verdicts";
import { type Agreement, agreementOf } from "@/lib/agreement";
import type { AgreementQuery } from "@/lib/review-input";
import type { Actor } from "./actor";
import { whyNotSeeVerdicts } from "./policy";
import { notFound, type Outcome, refuse } from "./refusal";

export interface AgreementReport extends Agreement {
  /** The pairs whose tags differ, in reading order. */
  disagreements: Omit<VerdictPair, "createdById" | "givenBy">[];
}

export async function getAgreement(actor: Actor, query: AgreementQuery): Promise<Outcome<AgreementReport>> {
  const refused = refuse(actor, "read", { kind: "article", slug: query.document });
  if (refused) return refused;
  const db = await getDb();
  const document = query.document === undefined ? undefined : await getDocumentSummary(db, query.document);
  if (query.document !== undefined && !document) return notFound("Article");
  // Blind review holds here too: a claim's verdicts count only for who may read them (its author, who
  // gave one, editors, admins, viewers), or a report would show a reviewer the verdict they are to give blind.
  const pairs = (await listVerdictPairs(db, { documentId: document?.id, pair: query.pair })).filter(
    (pair) => whyNotSeeVerdicts(actor, { createdById: pair.createdById, gaveVerdict: pair.givenBy.includes(actor.id) }) === null,
  );
  const agreement = agreementOf(pairs.map((pair) => [pair.first.tag, pair.second.tag] as const));
  const disagreements = pairs
    .filter((pair) => pair.first.tag !== pair.second.tag)
    .map(({ createdById: _createdById, givenBy: _givenBy, ...pair }) => pair);
  return { ...agreement, disagreements };
}
