/** Agreement between reviewers (lib/agreement.ts) over the verdicts of one article's claims or of all. */
import "server-only";
import { getDb } from "@/db/client";
import { getDocumentSummary } from "@/db/queries/documents";
import { listVerdictPairs, type VerdictPair } from "@/db/queries/verdicts";
import { type Agreement, agreementOf } from "@/lib/agreement";
import type { AgreementQuery } from "@/lib/review-input";
import type { Actor } from "./actor";
import { notFound, type Outcome, refuse } from "./refusal";

export interface AgreementReport extends Agreement {
  /** The pairs whose tags differ, in reading order. */
  disagreements: VerdictPair[];
}

export async function getAgreement(actor: Actor, query: AgreementQuery): Promise<Outcome<AgreementReport>> {
  const refused = refuse(actor, "read", { kind: "article", slug: query.document });
  if (refused) return refused;
  const db = await getDb();
  const document = query.document === undefined ? undefined : await getDocumentSummary(db, query.document);
  if (query.document !== undefined && !document) return notFound("Article");
  const pairs = await listVerdictPairs(db, { documentId: document?.id, pair: query.pair });
  const agreement = agreementOf(pairs.map((pair) => [pair.first.tag, pair.second.tag] as const));
  return { ...agreement, disagreements: pairs.filter((pair) => pair.first.tag !== pair.second.tag) };
}
