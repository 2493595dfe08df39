import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { describe, expect, it } from "vitest";
import { importedClaim, sampleClaims, writeExport } from "@/test/export-claims";
import { type CsvRow, csvColumns, csvRecord, csvWriter } from "./csv";

const header = [
  "id",
  "article",
  "article title",
  "start",
  "end",
  "quote",
  "tag",
  "claimant",
  "note",
  "evidence",
  "status",
  "previous quote",
  "created by",
  "created",
  "updated",
  "comments",
  "original author",
  "original source",
  "original date",
];

async function exportRows(claims = sampleClaims) {
  const text = await writeExport(csvWriter(), claims);
  // Strict RFC 4180 reading: quotes only where a field is quoted, every row as
  // wide as the header; and, as Python and spreadsheets do, any line break
  // outside quotes ends a record, so a bare "\n" in a cell must be quoted.
  const rows: string[][] = parse(text, { bom: true, relax_quotes: false, relax_column_count: false, record_delimiter: ["\r\n", "\n", "\r"] });
  return { text, rows };
}

describe("CSV export", () => {
  it("starts with a byte order mark and a header row, then one row per claim, CRLF between records", async () => {
    const { text, rows } = await exportRows();
    expect(
      text.startsWith(
        "\uFEFFid,article,article title,start,end,quote,tag,claimant,note,evidence,status,previous quote,created by,created,updated,comments,original author,original source,original date\r\n",
      ),
    ).toBe(true);
    expect(rows[0]).toEqual(header);
    expect(rows).toHaveLength(sampleClaims.length + 1);
    expect(text.endsWith("\r\n")).toBe(true);
  });

  it("gives back every field as stored, commas, double quotes, line breaks and emoji included", async () => {
    const { rows } = await exportRows();
    const claim = sampleClaims[0];
    expect(rows[1]).toEqual([
      claim.id,
      "jassy-bloomberg-retraction",
      "Jassy calls for retraction",
      "39",
      "48",
      "spy chips",
      "disputed",
      "Andy Jassy",
      'He said, "no evidence" — see both links,\nthen the follow-up 😀.',
      "https://example.org/aws-statement\nhttps://example.org/apple-letter?a=1&b=2",
      "anchored",
      "",
      "Ada Reviewer",
      "2024-05-01T09:30:00.000Z",
      "2024-05-02T10:00:00.000Z",
      "0",
      "",
      "",
      "",
    ]);
    expect(rows[2].slice(5, 10)).toEqual(["Amazon", "unverified", "", "", ""]);
  });

  it("neutralises cells a spreadsheet would run as formulas with a leading apostrophe", async () => {
    const { rows } = await exportRows();
    const [, , , , , quote, , claimant, note, evidence, , , createdBy] = rows[3];
    expect(quote).toBe("'-5% ");
    expect(claimant).toBe("'+Supermicro");
    expect(note).toBe('\'=HYPERLINK("https://evil.example","click")');
    expect(createdBy).toBe("'@mallory");
    expect(evidence).toBe("https://example.org/supermicro");
  });

  it("neutralises a leading tab or carriage return too", async () => {
    const claims = [{ ...sampleClaims[1], note: "\t=1+1", claimant: "\rcmd" }];
    const { rows } = await exportRows(claims);
    expect(rows[1][7]).toBe("'\rcmd");
    expect(rows[1][8]).toBe("'\t=1+1");
  });

  it("names each claim's article by slug and, beside it, by title, quoted and neutralised like any text", async () => {
    const awkward = { ...sampleClaims[2].document, title: '=Chips, "spies" and\nAmazon' };
    const { rows } = await exportRows([sampleClaims[0], { ...sampleClaims[2], document: awkward }]);
    expect(rows.slice(1).map((row) => row.slice(1, 3))).toEqual([
      ["jassy-bloomberg-retraction", "Jassy calls for retraction"],
      ["bloomberg-big-hack", '\'=Chips, "spies" and\nAmazon'],
    ]);
  });

  it("gives an imported claim's original author, tool and date in the last three columns, its importer as created by", async () => {
    const { rows } = await exportRows([importedClaim]);
    const cell = (name: string) => rows[1][header.indexOf(name)];
    expect([cell("created by"), cell("original author"), cell("original source"), cell("original date")]).toEqual([
      "Ivy Importer",
      "asmith",
      "Hypothesis",
      "2018-10-03T14:02:11.123Z",
    ]);
  });

  it("is only the header when there are no claims", async () => {
    const { rows } = await exportRows([]);
    expect(rows).toEqual([header]);
  });

  it("writes what csv-stringify writes with formula escaping, byte for byte, on awkward cells", () => {
    // Every cell start a spreadsheet runs, every character that forces quoting, and their mixes.
    const pieces = [
      "",
      "a",
      " ",
      ",",
      '"',
      "\r",
      "\n",
      "\r\n",
      "=",
      "+",
      "-",
      "@",
      "\t",
      "\uFF1D",
      "\uFF0B",
      "\uFF0D",
      "\uFF20",
      "'",
      "😀",
      "“x”",
      "-5",
    ];
    const keys = csvColumns.map(([key]) => key);
    const rows: CsvRow[] = [];
    let seed = 7;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648);
    for (let i = 0; i < 2_000; i++) {
      const row = {} as CsvRow;
      for (const key of keys) {
        if (key === "start" || key === "end") {
          row[key] = (next() % 2_000) - 1_000;
          continue;
        }
        let cell = "";
        for (let n = next() % 4; n > 0; n--) cell += pieces[next() % pieces.length];
        row[key] = cell;
      }
      rows.push(row);
    }
    const expected = stringify(rows, { columns: keys, escape_formulas: true, record_delimiter: "windows", quoted_match: /[\r\n]/ });
    expect(rows.map((row) => csvRecord(row)).join("")).toBe(expected);
  });
});
