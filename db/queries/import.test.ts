import { afterAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db/client";
import { articleText, type ArticleBlock } from "@/lib/article";
import type { PlacedClaim } from "@/lib/import/plan";
import { describeRange } from "@/lib/selectors";
import { createTestDocument } from "@/test/api-client";
import { listAnnotations } from "./annotations";
import { createAnnotations } from "./import";
import { publishRevision } from "@/server/publish-revision";
import { listAnnotationHistory } from "./revisions";
import { authorNamed } from "@/lib/author";

const blocks: ArticleBlock[] = [{ type: "paragraph", text: "Jassy said the story on spy chips was wrong and should be retracted." }];
const text = articleText(blocks);

afterAll(closeDb);

function placed(words: string, fields: Partial<PlacedClaim> = {}): PlacedClaim {
  const start = text.indexOf(words);
  return {
    index: 0,
    anchor: describeRange(text, start, start + words.length),
    tag: "disputed",
    note: "",
    claimant: "",
    evidence: [],
    method: "quote",
    score: 0.9,
    ...fields,
  };
}

describe("createAnnotations", () => {
  it("stores the claims in the order given, by the reviewer, with their import in their history", async () => {
    const db = await getDb();
    const document = await createTestDocument(blocks);
    const claims = [placed("wrong", { tag: "denied", note: "n", claimant: "c", evidence: ["https://example.org/e"] }), placed("spy chips")];
    const result = await createAnnotations(db, document, claims, authorNamed("Importer"));
    if (result.kind !== "created") throw new Error("not created");
    expect(result.annotations.map((a) => [a.quote, a.tag, a.note, a.claimant, a.evidence, a.createdBy, a.createdRevision])).toEqual([
      ["wrong", "denied", "n", "c", ["https://example.org/e"], "Importer", 1],
      ["spy chips", "disputed", "", "", [], "Importer", 1],
    ]);
    expect((await listAnnotations(db, document.id)).map((a) => a.quote)).toEqual(["spy chips", "wrong"]);
    const history = await listAnnotationHistory(db, result.annotations[0].id);
    expect(history).toMatchObject([{ revision: 1, status: "anchored", method: "imported", actor: "Importer" }]);
    expect(history[0].score).toBeCloseTo(0.9);
  });

  it("stores nothing when the article was revised after the claims were placed", async () => {
    const db = await getDb();
    const document = await createTestDocument(blocks);
    await publishRevision(
      db,
      document.id,
      { text: `${text} Updated.`, blocks: [{ type: "paragraph", text: `${text} Updated.` }] },
      authorNamed("Editor"),
    );
    const result = await createAnnotations(db, document, [placed("wrong")], authorNamed("Importer"));
    expect(result).toEqual({ kind: "revised" });
    expect(await listAnnotations(db, document.id)).toEqual([]);
  });

  it("stores nothing when a later statement fails", async () => {
    const db = await getDb();
    const document = await createTestDocument(blocks);
    // PostgreSQL refuses NUL in text; validation keeps it out, here it stands for any failure.
    const claims = Array.from({ length: 700 }, (_, i) => placed("wrong", { note: i === 650 ? "a\u0000b" : "" }));
    await expect(createAnnotations(db, document, claims, authorNamed("Importer"))).rejects.toThrow();
    expect(await listAnnotations(db, document.id)).toEqual([]);
  });

  it("stores thousands in one go, across several statements", async () => {
    const db = await getDb();
    const document = await createTestDocument(blocks);
    const claims = Array.from({ length: 1_203 }, (_, i) => placed(i % 2 ? "wrong" : "spy chips", { note: `n${i}` }));
    const result = await createAnnotations(db, document, claims, authorNamed("Importer"));
    if (result.kind !== "created") throw new Error("not created");
    expect(result.annotations.map((a) => a.note)).toEqual(claims.map((c) => c.note));
    expect(await listAnnotations(db, document.id)).toHaveLength(1_203);
  });
});
