import { describe, expect, it } from "vitest";
import {
  createAnnotationInput,
  describeIssues,
  maxClaimantLength,
  maxEvidenceLinks,
  maxNoteLength,
  maxReviewerLength,
  maxUrlLength,
  patchAnnotationInput,
  reviewerName,
} from "./validation";

const id = "7a1c9a52-3c5f-4d36-9a55-0a7f6d6f8f10";
const minimalCreate = { start: 0, end: 5, tag: "disputed" };

/** The message a client would get for a body, or null when the body is accepted. */
function problem(schema: typeof createAnnotationInput | typeof patchAnnotationInput, body: unknown): string | null {
  const parsed = schema.safeParse(body);
  return parsed.success ? null : describeIssues(parsed.error);
}

describe("createAnnotationInput", () => {
  it("accepts a range and a tag alone", () => {
    expect(createAnnotationInput.parse(minimalCreate)).toEqual(minimalCreate);
  });

  it("accepts every field, with a client-chosen UUID", () => {
    const body = {
      id,
      start: 3,
      end: 9,
      tag: "unverified",
      note: "Bloomberg stood by its story.",
      claimant: "Andy Jassy",
      evidence: ["https://example.com/a", "http://example.org/b?c=d#e"],
    };
    expect(createAnnotationInput.parse(body)).toEqual(body);
  });

  it("accepts each of the three tags and nothing else", () => {
    for (const tag of ["disputed", "denied", "unverified"]) expect(problem(createAnnotationInput, { ...minimalCreate, tag })).toBeNull();
    expect(problem(createAnnotationInput, { ...minimalCreate, tag: "false" })).toBe("tag: tag must be one of: disputed, denied, unverified");
    expect(problem(createAnnotationInput, { start: 0, end: 5 })).toMatch(/^tag: /);
  });

  it("refuses an unknown field instead of dropping it", () => {
    expect(problem(createAnnotationInput, { ...minimalCreate, quote: "Bloomberg" })).toBe("unknown or unchangeable field(s): quote");
    expect(problem(createAnnotationInput, { ...minimalCreate, version: 1, createdBy: "x" })).toBe(
      "unknown or unchangeable field(s): version, createdBy",
    );
  });

  it("refuses an id that is not a UUID", () => {
    expect(problem(createAnnotationInput, { ...minimalCreate, id: "claim-1" })).toMatch(/^id: /);
  });

  it("refuses negative, fractional and non-numeric offsets", () => {
    expect(problem(createAnnotationInput, { ...minimalCreate, start: -1 })).toBe("start: offsets must not be negative");
    expect(problem(createAnnotationInput, { ...minimalCreate, end: 2.5 })).toBe("end: offsets must be integers");
    expect(problem(createAnnotationInput, { ...minimalCreate, start: "0" })).toMatch(/^start: /);
  });

  it("trims the claimant and limits it to 200 characters", () => {
    expect(createAnnotationInput.parse({ ...minimalCreate, claimant: "  Tim Cook \n" }).claimant).toBe("Tim Cook");
    expect(problem(createAnnotationInput, { ...minimalCreate, claimant: "x".repeat(maxClaimantLength) })).toBeNull();
    expect(problem(createAnnotationInput, { ...minimalCreate, claimant: "x".repeat(maxClaimantLength + 1) })).toBe(
      "claimant: claimant is at most 200 characters",
    );
  });
});

describe("notes", () => {
  it("accept up to 10,000 characters and refuse one more", () => {
    expect(maxNoteLength).toBe(10_000);
    expect(problem(createAnnotationInput, { ...minimalCreate, note: "n".repeat(10_000) })).toBeNull();
    expect(problem(createAnnotationInput, { ...minimalCreate, note: "n".repeat(10_001) })).toBe("note: note is at most 10000 characters");
    expect(problem(patchAnnotationInput, { version: 1, note: "n".repeat(10_001) })).toBe("note: note is at most 10000 characters");
  });

  it("keep their whitespace and line breaks as typed", () => {
    expect(createAnnotationInput.parse({ ...minimalCreate, note: "  line one\nline two  " }).note).toBe("  line one\nline two  ");
  });

  it("refuse the NUL character, which PostgreSQL cannot store", () => {
    expect(problem(createAnnotationInput, { ...minimalCreate, note: "before\u0000after" })).toBe("note: must not contain NUL characters");
    expect(problem(patchAnnotationInput, { version: 1, note: "\u0000" })).toBe("note: must not contain NUL characters");
  });

  it("refuse NUL in the claimant and in evidence links too", () => {
    expect(problem(createAnnotationInput, { ...minimalCreate, claimant: "A\u0000" })).toMatch(/^claimant: must not contain NUL/);
    expect(problem(createAnnotationInput, { ...minimalCreate, evidence: ["https://example.com/\u0000"] })).toMatch(
      /^evidence\.0: must not contain NUL/,
    );
  });
});

describe("evidence links", () => {
  const evidenceProblem = (evidence: unknown) => problem(createAnnotationInput, { ...minimalCreate, evidence });

  it("accept http and https URLs", () => {
    expect(evidenceProblem(["http://example.com", "https://www.bloomberg.com/news/features/2018-10-04/x", "HTTPS://EXAMPLE.COM/"])).toBeNull();
  });

  it("refuse every other scheme", () => {
    for (const link of [
      "javascript:alert(1)",
      "JavaScript:alert(1)",
      "data:text/html,<script>alert(1)</script>",
      "ftp://example.com/file",
      "file:///etc/passwd",
      "mailto:someone@example.com",
      "vbscript:msgbox",
    ]) {
      expect(evidenceProblem([link]), link).toBe("evidence.0: evidence links must be http or https URLs");
    }
  });

  it("refuse what is not a URL at all", () => {
    for (const link of ["", "example.com", "/relative/path", "http://", "https:// spaces .com", "http:x", "https:example.com"]) {
      expect(evidenceProblem([link]), link).toBe("evidence.0: evidence links must be http or https URLs");
    }
  });

  it("name the position of the bad link", () => {
    expect(evidenceProblem(["https://ok.example", "javascript:void 0"])).toBe("evidence.1: evidence links must be http or https URLs");
  });

  it("refuse a link over 2,048 characters", () => {
    const base = "https://example.com/";
    expect(evidenceProblem([base + "a".repeat(maxUrlLength - base.length)])).toBeNull();
    expect(evidenceProblem([base + "a".repeat(maxUrlLength - base.length + 1)])).toMatch(/^evidence\.0: evidence links are at most 2048 characters/);
  });

  it("refuse more than 50 links", () => {
    const links = (n: number) => Array.from({ length: n }, (_, i) => `https://example.com/${i}`);
    expect(evidenceProblem(links(maxEvidenceLinks))).toBeNull();
    expect(evidenceProblem(links(maxEvidenceLinks + 1))).toBe("evidence: at most 50 evidence links");
  });
});

describe("patchAnnotationInput", () => {
  it("needs the version the change was based on", () => {
    expect(problem(patchAnnotationInput, { note: "x" })).toMatch(/^version: /);
    expect(problem(patchAnnotationInput, { version: 0, note: "x" })).toMatch(/^version: /);
    expect(problem(patchAnnotationInput, { version: 1.5, note: "x" })).toMatch(/^version: /);
    expect(patchAnnotationInput.parse({ version: 3, note: "x" })).toEqual({ version: 3, note: "x" });
  });

  it("accepts any subset of the editable fields", () => {
    const body = { version: 2, tag: "denied", note: "", claimant: " Apple ", evidence: [] };
    expect(patchAnnotationInput.parse(body)).toEqual({ ...body, claimant: "Apple" });
    expect(patchAnnotationInput.parse({ version: 2 })).toEqual({ version: 2 });
  });

  it("refuses fields that cannot change after creation", () => {
    expect(problem(patchAnnotationInput, { version: 1, start: 0, end: 4 })).toBe("unknown or unchangeable field(s): start, end");
    expect(problem(patchAnnotationInput, { version: 1, id })).toBe("unknown or unchangeable field(s): id");
    expect(problem(patchAnnotationInput, { version: 1, updatedBy: "mallory" })).toBe("unknown or unchangeable field(s): updatedBy");
  });

  it("refuses a tag outside the list and a non-http link", () => {
    expect(problem(patchAnnotationInput, { version: 1, tag: "true" })).toMatch(/^tag: tag must be one of/);
    expect(problem(patchAnnotationInput, { version: 1, evidence: ["javascript:alert(1)"] })).toBe(
      "evidence.0: evidence links must be http or https URLs",
    );
  });
});

describe("reviewerName", () => {
  it("trims the name", () => {
    expect(reviewerName.parse("  Ada Lovelace \t")).toBe("Ada Lovelace");
  });

  it("refuses an empty or blank name", () => {
    expect(reviewerName.safeParse("").success).toBe(false);
    expect(reviewerName.safeParse("   \n\t").success).toBe(false);
    expect(reviewerName.safeParse(undefined).success).toBe(false);
  });

  it("allows 100 characters and refuses more", () => {
    expect(maxReviewerLength).toBe(100);
    expect(reviewerName.safeParse("r".repeat(100)).success).toBe(true);
    expect(reviewerName.safeParse(` ${"r".repeat(100)} `).success).toBe(true);
    expect(reviewerName.safeParse("r".repeat(101)).success).toBe(false);
  });

  it("refuses NUL", () => {
    expect(reviewerName.safeParse("Ada\u0000").success).toBe(false);
  });
});

describe("describeIssues", () => {
  it("says in plain words what zod's own messages say in its terms", () => {
    expect(problem(patchAnnotationInput, { note: "x" })).toBe("version: missing");
    expect(problem(createAnnotationInput, { ...minimalCreate, start: "0" })).toBe("start: must be a number");
    expect(problem(createAnnotationInput, { ...minimalCreate, evidence: "https://example.org" })).toBe("evidence: must be an array");
  });
});
