/**
 * Claims for the export tests, chosen for what breaks exports: text that
 * needs quoting (commas, double quotes, line breaks), astral characters,
 * cells a spreadsheet would run as formulas, empty optional fields and
 * context, and an article with and without its publisher's URL.
 */
import type { ExportClaim } from "@/lib/export/links";
import { exportStream, type ExportWriter } from "@/lib/export/stream";

const article = { slug: "jassy-bloomberg-retraction", title: "Jassy calls for retraction", outlet: "CNBC", sourceUrl: null };
const published = {
  slug: "bloomberg-big-hack",
  title: "The Big Hack",
  outlet: null,
  sourceUrl: "https://www.bloomberg.com/news/features/2018-10-04/the-big-hack",
};

const base = {
  documentId: "7d1c7d6e-4a0e-4a36-9d0b-1f0c7a0f6a01",
  createdBy: "Ada Reviewer",
  updatedBy: "Ada Reviewer",
  // Recorded before accounts, but for the one claim below that names its user.
  createdById: null,
  createdAt: "2024-05-01T09:30:00.000Z",
  updatedAt: "2024-05-02T10:00:00.000Z",
  version: 1,
  status: "anchored" as const,
  previousQuote: null,
  createdRevision: 1,
  anchoredRevision: 1,
  commentCount: 0,
  // Approved, so that every format (ClaimReview too) holds them.
  reviewState: "approved" as const,
  approvedBy: "Rita Reviewer",
  approvedAt: "2024-05-03T08:00:00.000Z",
  reviewers: ["Ada Reviewer", "Rita Reviewer"],
  provenance: null,
};

export const sampleClaims: ExportClaim[] = [
  {
    ...base,
    id: "0b6c3f0e-8d6a-4f44-9f3b-4c1f2d9d2a11",
    start: 39,
    end: 48,
    quote: "spy chips",
    prefix: "ssy said the Bloomberg story on ",
    suffix: " was wrong and should be retract",
    tag: "disputed",
    note: 'He said, "no evidence" — see both links,\nthen the follow-up 😀.',
    claimant: "Andy Jassy",
    evidence: ["https://example.org/aws-statement", "https://example.org/apple-letter?a=1&b=2"],
    document: article,
  },
  {
    ...base,
    id: "1c7d4f1f-9e7b-4a55-8a4c-5d2e3f4a5b22",
    start: 0,
    end: 6,
    quote: "Amazon",
    prefix: "",
    suffix: "",
    tag: "unverified",
    note: "",
    claimant: "",
    evidence: [],
    document: article,
  },
  {
    ...base,
    id: "2d8e5a2a-af8c-4b66-9b5d-6e3f4a5b6c33",
    start: 120,
    end: 125,
    quote: "-5% ",
    prefix: "shares fell ",
    suffix: "on the day",
    tag: "denied",
    note: '=HYPERLINK("https://evil.example","click")',
    claimant: "+Supermicro",
    evidence: ["https://example.org/supermicro"],
    createdBy: "@mallory",
    createdById: "mallory-user-id",
    document: published,
  },
];

/** A claim imported from a Hypothesis annotation: its importer is `createdBy`, the annotation's author its provenance. */
export const importedClaim: ExportClaim = {
  ...sampleClaims[0],
  id: "3e9f6b3b-b09d-4c77-8c6e-7f4a5b6c7d44",
  createdBy: "Ivy Importer",
  createdById: "ivy-user-id",
  provenance: {
    creator: { name: "asmith", id: "acct:asmith@hypothes.is" },
    source: "Hypothesis",
    sourceId: "https://hypothes.is/a/Qm9vbWVyYW5nMTIzNDU2",
    created: "2018-10-03T14:02:11.123Z",
    modified: "2018-10-04T09:00:00.000Z",
  },
};

/** An async source of claims in batches of `batchSize`, as `streamReviewClaims` is. */
async function* claimSource(claims: ExportClaim[], batchSize: number): AsyncGenerator<ExportClaim[]> {
  for (let i = 0; i < claims.length; i += batchSize) yield claims.slice(i, i + batchSize);
}

/**
 * The whole text an export writer makes of `claims`, through the streaming
 * path routes use, byte order mark kept (`Response.text()` would drop it).
 */
export async function writeExport(writer: ExportWriter, claims: ExportClaim[], batchSize = 2): Promise<string> {
  const bytes = await new Response(exportStream(claimSource(claims, batchSize), writer)).arrayBuffer();
  return new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
}
