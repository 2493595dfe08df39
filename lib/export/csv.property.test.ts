import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type CsvRow, csvColumns, csvRecord, csvWriter } from "./csv";

// Cells made of what breaks CSV (delimiters, quotes, CR, LF), what a
// spreadsheet runs as a formula when a cell starts with it, a byte order
// mark, NUL, and any other character. Not half of a surrogate pair: the API
// refuses those, and a UTF-8 file cannot carry them.
const piece = fc.oneof(
  fc.constantFrom(",", '"', "\r", "\n", "\r\n", "=", "+", "-", "@", "\t", "\uFF1D", "\uFF0B", "\uFF0D", "\uFF20", "'", " ", "\uFEFF", "\u0000", "😀"),
  fc.string({ unit: "binary", maxLength: 3 }),
);
const cell = fc.array(piece, { maxLength: 6 }).map((pieces) => pieces.join(""));
const row: fc.Arbitrary<CsvRow> = fc.record(
  Object.fromEntries(csvColumns.map(([key]) => [key, key === "start" || key === "end" ? fc.integer({ min: -1_000_000, max: 1_000_000 }) : cell])) as {
    [K in keyof CsvRow]: fc.Arbitrary<CsvRow[K]>;
  },
);

/** What the writer promises a reader gets: the cell, with `'` before a start a spreadsheet would run. */
function expectedCell(value: string | number): string {
  if (typeof value === "number") return String(value);
  return value !== "" && "=+-@\t\r\uFF1D\uFF0B\uFF0D\uFF20".includes(value[0]) ? `'${value}` : value;
}

describe("CSV export (properties)", () => {
  it("gives back every cell, in order, when parsed strictly; formula starts behind an apostrophe", () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 5 }), (rows) => {
        const text = csvWriter().head + rows.map((r) => csvRecord(r)).join("");
        // Strict RFC 4180, and any bare line break outside quotes ends a record (as Python and spreadsheets read it).
        const parsed: string[][] = parse(text, { bom: true, relax_quotes: false, relax_column_count: false, record_delimiter: ["\r\n", "\n", "\r"] });
        expect(parsed).toEqual([csvColumns.map(([, header]) => header), ...rows.map((r) => csvColumns.map(([key]) => expectedCell(r[key])))]);
      }),
      { numRuns: 300 },
    );
  });
});
