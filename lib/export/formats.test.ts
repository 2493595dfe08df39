import { describe, expect, it } from "vitest";
import type { ReviewFilters } from "../review-filters";
import { exportFile, exportUrl, parseExportQuery } from "./formats";

const links = { origin: "https://factcheck.example.org" };
const publishing = { publisher: { name: "Desk", url: "https://desk.example.org", logo: null }, publicBaseUrl: "https://desk.example.org/checks" };
const query = (search: string) => parseExportQuery(new URLSearchParams(search));

describe("parseExportQuery", () => {
  it("reads the format and the review filters", () => {
    expect(query("format=csv&tag=denied&tag=disputed&q=chips&sort=updated")).toEqual({
      format: "csv",
      filters: { tags: ["denied", "disputed"], q: "chips", sort: "updated", dir: "desc" },
    });
    expect(query("format=csv&sort=claimant&dir=desc")).toEqual({ format: "csv", filters: { tags: [], sort: "claimant", dir: "desc" } });
  });

  it.each([
    ["no format", "tag=denied"],
    ["an empty format", "format="],
    ["an unknown format", "format=xlsx"],
    ["a format in capitals", "format=CSV"],
    ["a bad filter", "format=csv&tag=false"],
    ["a bad sort", "format=w3c&sort=random"],
    ["a bad direction", "format=w3c&sort=tag&dir=up"],
  ])("says what is wrong with %s", (_name, search) => {
    const parsed = query(search);
    expect(parsed).toEqual({ error: expect.any(String) });
  });
});

describe("exportFile", () => {
  const article = { slug: "jassy-bloomberg-retraction", title: "Jassy" };

  it.each([
    ["csv", "text/csv; charset=utf-8; header=present", "jassy-bloomberg-retraction-claims.csv"],
    ["w3c", 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"', "jassy-bloomberg-retraction-claims.jsonld"],
    ["claimreview", "application/ld+json", "jassy-bloomberg-retraction-claimreview.jsonld"],
  ] as const)("names a %s download after the article, with its media type", (format, contentType, fileName) => {
    const file = exportFile({ format, filters: { tags: [], sort: "position", dir: "asc" } }, { article }, links, publishing);
    expect(file.contentType).toBe(contentType);
    expect(file.fileName).toBe(fileName);
  });

  it("names an export of every article `all`, and keeps odd characters out of file names", () => {
    const filters: ReviewFilters = { tags: [], sort: "position", dir: "asc" };
    expect(exportFile({ format: "csv", filters }, {}, links, publishing).fileName).toBe("all-claims.csv");
    const odd = { slug: 'a"b/c d', title: "x" };
    expect(exportFile({ format: "csv", filters }, { article: odd }, links, publishing).fileName).toBe("a-b-c-d-claims.csv");
  });

  it("identifies a W3C collection by its canonical export URL, filters in a fixed order", () => {
    const parsed = query("sort=updated&q=spy chips&tag=denied&format=w3c");
    if ("error" in parsed) throw new Error(parsed.error);
    expect(exportUrl(links, { article }, parsed)).toBe(
      "https://factcheck.example.org/api/documents/jassy-bloomberg-retraction/export?format=w3c&tag=denied&q=spy+chips&sort=updated",
    );
    expect(exportUrl(links, {}, parsed)).toBe("https://factcheck.example.org/api/export?format=w3c&tag=denied&q=spy+chips&sort=updated");
  });
});
