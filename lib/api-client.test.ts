import { describe, expect, it } from "vitest";
import { ApiError, createApiClient, failureMessage } from "./api-client";
import { errorCode } from "./error-codes";

/** A fetch that answers every request with `response` and records what it was sent. */
function answering(response: () => Response) {
  const sent: { url: string; init: RequestInit | undefined }[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    sent.push({ url: String(input), init });
    return response();
  };
  return { sent, client: createApiClient(fetch) };
}

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe("the browser's API client", () => {
  it("gives the server's error code, message and body in one error type", async () => {
    const annotation = { id: "a", version: 3 };
    const { client } = answering(() =>
      Response.json({ error: { code: "version_conflict", message: "The claim changed since version 2." }, annotation }, { status: 409 }),
    );
    const error = await failure(client.changeClaim("a", { version: 2, note: "x" }));
    expect(error).toMatchObject({ status: 409, code: errorCode.versionConflict, message: "The claim changed since version 2." });
    expect(error.body).toMatchObject({ annotation });
    expect(error.retryable).toBe(false);
  });

  it("says when no answer came, and when an answer had no error of the API's shape", async () => {
    const offline = createApiClient(async () => {
      throw new TypeError("fetch failed");
    });
    const unreachable = await failure(offline.deleteClaim("a"));
    expect(unreachable).toMatchObject({ status: 0, code: null, unreachable: true, retryable: true });
    expect(failureMessage(unreachable, "Kept here; try again.")).toBe("Kept here; try again.");

    const { client } = answering(() => new Response("Bad gateway", { status: 502 }));
    const proxied = await failure(client.restoreClaim("a"));
    expect(proxied).toMatchObject({ status: 502, code: null, serverMessage: null, message: "The server answered 502.", retryable: true });
  });

  it("resolves a DELETE with nothing, and sends JSON with the method and address of the API", async () => {
    const { client, sent } = answering(() => new Response(null, { status: 204 }));
    await expect(client.deleteClaim("a b")).resolves.toBeUndefined();
    expect(sent[0].url).toBe("/api/annotations/a%20b");
    expect(sent[0].init?.method).toBe("DELETE");

    const created = answering(() => Response.json({ annotation: { id: "c" } }, { status: 201 }));
    await expect(
      created.client.createClaim("jassy", { id: "c", start: 0, end: 4, tag: "denied", note: "", claimant: "", evidence: [] }),
    ).resolves.toEqual({ id: "c" });
    expect(created.sent[0]).toMatchObject({
      url: "/api/documents/jassy/annotations",
      init: { method: "POST", headers: { "content-type": "application/json" } },
    });
    expect(JSON.parse(String(created.sent[0].init?.body))).toMatchObject({ id: "c", start: 0, end: 4 });
  });

  it("reads the editor's claims with fetch's defaults, as the page's preload of them", async () => {
    const { client, sent } = answering(() => Response.json({ revision: 2, annotations: [] }));
    await expect(client.editorClaims("jassy")).resolves.toEqual({ revision: 2, annotations: [] });
    expect(sent).toEqual([{ url: "/api/documents/jassy/annotations?fields=editor", init: undefined }]);
  });
});
