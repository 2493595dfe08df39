import { type APIRequestContext, type Locator, type Page, expect } from "@playwright/test";
import { bearer } from "../accounts";
import { loadPeople, personNamed, suitePeople } from "../people";

export const articleSlug = "jassy-bloomberg-retraction";
export type TagName = "disputed" | "denied" | "unverified";

/** A claim as the API lists it (the fields these tests read). */
export interface ApiAnnotation {
  id: string;
  start: number;
  end: number;
  quote: string;
  tag: TagName;
  note: string;
  claimant: string;
  evidence: string[];
  createdBy: string;
  updatedBy: string;
  updatedAt: string;
  version: number;
}

/** What a test may give when it arranges a claim through the API. */
export interface ClaimToArrange {
  /** Words of the article; the claim covers their first occurrence. */
  words: string;
  tag: TagName;
  /** Who creates it: a person of that name (the suite's, else an editor added for it). */
  reviewer: string;
  note?: string;
  claimant?: string;
  evidence?: string[];
}

/** Where words are scrolled to before the mouse reaches them. */
type Placement = "middle" | "last line";

/** The article editor, as a reviewer sees and drives it. */
export class AnnotatorPage {
  readonly text: Locator;
  readonly toolbar: Locator;
  readonly panel: Locator;
  readonly claimEditor: Locator;
  readonly saveStatus: Locator;

  constructor(readonly page: Page) {
    this.text = page.getByTestId("article-text");
    this.toolbar = page.getByTestId("selection-toolbar");
    this.panel = page.getByTestId("claim-panel");
    this.claimEditor = page.getByTestId("claim-editor");
    this.saveStatus = page.getByTestId("save-status");
  }

  async goto() {
    await this.page.goto(`/documents/${articleSlug}`);
    await expect(this.text).toBeVisible();
  }

  /**
   * Screen rectangles of the first occurrence of `words` in the article,
   * scrolled into the middle of the window, or down to its last line.
   */
  private async wordsBox(words: string, placement: Placement = "middle") {
    const box = await this.text.evaluate(
      (root, { wanted, placement }) => {
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const at = node.textContent!.indexOf(wanted);
          if (at < 0) continue;
          const range = document.createRange();
          range.setStart(node, at);
          range.setEnd(node, at + wanted.length);
          // The mouse can only reach what is on screen.
          if (placement === "last line") window.scrollBy(0, range.getBoundingClientRect().bottom - window.innerHeight + 4);
          else node.parentElement!.scrollIntoView({ block: "center" });
          const rects = [...range.getClientRects()].filter((r) => r.width > 0);
          const first = rects[0];
          const last = rects[rects.length - 1];
          return {
            startX: first.left,
            startY: first.top + first.height / 2,
            endX: last.right,
            endY: last.top + last.height / 2,
            bottom: last.bottom,
          };
        }
        return null;
      },
      { wanted: words, placement },
    );
    if (!box) throw new Error(`"${words}" is not in one text node of the article`);
    return box;
  }

  /** Drags the mouse across the words, as a reviewer selects them. */
  async selectWithMouse(words: string) {
    const box = await this.wordsBox(words);
    await this.page.mouse.move(box.startX + 1, box.startY);
    await this.page.mouse.down();
    await this.page.mouse.move((box.startX + box.endX) / 2, (box.startY + box.endY) / 2, { steps: 4 });
    await this.page.mouse.move(box.endX - 1, box.endY, { steps: 4 });
    await this.page.mouse.up();
  }

  /** Clicks just before the words, then extends the selection with Shift+Arrow; where they ended up on screen. */
  async selectWithKeyboard(words: string, placement: Placement = "middle") {
    const box = await this.wordsBox(words, placement);
    await this.page.mouse.click(box.startX + 1, box.startY);
    for (let i = 0; i < [...words].length; i++) await this.page.keyboard.press("Shift+ArrowRight");
    return box;
  }

  /** Clicks in the middle of some words. */
  async clickOn(words: string) {
    const box = await this.wordsBox(words);
    await this.page.mouse.click((box.startX + box.endX) / 2, (box.startY + box.endY) / 2);
  }

  async tagFromToolbar(tag: TagName) {
    const label = tag[0].toUpperCase() + tag.slice(1);
    await this.toolbar.getByRole("button", { name: new RegExp(`^${label}`) }).click();
  }

  /** The highlighted text of every claim on screen, by claim id. */
  async highlights(): Promise<Record<string, string>> {
    return this.text.evaluate((root) => {
      const byId: Record<string, string> = {};
      // One element per piece of text, naming every claim over it; the glyphs are CSS, not text.
      for (const element of root.querySelectorAll<HTMLElement>("span[data-claims]")) {
        for (const id of element.dataset.claims!.split(" ")) byId[id] = (byId[id] ?? "") + element.textContent;
      }
      return byId;
    });
  }

  highlight(id: string): Locator {
    return this.text.locator(`span[data-claims~="${id}"]`).first();
  }

  async openClaimId(): Promise<string> {
    await expect(this.claimEditor).toBeVisible();
    return (await this.claimEditor.getAttribute("data-claim-id"))!;
  }

  async expectSaved() {
    await expect(this.saveStatus).toHaveAttribute("data-state", "saved");
  }

  async articleText(): Promise<string> {
    return this.text.evaluate((root) =>
      [...root.querySelectorAll("h1, h2, li, p, figcaption")]
        .map((block) =>
          [...block.childNodes]
            .map(function text(node: Node): string {
              if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? "";
              return [...node.childNodes].map(text).join("");
            })
            .join(""),
        )
        .join("\n"),
    );
  }
}

/** The API as a test's arranging and checking hand: what the server really stored. */
export class ClaimsApi {
  /** `baseURL`: the app's address; each call carries the Bearer token of the person it acts as (reads: the suite's editor). */
  constructor(
    private readonly request: APIRequestContext,
    private readonly baseURL: string,
  ) {}

  private async headersOf(reviewer: string = suitePeople.editor) {
    return scriptHeaders(this.baseURL, reviewer);
  }

  async list(): Promise<ApiAnnotation[]> {
    const response = await this.request.get(`/api/documents/${articleSlug}/annotations`, { headers: await this.headersOf() });
    expect(response.ok()).toBe(true);
    return (await response.json()).annotations;
  }

  async documentText(): Promise<string> {
    const response = await this.request.get(`/api/documents/${articleSlug}`, { headers: await this.headersOf() });
    return (await response.json()).document.text;
  }

  /** Creates a claim as `reviewer` would in the editor, on the first occurrence of its words. */
  async create({ words, reviewer, ...fields }: ClaimToArrange): Promise<ApiAnnotation> {
    const text = await this.documentText();
    const at = text.indexOf(words);
    if (at < 0) throw new Error(`"${words}" is not in the article`);
    // The API counts code points, indexOf code units; they differ after a character outside the BMP.
    const start = [...text.slice(0, at)].length;
    const response = await this.request.post(`/api/documents/${articleSlug}/annotations`, {
      data: { start, end: start + [...words].length, ...fields },
      headers: await this.headersOf(reviewer),
    });
    expect(response.status()).toBe(201);
    return (await response.json()).annotation;
  }

  /** Changes a claim as `reviewer`. */
  async update(claim: ApiAnnotation, reviewer: string, fields: Partial<Pick<ApiAnnotation, "tag" | "note" | "claimant" | "evidence">>) {
    const response = await this.request.patch(`/api/annotations/${claim.id}`, {
      data: { version: claim.version, ...fields },
      headers: await this.headersOf(reviewer),
    });
    expect(response.status()).toBe(200);
    return (await response.json()).annotation as ApiAnnotation;
  }

  /** Submits and approves a claim as the suite's editor (editors may approve any claim): the claim as approved. */
  async approve(claim: ApiAnnotation): Promise<ApiAnnotation> {
    let current = claim;
    for (const action of ["submit", "approve"]) {
      const response = await this.request.post(`/api/annotations/${claim.id}/review`, {
        data: { version: current.version, action },
        headers: await this.headersOf(),
      });
      expect(response.status(), await response.text()).toBe(200);
      current = (await response.json()).annotation;
    }
    return current;
  }

  /** Submits a claim for review as `reviewer` (its author): their tag is the claim's first verdict. */
  async submit(claim: ApiAnnotation, reviewer: string): Promise<ApiAnnotation> {
    const response = await this.request.post(`/api/annotations/${claim.id}/review`, {
      data: { version: claim.version, action: "submit" },
      headers: await this.headersOf(reviewer),
    });
    expect(response.status(), await response.text()).toBe(200);
    return (await response.json()).annotation;
  }

  /** Gives a claim in review its second verdict, as `reviewer`. */
  async giveVerdict(claim: ApiAnnotation, reviewer: string, tag: TagName) {
    const response = await this.request.post(`/api/annotations/${claim.id}/verdicts`, { data: { tag }, headers: await this.headersOf(reviewer) });
    expect(response.status(), await response.text()).toBe(201);
  }

  /** Sets the publishing settings (as the suite's admin) that a ClaimReview export is made on. */
  async setPublishing(
    settings = { publisher: { name: "Example Checkers", url: "https://checkers.example.org" }, publicBaseUrl: "https://checkers.example.org/checks" },
  ) {
    const response = await this.request.patch("/api/settings", { data: settings, headers: await this.headersOf(suitePeople.admin) });
    expect(response.status(), await response.text()).toBe(200);
  }

  /** Soft-deletes every claim of the article (as the suite's admin), so each test starts from a clean page. */
  async clear() {
    for (const claim of await this.list()) {
      const response = await this.request.delete(`/api/annotations/${claim.id}`, { headers: await this.headersOf(suitePeople.admin) });
      expect(response.status()).toBe(204);
    }
  }
}

/**
 * What a script sends to act as the person named `reviewer` (the suite's
 * editor by default): their Bearer token, and the app's origin as `Origin`.
 */
export async function scriptHeaders(baseURL: string, reviewer: string = suitePeople.editor): Promise<Record<string, string>> {
  return bearer(await personNamed(baseURL, reviewer), new URL(baseURL).origin);
}

/** The Bearer header of one of the suite's people, by role (no one is added). */
export const roleHeaders = (role: keyof typeof suitePeople) => bearer(loadPeople()[role]);
