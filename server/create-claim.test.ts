import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, type Database, getDb } from "@/db/client";
import { articleText, parsePlainArticle } from "@/lib/article";
import { createTestDocument } from "@/test/api-client";
import { annotations, documentRevisions, documents } from "@/db/schema";
import { getAnnotation } from "@/db/queries/annotations";
import { articleFeedLock, listClaimEvents, toClaimState } from "@/db/queries/claim-events";
import { createClaimFromSelection } from "./create-claim";
import { authorNamed } from "@/lib/author";

// Opening the database (PGlite's start and migrations) counts against the hook's timeout, not the first test's.
beforeAll(async () => void (await getDb()));
afterAll(closeDb);

const onServer = Boolean(process.env.DATABASE_URL);
const words = "the story was wrong";

describe("a claim made while a revision is being published", () => {
  it.skipIf(!onServer)("waits for the revision, then is placed on its text (PostgreSQL only: PGlite has no race)", async () => {
    // PGlite's one connection runs one transaction at a time.
    const db = await getDb();
    const first = parsePlainArticle("Jassy\n\nJassy said the story was wrong.");
    const document = await createTestDocument(first);
    const start = [...articleText(first)].join("").indexOf(words);
    const revised = parsePlainArticle("Jassy\n\nA paragraph added on top.\n\nJassy said the story was wrong.");

    // A revision holds the article's row, as publishing does, while the claim is made.
    let publish!: () => void;
    let locked!: (backend: number) => void;
    const rowLocked = new Promise<number>((resolve) => (locked = resolve));
    const publishing = db.transaction(async (tx) => {
      await tx.select({ id: documents.id }).from(documents).where(eq(documents.id, document.id)).for("update");
      locked(await backendPid(tx));
      await new Promise<void>((resolve) => (publish = resolve));
      const text = articleText(revised);
      await tx.insert(documentRevisions).values({ documentId: document.id, number: 2, text, blocks: revised, publishedBy: "Grace" });
      await tx.update(documents).set({ text, blocks: revised, revision: 2 }).where(eq(documents.id, document.id));
    });
    const publisher = await rowLocked;

    let settled = false;
    const creating = createClaimFromSelection(
      db,
      document.slug,
      { start, end: start + words.length, revision: 1, tag: "denied" },
      authorNamed("Ada"),
    );
    void creating.finally(() => (settled = true));
    // The claim's transaction is seen waiting for the publisher's lock, rather
    // than given some time to get past it: a claim that took no lock is
    // never seen waiting, and this fails.
    await expect.poll(() => backendsWaitingFor(db, publisher), { timeout: 10_000 }).toBe(1);
    expect(settled).toBe(false);

    publish();
    await publishing;
    const result = await creating;
    expect(result.kind).toBe("created");
    const annotation = (result as { annotation: { start: number; quote: string; createdRevision: number } }).annotation;
    expect(annotation).toMatchObject({ quote: words, createdRevision: 2, start: articleText(revised).indexOf(words) });
  });
});

describe("a claim made while another change on the article holds its counts", () => {
  // A retag (or a review step, a delete) locks the article's counts row with
  // its UPDATE and then the live feed's lock; a create that took the feed's
  // lock first and then waited for the counts row deadlocked with it (40P01).
  it.skipIf(!onServer)("waits for that change and is made, in a transaction or in one statement (PostgreSQL only: PGlite has no race)", async () => {
    const db = await getDb();
    const article = parsePlainArticle("Jassy\n\nJassy said the story was wrong.");
    const document = await createTestDocument(article);
    const start = articleText(article).indexOf(words);
    const selection = { start, end: start + words.length, tag: "denied" as const };
    const first = await createClaimFromSelection(db, document.slug, selection, authorNamed("Ada"));
    if (first.kind !== "created") throw new Error(`not created: ${first.kind}`);

    // Other words through the transaction (it asks whether they are tagged already); the same words, allowed, in one statement.
    const other = { start: articleText(article).indexOf("Jassy said"), end: articleText(article).indexOf("Jassy said") + "Jassy said".length };
    for (const sameWords of [undefined, "allow"] as const) {
      let finish!: () => void;
      let locked!: (backend: number) => void;
      const countsLocked = new Promise<number>((resolve) => (locked = resolve));
      const retag = db.transaction(async (tx) => {
        // A retag changes the counts: the trigger locks the counts row as the UPDATE ends.
        const tag = sameWords === undefined ? "disputed" : "unverified";
        await tx.update(annotations).set({ tag }).where(eq(annotations.id, first.annotation.id));
        locked(await backendPid(tx));
        await new Promise<void>((resolve) => (finish = resolve));
        // Then its event: the article's feed lock, as appendClaimEvents takes it.
        await tx.execute(sql`select ${articleFeedLock(document.id)}`);
      });
      const retagger = await countsLocked;
      const creating = createClaimFromSelection(
        db,
        document.slug,
        sameWords ? { ...selection, sameWords } : { ...selection, ...other },
        authorNamed("Grace"),
      );
      await expect.poll(() => backendsWaitingFor(db, retagger), { timeout: 10_000 }).toBe(1);
      finish();
      await retag;
      expect((await creating).kind).toBe("created");
    }
  });
});

describe("claims made on two articles at once", () => {
  it.skipIf(!onServer)("wait only for changes on their own article's feed (PostgreSQL only: PGlite has no race)", async () => {
    const db = await getDb();
    const article = parsePlainArticle("Jassy\n\nJassy said the story was wrong.");
    const busy = await createTestDocument(article);
    const other = await createTestDocument(article);
    const start = articleText(article).indexOf(words);
    const selection = { start, end: start + words.length, tag: "denied" as const };

    // A change on the busy article holds its feed lock, as appendClaimEvents takes it, until it commits.
    let finish!: () => void;
    let locked!: (backend: number) => void;
    const feedLocked = new Promise<number>((resolve) => (locked = resolve));
    const change = db.transaction(async (tx) => {
      await tx.execute(sql`select ${articleFeedLock(busy.id)}`);
      locked(await backendPid(tx));
      await new Promise<void>((resolve) => (finish = resolve));
    });
    const changer = await feedLocked;
    try {
      // On the other article, in a transaction and in one statement: made meanwhile. With one
      // lock for the whole feed each waited for that commit (here, until the statement timeout).
      for (const sameWords of [undefined, "allow", "allow"] as const) {
        expect((await createClaimFromSelection(db, other.slug, { ...selection, sameWords }, authorNamed("Ada"))).kind).toBe("created");
      }
      // On the busy article: waits for it.
      const creating = createClaimFromSelection(db, busy.slug, selection, authorNamed("Grace"));
      await expect.poll(() => backendsWaitingFor(db, changer), { timeout: 10_000 }).toBe(1);
      finish();
      expect((await creating).kind).toBe("created");
    } finally {
      finish();
      await change;
    }
  });
});

describe("a claim's created event", () => {
  it("records the claim as it was stored, at the time it was stored, in a transaction or in one statement alike", async () => {
    const db = await getDb();
    const article = parsePlainArticle("Jassy\n\nJassy said the story was wrong.");
    const document = await createTestDocument(article);
    const start = articleText(article).indexOf(words);
    const selection = { start, end: start + words.length, tag: "denied" as const, note: 'Filed "late" — 2 days 🙂', claimant: "Jassy" };
    // The first create takes the transaction; once it has seen the article, a script's create (same words allowed) is one statement.
    for (const sameWords of [undefined, "allow", "allow"] as const) {
      const result = await createClaimFromSelection(
        db,
        document.slug,
        { ...selection, sameWords, evidence: ["https://example.org/a"] },
        authorNamed("Ada"),
      );
      if (result.kind !== "created") throw new Error(`not created: ${result.kind}`);
      const stored = (await getAnnotation(db, result.annotation.id))!;
      expect(stored).toMatchObject({
        start,
        exact: words,
        tag: "denied",
        claimant: "Jassy",
        evidence: ["https://example.org/a"],
        createdRevision: 1,
      });

      const events = await listClaimEvents(db, { annotationId: stored.id });
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ action: "created", actor: "Ada", documentId: document.id, before: null, at: stored.createdAt.toISOString() });
      // The database builds the event's copy of the claim (db/queries/claim-events.ts): the same as the row, read back.
      expect(events[0].after).toEqual(toClaimState(stored));
    }
  });

  it("is placed on the latest text when a revision was published since the last create on the article", async () => {
    const db = await getDb();
    const first = parsePlainArticle("Jassy\n\nJassy said the story was wrong.");
    const document = await createTestDocument(first);
    const start = articleText(first).indexOf(words);
    const selection = { start, end: start + words.length, tag: "denied" as const, sameWords: "allow" as const };
    expect((await createClaimFromSelection(db, document.slug, selection, authorNamed("Ada"))).kind).toBe("created");

    const revised = parsePlainArticle("Jassy\n\nA paragraph added on top.\n\nJassy said the story was wrong.");
    const text = articleText(revised);
    await db.insert(documentRevisions).values({ documentId: document.id, number: 2, text, blocks: revised, publishedBy: "Grace" });
    await db.update(documents).set({ text, blocks: revised, revision: 2 }).where(eq(documents.id, document.id));

    // Offsets in revision 1, as a page opened before the revision sends them: placed on the same words of revision 2.
    const moved = await createClaimFromSelection(db, document.slug, { ...selection, revision: 1 }, authorNamed("Ada"));
    expect(moved).toMatchObject({ kind: "created", annotation: { quote: words, createdRevision: 2, start: text.indexOf(words) } });
    // Offsets with no revision are in the latest text.
    const latest = await createClaimFromSelection(
      db,
      document.slug,
      { ...selection, start: text.indexOf(words), end: text.indexOf(words) + words.length },
      authorNamed("Ada"),
    );
    expect(latest).toMatchObject({ kind: "created", annotation: { quote: words, createdRevision: 2, start: text.indexOf(words) } });
  });
});

/** The PostgreSQL backend serving `db` (a transaction, so that it is the one holding its locks). */
async function backendPid(db: Database): Promise<number> {
  const [row] = (await db.execute(sql`select pg_backend_pid() as pid`)) as unknown as { pid: number }[];
  return row.pid;
}

/** How many backends are waiting for a lock the backend `pid` holds. */
async function backendsWaitingFor(db: Database, pid: number): Promise<number> {
  const [row] = (await db.execute(
    sql`select count(*)::int as waiting from pg_stat_activity where ${pid} = any(pg_blocking_pids(pid))`,
  )) as unknown as { waiting: number }[];
  return row.waiting;
}
