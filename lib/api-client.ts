/**
 * The browser's one client of the HTTP API: every call the pages make, typed
 * by what it answers, and one error type, `ApiError`, for every way a call can
 * fail (the server's `{ "error": { "code", "message" } }`, an answer without
 * it, or no answer at all). Framework-free: `fetch` is all it needs, and a
 * test hands it another (`createApiClient(fetch)`).
 */
import type { Annotation, ClaimFields, EditorAnnotation } from "./annotation";
import type { ArticleBlock } from "./article";
import { claimsUrl, deletedClaimsUrl, editorClaimsUrl } from "./annotation";
import type { HistoryEntry } from "./claim-history";
import { type Comment, claimCommentsUrl, commentUrl, peopleUrl } from "./comments";
import type { ErrorCode } from "./error-codes";
import type { ReviewAction, Verdict } from "./review";
import type { Role } from "./roles";
import type { RevisionSummary } from "./revision-summary";
import type { Tag } from "./tags";

/** A call that failed: `status` 0 when no answer came (offline, connection lost). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    /** The API's error code; null when the answer had none (a proxy's page, no answer). */
    readonly code: ErrorCode | null,
    /** The server's own message, when it sent one. */
    readonly serverMessage: string | null,
    /** The whole answer, for the fields an error carries beside it (a conflict's current `annotation`, an import's `skipped`). */
    readonly body: unknown,
  ) {
    super(serverMessage ?? (status === 0 ? "The server cannot be reached." : `The server answered ${status}.`));
  }

  /** No answer came: the request may or may not have reached the server. */
  get unreachable(): boolean {
    return this.status === 0;
  }

  /** Worth sending again as it was: no answer, the server or its database unavailable, or too busy. */
  get retryable(): boolean {
    return this.status === 0 || this.status >= 500 || this.status === 429 || this.status === 408;
  }
}

/**
 * What a page says of a failed call: the server's reason, or `unreachable`
 * (worded for the page: what it kept, what to do) when no answer came.
 */
export function failureMessage(error: unknown, unreachable: string): string {
  if (error instanceof ApiError) return error.unreachable ? unreachable : error.message;
  return String(error);
}

/**
 * What a form that sends a person's text (an article, a revision) says
 * when sending failed: a session that ended (401) is told with
 * `signInAgain`, else the server's reason; the text stays in the form either way.
 */
export function textFormFailure(error: unknown, signInAgain: string): { signedOut: boolean; message: string } {
  const signedOut = error instanceof ApiError && error.status === 401;
  return {
    signedOut,
    message: signedOut ? signInAgain : failureMessage(error, "The server cannot be reached. Your text is still here; try again."),
  };
}

/** A new claim: offsets in `revision`'s text (the page's), with the client's id for safe retries. */
export interface NewClaim extends ClaimFields {
  id: string;
  start: number;
  end: number;
  revision?: number;
}

/** A change to a claim, based on the version the client last saw; `previousQuote: null` checks its verdict. */
export type ClaimChange = Partial<ClaimFields> & { version: number; baseVersion?: number; previousQuote?: null };

/** An article's text in exactly one format (the server refuses more or fewer), with a client id for safe retries. */
export interface ArticleSource {
  text?: string;
  html?: string;
  markdown?: string;
  id: string;
  /** "drop": leave out the page furniture of plain text (see lib/article-furniture.ts). */
  furniture?: "keep" | "drop";
}

/** An article as it would be added (`POST /api/article-preview`), and the furniture lines of its plain text. */
export interface ArticlePreview {
  blocks: ArticleBlock[];
  furniture: string[];
}

export interface NewArticle {
  title?: string;
  outlet?: string;
  author?: string;
  sourceUrl?: string;
  publishedAt?: string;
  /** "refuse": a `409 duplicate` (with `duplicateOf`) instead of adding an article with the source URL or text of one stored. */
  duplicates?: "allow" | "refuse";
}

/** The stored article a new one repeats, as `409 duplicate` names it. */
export interface DuplicateOf {
  slug: string;
  title: string;
  matchedBy: "sourceUrl" | "text";
  /** Archived: off the article list, which is why the person adding it may not have seen it. */
  archived: boolean;
}

export interface PublishedRevision extends RevisionSummary {
  revision: { number: number };
  anchored: number;
  orphaned: number;
}

/** Whose deletions between which times (ISO, both ends included). */
export interface DeletionWindow {
  deletedBy: string;
  from: string;
  to: string;
}

/** The publishing organisation and where the articles' fact-checks live, as an admin sets them (`/api/settings`). */
export interface PublishingSettings {
  publisher: { name: string; url: string; logo?: string | null } | null;
  publicBaseUrl: string | null;
}

/** A move of a claim through review (`POST /api/annotations/{id}/review`); `tag` and `comment` settle differing verdicts. */
export interface ReviewTransition {
  version: number;
  action: ReviewAction;
  comment?: string;
  tag?: Tag;
}

/** A person with an account, as an admin sees them. */
export interface PersonSummary {
  id: string;
  email: string;
  name: string;
  role: Role;
  active: boolean;
}

export interface ApiClient {
  /** The claims the editor draws on an article's latest revision, and which revision that is. */
  editorClaims(slug: string): Promise<{ revision: number; annotations: EditorAnnotation[] }>;
  createClaim(slug: string, claim: NewClaim): Promise<Annotation>;
  changeClaim(id: string, change: ClaimChange): Promise<Annotation>;
  deleteClaim(id: string): Promise<void>;
  /** Keeps one version (`pick`, its index in the conflict's `values`) of a field two reviewers changed at once, closing the conflict. */
  pickConflict(id: string, conflictId: string, choice: { version: number; pick: number }): Promise<Annotation>;
  restoreClaim(id: string): Promise<Annotation>;
  /** Everything that happened to a claim, oldest first: its changes and its place on each revision. */
  claimHistory(id: string): Promise<HistoryEntry[]>;
  /** Says which claim this person's view of an article has open (`view`: the id its live feed's presence events give; null: none). */
  focusClaim(slug: string, view: string, claimId: string | null): Promise<void>;
  /** Puts an orphan on the words from `start` to `end` of the latest revision. */
  reattachClaim(id: string, placement: { version: number; start: number; end: number }): Promise<Annotation>;
  /** Moves a claim through review: submit, approve (settling differing verdicts with `tag` and `comment`), request changes, reopen. */
  reviewClaim(id: string, transition: ReviewTransition): Promise<Annotation>;
  /** The verdicts given on a claim; `403` to a second reviewer who has not given theirs. */
  claimVerdicts(id: string): Promise<Verdict[]>;
  /** Gives this person's own verdict on a claim in review, before seeing the first; the claim after it, when the server sends it. */
  giveVerdict(id: string, verdict: { tag: Tag; note?: string }): Promise<{ verdict: Verdict; annotation?: Annotation }>;
  publishingSettings(): Promise<PublishingSettings>;
  changePublishingSettings(settings: { publisher: { name: string; url: string; logo?: string }; publicBaseUrl: string }): Promise<PublishingSettings>;
  createArticle(article: NewArticle & ArticleSource): Promise<{ slug: string }>;
  publishRevision(slug: string, source: ArticleSource): Promise<PublishedRevision>;
  /** The article as it would be added; stores nothing. */
  previewArticle(source: Omit<ArticleSource, "id"> & { title?: string }): Promise<ArticlePreview>;
  /** Archives (true) or unarchives an article. */
  archiveArticle(slug: string, archived: boolean): Promise<void>;
  /** Deletes an article with its claims; `claimCount` is how many the person was told go with it. */
  deleteArticle(slug: string, claimCount: number): Promise<void>;
  /** Imports a W3C Web Annotation file as it was read; the answer's status and body as the server gave them (see `readImportResponse`). */
  importClaims(slug: string, file: string, options: { skipUnplaceable: boolean }): Promise<{ status: number; body: unknown }>;
  deletedClaims(slug: string, window: DeletionWindow): Promise<{ deleted: { id: string; tag: Tag }[] }>;
  restoreDeleted(slug: string, window: DeletionWindow): Promise<{ restored: Annotation[] }>;
  /** Creates the first account of an empty database (an admin), and signs it in. */
  signUp(account: { name: string; email: string; password: string }): Promise<void>;
  signIn(credentials: { email: string; password: string }): Promise<void>;
  /** Where the browser goes to sign in through the OpenID Connect provider, coming back to `callbackURL`. */
  singleSignOnUrl(callbackURL: string): Promise<string>;
  signOut(): Promise<void>;
  /** Reads the session, which extends it (and the cookie's expiry) when it is over a day old. */
  keepSession(): Promise<void>;
  /** Sets the password of an invited person, and signs them in. */
  acceptInvitation(token: string, password: string): Promise<void>;
  addPerson(person: { email: string; name: string; role: Role }): Promise<{ user: PersonSummary; invitationUrl: string }>;
  changePerson(id: string, change: { role?: Role; active?: boolean }): Promise<PersonSummary>;
  createToken(name: string): Promise<{ id: string; token: string }>;
  revokeToken(id: string): Promise<void>;
  /** A claim's thread, oldest first. */
  claimComments(claimId: string): Promise<Comment[]>;
  addComment(claimId: string, body: string): Promise<Comment>;
  editComment(id: string, body: string): Promise<Comment>;
  deleteComment(id: string): Promise<void>;
  /** The active people of the newsroom, for `@name` in a comment. */
  people(): Promise<{ id: string; name: string }[]>;
}

/** The client, over `fetchImpl` (the browser's by default). */
export function createApiClient(fetchImpl: typeof fetch = (...args) => globalThis.fetch(...args)): ApiClient {
  async function call<T>(method: string, url: string, body?: unknown, contentType = "application/json"): Promise<T> {
    return (await answer<T>(method, url, body, contentType)).body;
  }
  /** Sends one request; resolves with a 2xx answer's status and JSON, else throws `ApiError`. */
  async function answer<T>(method: string, url: string, body?: unknown, contentType = "application/json"): Promise<{ status: number; body: T }> {
    let response: Response;
    try {
      // A GET goes with fetch's defaults, as the page's preloads do (the editor's claims): another init would fetch twice.
      response = await (method === "GET"
        ? fetchImpl(url)
        : fetchImpl(url, {
            method,
            headers: body === undefined ? undefined : { "content-type": contentType },
            body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
            credentials: "same-origin",
          }));
    } catch (error) {
      throw new ApiError(0, null, null, String(error));
    }
    const json: unknown = response.status === 204 ? null : await response.json().catch(() => null);
    if (response.ok) return { status: response.status, body: json as T };
    const error = (json as { error?: { code?: unknown; message?: unknown } } | null)?.error;
    const code = typeof error?.code === "string" ? (error.code as ErrorCode) : null;
    throw new ApiError(response.status, code, typeof error?.message === "string" ? error.message : null, json);
  }
  const claimUrl = (id: string) => `/api/annotations/${encodeURIComponent(id)}`;
  const pick =
    <T, K extends keyof T>(key: K) =>
    (body: T) =>
      body[key];
  type One = { annotation: Annotation };

  return {
    editorClaims: (slug) => call("GET", editorClaimsUrl(slug)),
    createClaim: (slug, claim) => call<One>("POST", claimsUrl(slug), claim).then(pick("annotation")),
    changeClaim: (id, change) => call<One>("PATCH", claimUrl(id), change).then(pick("annotation")),
    deleteClaim: (id) => call<unknown>("DELETE", claimUrl(id)).then(() => undefined),
    pickConflict: (id, conflictId, choice) =>
      call<One>("POST", `${claimUrl(id)}/conflicts/${encodeURIComponent(conflictId)}`, choice).then(pick("annotation")),
    focusClaim: (slug, view, claimId) =>
      call<unknown>("PUT", `/api/documents/${encodeURIComponent(slug)}/presence`, { view, claimId }).then(() => undefined),
    restoreClaim: (id) => call<One>("POST", `${claimUrl(id)}/restore`).then(pick("annotation")),
    claimHistory: (id) => call<{ history: HistoryEntry[] }>("GET", `${claimUrl(id)}/history`).then(pick("history")),
    reattachClaim: (id, placement) => call<One>("POST", `${claimUrl(id)}/reattach`, placement).then(pick("annotation")),
    reviewClaim: (id, transition) => call<One>("POST", `${claimUrl(id)}/review`, transition).then(pick("annotation")),
    claimVerdicts: (id) => call<{ verdicts: Verdict[] }>("GET", `${claimUrl(id)}/verdicts`).then(pick("verdicts")),
    giveVerdict: (id, verdict) => call("POST", `${claimUrl(id)}/verdicts`, verdict),
    publishingSettings: () => call<SettingsAnswer>("GET", "/api/settings").then(settingsOf),
    changePublishingSettings: (settings) => call<SettingsAnswer>("PATCH", "/api/settings", settings).then(settingsOf),
    createArticle: (article) => call<{ document: { slug: string } }>("POST", "/api/documents", article).then(pick("document")),
    archiveArticle: (slug, archived) =>
      call("POST", `/api/documents/${encodeURIComponent(slug)}/${archived ? "archive" : "unarchive"}`).then(() => undefined),
    deleteArticle: (slug, claimCount) => call("DELETE", `/api/documents/${encodeURIComponent(slug)}?confirm=${claimCount}`).then(() => undefined),
    previewArticle: (source) => call<ArticlePreview>("POST", "/api/article-preview", source),
    publishRevision: (slug, source) => call<PublishedRevision>("POST", `/api/documents/${encodeURIComponent(slug)}/revisions`, source),
    importClaims: (slug, file, { skipUnplaceable }) =>
      answer<unknown>("POST", `/api/documents/${encodeURIComponent(slug)}/import${skipUnplaceable ? "?skip=unplaceable" : ""}`, file),
    deletedClaims: (slug, window) => call("GET", `${deletedClaimsUrl(slug)}?${new URLSearchParams({ ...window })}`),
    restoreDeleted: (slug, window) => call("POST", `${deletedClaimsUrl(slug)}/restore`, window),
    signUp: (account) => call("POST", "/api/auth/sign-up/email", account).then(() => undefined),
    signIn: (credentials) => call("POST", "/api/auth/sign-in/email", credentials).then(() => undefined),
    // better-auth serves its generic OAuth providers through the social sign-in route.
    singleSignOnUrl: (callbackURL) => call<{ url: string }>("POST", "/api/auth/sign-in/social", { provider: "oidc", callbackURL }).then(pick("url")),
    signOut: () => call("POST", "/api/auth/sign-out", {}).then(() => undefined),
    keepSession: () => call("GET", "/api/auth/get-session").then(() => undefined),
    acceptInvitation: (token, password) => call("POST", `/api/invitations/${encodeURIComponent(token)}`, { password }).then(() => undefined),
    addPerson: (person) => call("POST", "/api/users", person),
    changePerson: (id, change) => call<{ user: PersonSummary }>("PATCH", `/api/users/${encodeURIComponent(id)}`, change).then(pick("user")),
    createToken: (name) => call("POST", "/api/tokens", { name }),
    revokeToken: (id) => call("DELETE", `/api/tokens/${encodeURIComponent(id)}`).then(() => undefined),
    claimComments: (claimId) => call<{ comments: Comment[] }>("GET", claimCommentsUrl(claimId)).then(pick("comments")),
    addComment: (claimId, body) => call<{ comment: Comment }>("POST", claimCommentsUrl(claimId), { body }).then(pick("comment")),
    editComment: (id, body) => call<{ comment: Comment }>("PATCH", commentUrl(id), { body }).then(pick("comment")),
    deleteComment: (id) => call<unknown>("DELETE", commentUrl(id)).then(() => undefined),
    people: () => call<{ people: { id: string; name: string }[] }>("GET", peopleUrl).then(pick("people")),
  };
}

type SettingsAnswer = PublishingSettings | { settings: PublishingSettings };
// The settings as sent, or wrapped in `settings`: either shape reads the same.
const settingsOf = (body: SettingsAnswer): PublishingSettings => ("settings" in body ? body.settings : body);

/** The client the pages use. */
export const api = createApiClient();
