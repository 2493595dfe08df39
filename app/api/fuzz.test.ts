/**
 * Requests that random API calls found answered with a 5xx, kept as plain
 * examples.
 */
import { afterAll, describe, expect, it } from "vitest";
import { closeDb } from "@/db/client";
import { call } from "@/test/api-client";
import * as annotationsRoute from "./documents/[slug]/annotations/route";
import * as revisionsRoute from "./documents/[slug]/revisions/route";
import * as documentRoute from "./documents/[slug]/route";

afterAll(closeDb);

// What the fuzzing found, kept as plain examples.
describe("API fuzz findings", () => {
  it("answers 404, not 500, for a slug holding half of a surrogate pair", async () => {
    for (const handler of [documentRoute.GET, annotationsRoute.GET, revisionsRoute.GET]) {
      for (const odd of ["\udfff", "\ufeff\udfff", "a\ud800b"]) {
        const { status, json } = await call(handler, { slug: odd });
        expect(status).toBe(404);
        expect(json.error.code).toBe("not_found");
      }
    }
  });
});
