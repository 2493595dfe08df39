/**
 * The publishing settings through the API, and the ClaimReview export
 * without them. The settings are one row per database: on PostgreSQL,
 * where test files share one, only the tests that set the values every
 * file uses (test/review.ts) run.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db/client";
import { appSettings } from "@/db/schema";
import { admin, person } from "@/test/accounts";
import { call, createTestDocument } from "@/test/api-client";
import { approveClaim, setPublishing, testPublishing } from "@/test/review";
import * as annotationsRoute from "./documents/[slug]/annotations/route";
import * as documentExportRoute from "./documents/[slug]/export/route";
import * as allExportRoute from "./export/route";
import * as settingsRoute from "./settings/route";

const sharedDatabase = Boolean(process.env.DATABASE_URL);

const patch = async (body: unknown, token?: string) =>
  call(settingsRoute.PATCH, {}, { method: "PATCH", body, token: token ?? (await admin()).token });
const read = () => call(settingsRoute.GET, {});

beforeAll(async () => {
  await getDb();
  await Promise.all([person("Vic Viewer", "viewer"), person("Rita Reviewer", "reviewer"), person("Ed Editor", "editor")]);
});
afterAll(closeDb);

describe.skipIf(sharedDatabase)("before an admin sets them (PGlite only: on PostgreSQL other test files set the shared settings)", () => {
  it("reads nothing set, and the ClaimReview export says what is missing instead of inventing addresses", async () => {
    await (await getDb()).delete(appSettings).where(eq(appSettings.key, "publishing"));
    expect((await read()).json).toEqual({ settings: { publisher: null, publicBaseUrl: null } });
    const { slug } = await createTestDocument([{ type: "paragraph", text: "Spy chips were found." }]);
    const made = await call(annotationsRoute.POST, { slug }, { body: { start: 0, end: 9, tag: "denied" } });
    await approveClaim(made.json.annotation.id);

    for (const answer of [
      await call(documentExportRoute.GET, { slug }, { query: "format=claimreview" }),
      await call(allExportRoute.GET, {}, { query: "format=claimreview" }),
    ]) {
      expect(answer.status).toBe(409);
      expect(answer.json.error.code).toBe("settings_missing");
      expect(answer.json.error.message).toMatch(/publisher.*public base URL/);
      expect(answer.json.missing).toEqual(["publisher", "publicBaseUrl"]);
    }
    // The other formats need no settings.
    expect((await call(documentExportRoute.GET, { slug }, { query: "format=csv" })).status).toBe(200);

    expect((await patch({ publicBaseUrl: "https://checks.example.org" })).status).toBe(200);
    const half = await call(documentExportRoute.GET, { slug }, { query: "format=claimreview" });
    expect([half.status, half.json.missing]).toEqual([409, ["publisher"]]);
  });

  it("keeps what a PATCH does not name, and replaces the publisher whole", async () => {
    expect((await patch(testPublishing)).json.settings).toEqual(testPublishing);
    const renamed = await patch({ publisher: { name: "Desk", url: "http://desk.example.org/" } });
    expect(renamed.status).toBe(200);
    expect(renamed.json.settings).toEqual({
      publisher: { name: "Desk", url: "http://desk.example.org/", logo: null },
      publicBaseUrl: testPublishing.publicBaseUrl,
    });
    expect((await read()).json.settings).toEqual(renamed.json.settings);
    // A trailing slash of the base URL is dropped, so that pages are `{base}/{slug}`.
    expect((await patch({ publicBaseUrl: "https://desk.example.org/checks/" })).json.settings.publicBaseUrl).toBe("https://desk.example.org/checks");
    await setPublishing();
  });
});

describe("the publishing settings", () => {
  it("are set by an admin, and read by anyone signed in", async () => {
    await setPublishing();
    for (const reviewer of ["Vic Viewer", "Rita Reviewer", "Ed Editor"]) {
      const answer = await call(settingsRoute.GET, {}, { reviewer });
      expect(answer.status).toBe(200);
      expect(answer.json.settings).toEqual(testPublishing);
    }
    expect((await call(settingsRoute.GET, {}, { reviewer: null })).status).toBe(401);
  });

  it("may be changed by admins only: 403 saying so, and nothing stored", async () => {
    for (const who of ["Ed Editor", "Vic Viewer"]) {
      const answer = await patch({ publicBaseUrl: "https://elsewhere.example" }, (await person(who)).token);
      expect(answer.status).toBe(403);
      expect(answer.json.error.message).toMatch(/cannot change the settings: admins can/);
    }
    expect((await read()).json.settings).toEqual(testPublishing);
  });

  it.each([
    ["a base URL that is not http(s)", { publicBaseUrl: "ftp://files.example.org" }, "publicBaseUrl"],
    ["a script address", { publicBaseUrl: "javascript:alert(1)" }, "publicBaseUrl"],
    ["a relative address", { publicBaseUrl: "/checks" }, "publicBaseUrl"],
    ["a base URL with a query", { publicBaseUrl: "https://desk.example.org/checks?lang=en" }, "publicBaseUrl"],
    ["a base URL with a fragment", { publicBaseUrl: "https://desk.example.org/checks#top" }, "publicBaseUrl"],
    ["a publisher URL that is not http(s)", { publisher: { name: "Desk", url: "mailto:desk@example.org" } }, "publisher.url"],
    [
      "a logo that is not http(s)",
      { publisher: { name: "Desk", url: "https://desk.example.org", logo: "data:image/png;base64,AA" } },
      "publisher.logo",
    ],
    ["a publisher without a name", { publisher: { name: " ", url: "https://desk.example.org" } }, "publisher.name"],
    ["a publisher without a URL", { publisher: { name: "Desk" } }, "publisher.url"],
    ["nothing", {}, "send publisher"],
    ["an unknown field", { publicBaseUrl: "https://desk.example.org", theme: "dark" }, "theme"],
  ])("refuse %s with 400 naming it, and store nothing", async (_name, body, named) => {
    const answer = await patch(body);
    expect(answer.status).toBe(400);
    expect(answer.json.error.message).toContain(named);
    expect((await read()).json.settings).toEqual(testPublishing);
  });
});
