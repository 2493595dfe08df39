/**
 * Claims as CSV for spreadsheets: RFC 4180 (CRLF between records, fields
 * quoted when they hold a comma, quote or line break), UTF-8, one header row
 * and one claim per row. csv-stringify does the quoting.
 *
 * Spreadsheets run a cell that starts with `=`, `+`, `-`, `@`, a tab or a
 * carriage return as a formula, and notes, quotes and claimants are anyone's
 * text; such cells get a leading `'` (csv-stringify's `escape_formulas`, the
 * OWASP advice), which spreadsheets show as text and hide.
 *
 * The file starts with a byte order mark: Excel reads a CSV file without one
 * in the machine's legacy code page and garbles curly quotes and emoji, which
 * news quotes are full of. csv-parse (`bom: true`) and Python (`utf-8-sig`)
 * skip it.
 */
import { stringify } from "csv-stringify/sync";
import type { ExportClaim } from "./links";
import type { ExportWriter } from "./stream";

export const csvContentType = "text/csv; charset=utf-8; header=present";

/** Separates the evidence links of one claim inside their cell (a URL holds no line break). */
export const evidenceSeparator = "\n";

/** The columns, in order, with the header each has. */
export const csvColumns = [
  ["id", "id"],
  ["article", "article"],
  ["start", "start"],
  ["end", "end"],
  ["quote", "quote"],
  ["tag", "tag"],
  ["claimant", "claimant"],
  ["note", "note"],
  ["evidence", "evidence"],
  ["createdBy", "created by"],
  ["createdAt", "created"],
  ["updatedAt", "updated"],
] as const;

type CsvKey = (typeof csvColumns)[number][0];
export type CsvRow = Record<CsvKey, string | number>;

/** One claim as a row: plain values, before quoting and formula escaping. */
export function toCsvRow(claim: ExportClaim): CsvRow {
  return {
    id: claim.id,
    article: claim.document.slug,
    start: claim.start,
    end: claim.end,
    quote: claim.quote,
    tag: claim.tag,
    claimant: claim.claimant,
    note: claim.note,
    evidence: claim.evidence.join(evidenceSeparator),
    createdBy: claim.createdBy,
    createdAt: claim.createdAt,
    updatedAt: claim.updatedAt,
  };
}

const options = {
  columns: csvColumns.map(([key]) => key),
  escape_formulas: true,
  record_delimiter: "windows",
  // csv-stringify quotes a field holding the record delimiter (CRLF), not a
  // bare LF or CR, which spreadsheets and Python read as the end of a row.
  quoted_match: /[\r\n]/,
} as const;

/** Writes the header, then each batch of claims as rows. */
export function csvWriter(): ExportWriter {
  return {
    head: `\uFEFF${stringify([csvColumns.map(([, header]) => header)], { record_delimiter: "windows" })}`,
    batch: (claims) => stringify(claims.map(toCsvRow), options),
    tail: () => "",
  };
}
