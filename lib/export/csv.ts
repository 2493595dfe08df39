/**
 * Claims as CSV for spreadsheets: RFC 4180 (CRLF between records, fields
 * quoted when they hold a comma, quote or line break), UTF-8, one header row
 * and one claim per row.
 *
 * Spreadsheets run a cell that starts with `=`, `+`, `-`, `@`, a tab or a
 * carriage return (or a full-width `＝`, `＋`, `－`, `＠`, which Apple Numbers
 * reads as those) as a formula, and notes, quotes and claimants are anyone's
 * text; such cells get a leading `'` (the OWASP advice), which spreadsheets
 * show as text and hide.
 *
 * The quoting is written here rather than left to csv-stringify, which the
 * project used first and which spent most of a 100,000-claim CSV export
 * after reading the rows: on the benchmark's claims about 8 µs a row against
 * 1.5 here (5×), 2 to 3× on rows whose notes all need quoting. The output is
 * the same, byte for byte: csv.test.ts checks it against csv-stringify
 * (`escape_formulas`, CRLF records, quoting of bare CR and LF) on awkward
 * cells.
 *
 * The file starts with a byte order mark: Excel reads a CSV file without one
 * in the machine's legacy code page and garbles curly quotes and emoji, which
 * news quotes are full of. csv-parse (`bom: true`) and Python (`utf-8-sig`)
 * skip it.
 */
import type { ExportClaim } from "./links";
import type { ExportWriter } from "./stream";

export const csvContentType = "text/csv; charset=utf-8; header=present";

/** Separates the evidence links of one claim inside their cell (a URL holds no line break). */
export const evidenceSeparator = "\n";

/** The columns, in order, with the header each has. */
export const csvColumns = [
  ["id", "id"],
  ["article", "article"],
  // Beside the slug, so a spreadsheet of every article's claims says which article each is without a lookup.
  ["articleTitle", "article title"],
  ["start", "start"],
  ["end", "end"],
  ["quote", "quote"],
  ["tag", "tag"],
  ["claimant", "claimant"],
  ["note", "note"],
  ["evidence", "evidence"],
  ["status", "status"],
  ["previousQuote", "previous quote"],
  ["createdBy", "created by"],
  ["createdAt", "created"],
  ["updatedAt", "updated"],
  // The number of comments in the claim's discussion (their words are in the W3C export).
  ["commentCount", "comments"],
  // An imported claim's original (lib/provenance.ts): who wrote it, in which tool, when; empty for a claim made here.
  // Last, so that spreadsheets reading the columns above by position keep working.
  ["originalAuthor", "original author"],
  ["originalSource", "original source"],
  ["originalDate", "original date"],
] as const;

type CsvKey = (typeof csvColumns)[number][0];
export type CsvRow = Record<CsvKey, string | number>;

/** One claim as a row: plain values, before quoting and formula escaping. */
export function toCsvRow(claim: ExportClaim): CsvRow {
  return {
    id: claim.id,
    article: claim.document.slug,
    articleTitle: claim.document.title,
    start: claim.start,
    end: claim.end,
    quote: claim.quote,
    tag: claim.tag,
    claimant: claim.claimant,
    note: claim.note,
    evidence: claim.evidence.join(evidenceSeparator),
    status: claim.status,
    previousQuote: claim.previousQuote ?? "",
    commentCount: claim.commentCount,
    createdBy: claim.createdBy,
    createdAt: claim.createdAt,
    updatedAt: claim.updatedAt,
    originalAuthor: claim.provenance?.creator?.name ?? "",
    originalSource: claim.provenance?.source ?? "",
    originalDate: claim.provenance?.created ?? "",
  };
}

/** A cell holding one of these is quoted: the delimiter, the quote, or a line break, a bare CR or LF too (spreadsheets and Python end a row on either). */
const needsQuotes = /[",\r\n]/;

/** First characters that make a spreadsheet run a cell as a formula: `=`, `+`, `-`, `@`, tab, CR, and the full-width `＝`, `＋`, `－`, `＠`. */
const formulaStarts = "=+-@\t\r\uFF1D\uFF0B\uFF0D\uFF20";

/** A text cell, neutralised if a spreadsheet would run it, then quoted if it must be. */
function textCell(value: string): string {
  if (value !== "" && formulaStarts.includes(value[0])) value = `'${value}`;
  return needsQuotes.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

const columnKeys = csvColumns.map(([key]) => key);

/** One record of cells, CRLF-terminated. A number is written as it is: a negative offset is not a formula. */
function csvLine(cells: readonly (string | number)[]): string {
  let line = "";
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i];
    if (i > 0) line += ",";
    line += typeof cell === "number" ? String(cell) : textCell(cell);
  }
  return `${line}\r\n`;
}

/** One row as a record, its cells in `csvColumns` order. */
export function csvRecord(row: CsvRow): string {
  return csvLine(columnKeys.map((key) => row[key]));
}

/** Writes the header, then each claim as a row. */
export function csvWriter(): ExportWriter {
  return {
    head: `\uFEFF${csvLine(csvColumns.map(([, header]) => header))}`,
    claim: (claim) => csvRecord(toCsvRow(claim)),
    separator: "",
    tail: () => "",
  };
}
