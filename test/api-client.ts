/**
 * Calls the route handlers the way Next does, with web-standard Requests, so
 * API tests exercise parsing, validation, the data layer and the database
 * without starting a server.
 */
import { randomUUID } from "node:crypto";
import { getDb } from "@/db/client";
import { createDocument } from "@/db/queries/documents";
import { type ArticleBlock, articleText } from "@/lib/article";
import { clientAddressHeader } from "@/lib/client-address";
import { person } from "./accounts";
import { authorNamed } from "@/lib/author";

type Handler<P> = (request: Request, context: { params: Promise<P> }) => Promise<Response>;

export interface CallOptions {
  /** Defaults to POST when there is a body, GET otherwise. */
  method?: string;
  body?: unknown;
  /** A raw body, sent as is: text, or bytes (which need not be UTF-8). */
  rawBody?: string | Uint8Array<ArrayBuffer>;
  contentType?: string;
  /**
   * Who sends it: the name of a test person (test/accounts.ts; an editor
   * unless made with another role first), null for nobody signed in.
   * Defaults to "Test Reviewer".
   */
  reviewer?: string | null;
  /** A Bearer token to send instead (then `reviewer` is not used). */
  token?: string;
  /** A `cookie` header to send instead, e.g. a session cookie (then `reviewer` is not used). */
  cookie?: string;
  /** The request's path, for handlers that read it (`/api/auth/...`). */
  path?: string;
  /** The query string, without `?`. */
  query?: string;
  accept?: string;
  /** More request headers, as a proxy or browser would send them. */
  headers?: Record<string, string>;
}

/**
 * The client address the server would record (lib/client-address.ts): one
 * per test file, so that one file's failed sign-ins never count against
 * another's on a shared PostgreSQL.
 */
const fileAddress = `192.0.2.${1 + Math.floor(Math.random() * 254)}-${randomUUID().slice(0, 8)}`;

export async function call<P>(handler: Handler<P>, params: P, options: CallOptions = {}) {
  const headers = new Headers(options.headers);
  if (!headers.has(clientAddressHeader)) headers.set(clientAddressHeader, fileAddress);
  if (options.cookie !== undefined) {
    headers.set("cookie", options.cookie);
    // As a browser sends it with a cookie: better-auth checks it.
    if (!headers.has("origin")) headers.set("origin", "http://localhost");
  } else {
    const reviewer = options.reviewer === undefined ? "Test Reviewer" : options.reviewer;
    const token = options.token ?? (reviewer === null ? undefined : (await person(reviewer)).token);
    if (token !== undefined) headers.set("authorization", `Bearer ${token}`);
  }
  let body: string | Uint8Array<ArrayBuffer> | undefined = options.rawBody;
  if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined) headers.set("content-type", options.contentType ?? "application/json");
  if (options.accept) headers.set("accept", options.accept);
  const url = `http://localhost${options.path ?? "/api"}${options.query ? `?${options.query}` : ""}`;
  const request = new Request(url, { method: options.method ?? (body === undefined ? "GET" : "POST"), headers, body });
  const response = await handler(request, { params: Promise.resolve(params) });
  // An event stream does not end: answered once its headers come, and closed as a client that leaves.
  if (/^text\/event-stream/i.test(response.headers.get("content-type") ?? "")) {
    await response.body?.cancel();
    return { status: response.status, json: undefined, text: "", headers: response.headers };
  }
  // The body as sent, a byte order mark included; parsed when it is JSON.
  const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await response.arrayBuffer());
  const isJson = /json/i.test(response.headers.get("content-type") ?? "");
  return { status: response.status, json: text && isJson ? JSON.parse(text) : undefined, text, headers: response.headers };
}

/** Stores a fresh article with a unique slug, so tests never see each other's claims. */
export async function createTestDocument(blocks: ArticleBlock[], more: { sourceUrl?: string } = {}) {
  const db = await getDb();
  const document = await createDocument(
    db,
    { slug: `test-${randomUUID()}`, title: "Test article", text: articleText(blocks), blocks, ...more },
    authorNamed("Test Reviewer"),
  );
  if (!document) throw new Error("a random slug was taken");
  return document;
}
