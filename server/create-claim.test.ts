import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db/client";
import { articleText, parsePlainArticle } from "@/lib/article";
import { createTestDocument } from "@/test/api-client";
import { documentRevisions, documents } from "@/db/schema";
import { createClaimFromSelection } from "./create-claim";

afterAll(closeDb);

const onServer = Boolean(process.env.DATABASE_URL);
const words = "the story was wrong";

describe("a claim made while a revision is being published", () => {
  it.skipIf(!onServer)("waits for the revision, then is placed on its text", async () => { // skipped on PGlite: its one connection runs one transaction at a time, so there is no race
    const db = await getDb();
    const first = parsePlainArticle("Jassy\n\nJassy said the story was wrong.");
    const document = await createTestDocument(first);
    const start = [...articleText(first)].join("").indexOf(words);
    const revised = parsePlainArticle("Jassy\n\nA paragraph added on top.\n\nJassy said the story was wrong.");

    // A revision holds the article's row, as publishing does, while the claim is made.
    let publish!: () => void;
    let locked!: () => void;
    const rowLocked = new Promise<void>((resolve) => (locked = resolve));
    const publishing = db.transaction(async (tx) => {
      await tx.select({ id: documents.id }).from(documents).where(eq(documents.id, document.id)).for("update");
      locked();
      await new Promise<void>((resolve) => (publish = resolve));
      const text = articleText(revised);
      await tx.insert(documentRevisions).values({ documentId: document.id, number: 2, text, blocks: revised, publishedBy: "Grace" });
      await tx.update(documents).set({ text, blocks: revised, revision: 2 }).where(eq(documents.id, document.id));
    });
    await rowLocked;

    let settled = false;
    const creating = createClaimFromSelection(db, document.slug, { start, end: start + words.length, revision: 1, tag: "denied" }, "Ada");
    void creating.finally(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(settled).toBe(false);

    publish();
    await publishing;
    const result = await creating;
    expect(result.kind).toBe("created");
    const annotation = (result as { annotation: { start: number; quote: string; createdRevision: number } }).annotation;
    expect(annotation).toMatchObject({ quote: words, createdRevision: 2, start: articleText(revised).indexOf(words) });
  });
});
