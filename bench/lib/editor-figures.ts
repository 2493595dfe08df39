/**
 * The editor's figures, in headless Chromium against the production server.
 *
 * Editor ready (figure 1): from navigation start to the moment the editor
 * has drawn the claims' highlights and has processed a reviewer's input. An
 * init script, installed before any of the page's own scripts, watches every
 * animation frame for the editor (`.ProseMirror`) holding one tag glyph per
 * claim: that frame's time is "highlights drawn" (ProseMirror draws every
 * decoration in the task that creates the view, so they appear together). It
 * then gives the editor focus and selects the headline's first word, as a
 * reviewer's drag would (ProseMirror reads DOM selection changes). The input
 * is accepted when the selection toolbar, which React renders from the
 * editor's new state, is in the DOM: the selection went through ProseMirror
 * and the app's dispatch and React rendered the result. Every load is a new
 * browser context: cold HTTP cache, as a reviewer's first visit.
 *
 * One claim added, retagged, removed (figure 2): driven as a reviewer does,
 * with no hook into the app. Words of a paragraph are selected (set up, not
 * measured), then Alt+Shift+D adds a claim, Alt+Shift+N retags it, and a
 * click on "Delete claim" removes it, as real key and mouse events from the
 * browser. Each action is measured from a mark just before the input to a
 * mark once the main thread has been idle for 30 ms, and the JavaScript run
 * in between is read from a Chrome trace (see chrome-trace.ts): the key and
 * mouse events' handlers, ProseMirror's transaction and redraw, React's
 * render and effects, the save loop's bookkeeping. What the issue names, the
 * transaction and its redraw, is read from the same trace: the editor
 * measures each of its transactions (apply and view update) with User Timing,
 * and the measures that start in the window are added up. The save request itself is
 * held back until the window closes and then let through, so the server's
 * answer (another transaction) does not fall inside the window; the next
 * action waits for "All changes saved".
 */
import { gzipSync } from "node:zlib";
import type { Browser, BrowserContext, Page, Route } from "playwright";
import { transactionMeasure } from "@/components/annotator/transaction-timing";
import { measureMarkedWindows, traceCategories } from "./chrome-trace";
import { interleave, median, p95, sleep } from "./stats";

/** Timings of one editor load, in milliseconds since navigation start. */
export interface EditorLoad {
  highlightsAt: number;
  probeAt: number;
  readyAt: number;
  labels: number;
  responseStart: number;
  responseEnd: number;
  domContentLoaded: number;
}

type ProbeWindow = Window & { __benchReady?: Promise<EditorLoad> };

/** The init script of figure 1; runs in the page, so it must not refer to anything outside itself. */
function installReadyProbe(expectedLabels: number) {
  const probeWindow = window as ProbeWindow;
  probeWindow.__benchReady = new Promise<EditorLoad>((resolve, reject) => {
    const drawn = (editor: HTMLElement, labels: number) => {
      const highlightsAt = performance.now();
      const headline = editor.querySelector("h1")?.firstChild;
      if (!headline || headline.nodeType !== Node.TEXT_NODE) {
        reject(new Error("the editor has no headline text to select"));
        return;
      }
      const container = editor.closest(".annotator-text") ?? document.body;
      const observer = new MutationObserver(() => {
        if (!container.querySelector('[data-testid="selection-toolbar"]')) return;
        observer.disconnect();
        const readyAt = performance.now();
        const navigation = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
        resolve({
          highlightsAt,
          probeAt,
          readyAt,
          labels,
          responseStart: navigation.responseStart,
          responseEnd: navigation.responseEnd,
          domContentLoaded: navigation.domContentLoadedEventEnd,
        });
      });
      observer.observe(container, { childList: true, subtree: true });
      const probeAt = performance.now();
      editor.focus();
      const words = headline.textContent ?? "";
      getSelection()?.setBaseAndExtent(headline, 0, headline, Math.max(1, words.indexOf(" ")));
    };
    const poll = () => {
      const editor = document.querySelector<HTMLElement>(".ProseMirror");
      // Each claim's glyph is drawn by CSS from the data-glyph of the piece where it starts: count the glyphs.
      let labels = 0;
      for (const piece of editor?.querySelectorAll<HTMLElement>("[data-glyph]") ?? []) labels += [...piece.dataset.glyph!].length;
      if (editor && labels >= expectedLabels) drawn(editor, labels);
      else requestAnimationFrame(poll);
    };
    requestAnimationFrame(poll);
  });
}

export interface EditorPage {
  slug: string;
  /** Claims the page should highlight (one tag label each). */
  claims: number;
}

/** The app's address, and the session cookie of the benchmark's signed-in admin. */
export interface SignedInServer {
  origin: string;
  auth: { cookie: { name: string; value: string } };
}

async function reviewerContext(browser: Browser, { origin, auth }: SignedInServer): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addCookies([{ ...auth.cookie, url: origin }]);
  // tsx compiles with esbuild's keepNames, which wraps named functions in a
  // `__name` helper; functions sent to the page carry those calls with them.
  await context.addInitScript({ content: "globalThis.__name ??= (fn) => fn;" });
  return context;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took over ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Opens the editor in a fresh context and waits until it is ready (see above). */
export async function loadEditor(browser: Browser, server: SignedInServer, editor: EditorPage, timeoutMs: number): Promise<EditorLoad> {
  const context = await reviewerContext(browser, server);
  const { origin } = server;
  try {
    await context.addInitScript(installReadyProbe, editor.claims);
    const page = await context.newPage();
    await page.goto(`${origin}/documents/${editor.slug}`, { waitUntil: "commit", timeout: timeoutMs });
    const load = await withTimeout(
      page.evaluate(() => (window as ProbeWindow).__benchReady!),
      timeoutMs,
      `opening ${editor.slug}`,
    );
    if (load.labels < editor.claims) throw new Error(`${editor.slug} drew ${load.labels} of ${editor.claims} claims`);
    return load;
  } finally {
    await context.close();
  }
}

export interface ReadyFigure {
  subject: EditorLoad[];
  baseline: EditorLoad[];
  /** Why the subject never became ready, when it did not. */
  failure?: string;
}

/** Figure 1: editor ready on `subject` against `baseline`, interleaved, after one unmeasured load of each when `warmup`. */
export async function measureEditorReady(
  browser: Browser,
  server: SignedInServer,
  subject: EditorPage,
  baseline: EditorPage,
  runs: number,
  timeoutMs: number,
  warmup = true,
): Promise<ReadyFigure> {
  const result: ReadyFigure = { subject: [], baseline: [] };
  try {
    if (warmup) {
      await loadEditor(browser, server, subject, timeoutMs);
      await loadEditor(browser, server, baseline, timeoutMs);
    }
    await interleave(
      runs,
      async () => void result.subject.push(await loadEditor(browser, server, subject, timeoutMs)),
      async () => void result.baseline.push(await loadEditor(browser, server, baseline, timeoutMs)),
    );
  } catch (error) {
    result.failure = (error as Error).message;
  }
  return result;
}

/** Save requests held back while an action is measured. */
class HeldSaves {
  private holding = false;
  private readonly waiting: Route[] = [];

  readonly handler = async (route: Route) => {
    if (route.request().method() === "GET" || !this.holding) return route.continue();
    this.waiting.push(route);
  };

  hold(): void {
    this.holding = true;
  }

  async release(): Promise<void> {
    this.holding = false;
    await Promise.all(this.waiting.splice(0).map((route) => route.continue()));
  }
}

interface OpenEditor {
  label: string;
  page: Page;
  context: BrowserContext;
  saves: HeldSaves;
}

async function openEditor(browser: Browser, server: SignedInServer, editor: EditorPage, label: string, timeoutMs: number): Promise<OpenEditor> {
  const context = await reviewerContext(browser, server);
  const { origin } = server;
  const saves = new HeldSaves();
  await context.route("**/api/**", saves.handler);
  await context.addInitScript(installReadyProbe, editor.claims);
  const page = await context.newPage();
  await page.goto(`${origin}/documents/${editor.slug}`, { waitUntil: "commit", timeout: timeoutMs });
  await withTimeout(
    page.evaluate(() => (window as ProbeWindow).__benchReady!),
    timeoutMs,
    `opening ${editor.slug}`,
  );
  // Clear the probe's selection, so the first action starts as the others do.
  await page.keyboard.press("Escape");
  await idle(page, timeoutMs);
  return { label, page, context, saves };
}

/** Resolves once the page's main thread has been idle for 30 ms (three 10 ms timers on time), then marks `mark`. */
async function idle(page: Page, timeoutMs: number, mark?: string): Promise<void> {
  await page.evaluate(
    async ({ mark, timeoutMs }) => {
      const deadline = performance.now() + timeoutMs;
      await new Promise((resolve) => requestAnimationFrame(resolve));
      let calm = 0;
      while (calm < 3 && performance.now() < deadline) {
        const before = performance.now();
        await new Promise((resolve) => setTimeout(resolve, 10));
        calm = performance.now() - before < 13 ? calm + 1 : 0;
      }
      if (mark) performance.mark(mark);
    },
    { mark, timeoutMs },
  );
}

/** Selects some words of paragraph `n` (set-up, not measured) and waits for the tag toolbar. */
async function selectWords(editor: OpenEditor, n: number, timeoutMs: number): Promise<void> {
  const selected = await editor.page.evaluate((n) => {
    const root = document.querySelector<HTMLElement>(".ProseMirror");
    const paragraphs = root?.querySelectorAll(":scope > .article-section > p");
    if (!root || !paragraphs?.length) return false;
    const paragraph = paragraphs[n % paragraphs.length];
    paragraph.scrollIntoView({ block: "center" });
    root.focus();
    // Claims split a paragraph's text into many nodes: select from the first
    // word over about two words' worth of the paragraph's text, across nodes
    // if need be.
    const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT);
    const nodes: Text[] = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node as Text);
    const first = nodes.findIndex((node) => /\S/.test(node.data));
    if (first < 0) return false;
    const start = nodes[first].data.search(/\S/);
    let length = 0;
    for (let i = first; i < nodes.length; i++) {
      const from = i === first ? start : 0;
      const space = nodes[i].data.indexOf(" ", from + Math.max(1, 10 - length));
      if (space > from) {
        getSelection()?.setBaseAndExtent(nodes[first], start, nodes[i], space);
        return true;
      }
      length += nodes[i].data.length - from;
    }
    const last = nodes[nodes.length - 1];
    getSelection()?.setBaseAndExtent(nodes[first], start, last, last.data.length);
    return true;
  }, n);
  if (!selected) throw new Error(`no words to select in paragraph ${n}`);
  await editor.page.waitForSelector('[data-testid="selection-toolbar"]', { timeout: timeoutMs });
  await idle(editor.page, timeoutMs);
}

const actions = ["add", "retag", "remove"] as const;
export type EditorAction = (typeof actions)[number];

/** Runs one measured action: mark, input, idle, mark; then lets its save through and waits for it. */
async function measuredAction(editor: OpenEditor, name: string, input: () => Promise<void>, timeoutMs: number): Promise<void> {
  const { page, saves } = editor;
  saves.hold();
  await page.evaluate((mark) => performance.mark(mark), `${name}:start`);
  await input();
  await idle(page, timeoutMs, `${name}:end`);
  await saves.release();
  await page.waitForFunction(() => document.querySelector('[data-testid="save-status"]')?.getAttribute("data-state") === "saved", null, {
    timeout: timeoutMs,
  });
  await idle(page, timeoutMs);
}

/** Adds, retags and removes one claim on paragraph `n`; `mark` names the windows, or leaves them unmarked (warm-up). */
async function claimCycle(editor: OpenEditor, n: number, cycle: string, timeoutMs: number): Promise<void> {
  const { page } = editor;
  const name = (action: EditorAction) => `bench:${editor.label}:${action}:${cycle}`;
  await selectWords(editor, n, timeoutMs);

  await measuredAction(editor, name("add"), () => page.keyboard.press("Alt+Shift+KeyD"), timeoutMs);
  if (!(await page.$('[data-testid="claim-editor"]'))) throw new Error(`${editor.label}: Alt+Shift+D did not open a new claim`);

  await measuredAction(editor, name("retag"), () => page.keyboard.press("Alt+Shift+KeyN"), timeoutMs);
  const tag = await page.textContent('[data-testid="claim-tag"]');
  if (!tag?.includes("Denied")) throw new Error(`${editor.label}: Alt+Shift+N did not retag the claim (tag: ${tag})`);

  const button = await page.evaluate(() => {
    const element = document.querySelector<HTMLElement>('[data-testid="claim-editor"] button.danger');
    if (!element) return null;
    element.scrollIntoView({ block: "center" });
    const box = element.getBoundingClientRect();
    return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
  });
  if (!button) throw new Error(`${editor.label}: no "Delete claim" button`);
  await idle(page, timeoutMs);
  await measuredAction(editor, name("remove"), () => page.mouse.click(button.x, button.y), timeoutMs);
  if (await page.$('[data-testid="claim-editor"]')) throw new Error(`${editor.label}: the click did not delete the claim`);
}

export type ActionTimes = Record<EditorAction, number[]>;

export interface ActionFigure {
  /** Milliseconds of the editor's transactions and their redraw per action, one entry per cycle. */
  subjectTransaction: ActionTimes;
  baselineTransaction: ActionTimes;
  /** JavaScript milliseconds per action (all of it), one entry per cycle. */
  subject: ActionTimes;
  baseline: ActionTimes;
  /** Main-thread milliseconds (any task) per action, for reference. */
  subjectMainThread: ActionTimes;
  baselineMainThread: ActionTimes;
  failure?: string;
}

const emptyTimes = (): ActionTimes => ({ add: [], retag: [], remove: [] });

/**
 * Figure 2: `cycles` add-retag-remove cycles on each page, interleaved, after
 * `warmup` unmeasured ones (the first actions run cold code). Paragraphs
 * change from cycle to cycle, the same on both pages.
 */
export async function measureClaimActions(
  browser: Browser,
  server: SignedInServer,
  subject: EditorPage,
  baseline: EditorPage,
  cycles: number,
  warmup: number,
  timeoutMs: number,
): Promise<ActionFigure> {
  const figure: ActionFigure = {
    subjectTransaction: emptyTimes(),
    baselineTransaction: emptyTimes(),
    subject: emptyTimes(),
    baseline: emptyTimes(),
    subjectMainThread: emptyTimes(),
    baselineMainThread: emptyTimes(),
  };
  let pages: OpenEditor[] = [];
  let tracing = false;
  try {
    pages = [await openEditor(browser, server, subject, "subject", timeoutMs), await openEditor(browser, server, baseline, "baseline", timeoutMs)];
    const [subjectPage, baselinePage] = pages;
    const paragraph = (cycle: number) => 40 + ((cycle * 97) % 2_400);
    const cycle = async (editor: OpenEditor, n: number, label: string) => {
      await editor.page.bringToFront();
      await claimCycle(editor, paragraph(n), label, timeoutMs);
    };
    for (let i = 0; i < warmup; i++) {
      await cycle(subjectPage, i, `warmup${i}`);
      await cycle(baselinePage, i, `warmup${i}`);
    }
    await browser.startTracing(undefined, { categories: traceCategories });
    tracing = true;
    await interleave(
      cycles,
      (run) => cycle(subjectPage, warmup + run, String(run)),
      (run) => cycle(baselinePage, warmup + run, String(run)),
    );
    const trace = await browser.stopTracing();
    tracing = false;
    const times = measureMarkedWindows(trace, "bench:", transactionMeasure);
    for (const [name, ms] of times.script) {
      const [, label, action, run] = name.split(":") as [string, string, EditorAction, string];
      if (run.startsWith("warmup")) continue;
      (label === "subject" ? figure.subject : figure.baseline)[action].push(ms);
      (label === "subject" ? figure.subjectMainThread : figure.baselineMainThread)[action].push(times.mainThread.get(name) ?? Number.NaN);
      (label === "subject" ? figure.subjectTransaction : figure.baselineTransaction)[action].push(times.measured.get(name) ?? Number.NaN);
    }
    for (const action of actions) {
      if (figure.subject[action].length !== cycles || figure.baseline[action].length !== cycles) {
        throw new Error(
          `the trace holds ${figure.subject[action].length} + ${figure.baseline[action].length} "${action}" windows, not ${cycles} + ${cycles}`,
        );
      }
      // Every action runs at least one transaction: none measured means the editor no longer records them.
      if ([...figure.subjectTransaction[action], ...figure.baselineTransaction[action]].some((ms) => !(ms > 0))) {
        throw new Error(`a "${action}" window holds no "${transactionMeasure}" measure`);
      }
    }
  } catch (error) {
    figure.failure = (error as Error).message;
    if (tracing) await browser.stopTracing().catch(() => undefined);
  } finally {
    for (const page of pages) await page.context.close();
  }
  return figure;
}

export const summarize = (samples: number[]) => ({ p50: median(samples), p95: p95(samples), n: samples.length });

export interface ShippedScript {
  url: string;
  bytes: number;
  gzipBytes: number;
  /** Named by a `<script src>` of the page's HTML (First Load JS), rather than fetched later (the editor's parts loaded as it opens, a link's prefetch). */
  firstLoad: boolean;
}

/**
 * Figure 7: the JavaScript the editor page loads on a first visit (cold
 * cache), each file gzipped at level 9 as `next build` used to report First
 * Load JS. First Load JS is what the HTML's `<script src>` tags name (less
 * `noModule` polyfills, which Chromium skips); scripts fetched afterwards
 * (the editor's parts it loads as it opens; links prefetch only when reached
 * for, components/AppLink.tsx) are listed apart. The HTML
 * itself is measured too: it carries the article and its claims, as data.
 */
export async function measureShippedScripts(browser: Browser, server: SignedInServer, editor: EditorPage, timeoutMs: number) {
  const context = await reviewerContext(browser, server);
  try {
    await context.addInitScript(installReadyProbe, editor.claims);
    const page = await context.newPage();
    return await pageScripts(page, server.origin, timeoutMs, async () => {
      await page.goto(`${server.origin}/documents/${editor.slug}`, { waitUntil: "commit", timeout: timeoutMs });
      await withTimeout(
        page.evaluate(() => (window as ProbeWindow).__benchReady!),
        timeoutMs,
        `opening ${editor.slug}`,
      );
    });
  } finally {
    await context.close();
  }
}

/**
 * Figure 7's floor: the same reading of `/bench/editor-floor`, a bare
 * ProseMirror editor in a client component with React and Next and no code
 * of the app's (app/bench/editor-floor), in the same build. Opened signed
 * out, so that the root layout's header adds none of the app's components.
 */
export async function measureFloorScripts(browser: Browser, origin: string, timeoutMs: number) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    return await pageScripts(page, origin, timeoutMs, async () => {
      const response = await page.goto(`${origin}/bench/editor-floor`, { waitUntil: "commit", timeout: timeoutMs });
      if (response?.status() !== 200) throw new Error(`/bench/editor-floor: HTTP ${response?.status()}`);
      await page.locator("[data-testid=bare-editor] .ProseMirror[contenteditable=true]").waitFor({ timeout: timeoutMs });
    });
  } finally {
    await context.close();
  }
}

/** The scripts a page loads while `open` opens it and until the network is idle, as figure 7 counts them. */
async function pageScripts(page: Page, origin: string, timeoutMs: number, open: () => Promise<void>) {
  const bodies: Promise<Omit<ShippedScript, "firstLoad"> | null>[] = [];
  const loaded: { html: Promise<Buffer> | null } = { html: null };
  page.on("response", (response) => {
    const type = response.request().resourceType();
    if (type === "document" && !loaded.html) loaded.html = response.body();
    if (type !== "script") return;
    bodies.push(
      response.body().then(
        (body) => ({ url: new URL(response.url()).pathname, bytes: body.length, gzipBytes: gzipSync(body, { level: 9 }).length }),
        () => null,
      ),
    );
  });
  await open();
  await page.waitForLoadState("networkidle", { timeout: timeoutMs });
  await sleep(200);
  const html = loaded.html ? await loaded.html : Buffer.alloc(0);
  const named = new Set(
    [...html.toString().matchAll(/<script\b([^>]*)>/g)]
      .filter(([, attributes]) => !/\bnoModule\b/i.test(attributes))
      .map(([, attributes]) => /\bsrc="([^"]+)"/.exec(attributes)?.[1])
      .filter((src): src is string => src !== undefined)
      .map((src) => new URL(src, origin).pathname),
  );
  const fetched = (await Promise.all(bodies)).filter((s) => s !== null);
  const scripts: ShippedScript[] = [...new Map(fetched.map((s) => [s.url, { ...s, firstLoad: named.has(s.url) }])).values()].sort(
    (a, b) => b.gzipBytes - a.gzipBytes,
  );
  const firstLoad = scripts.filter((s) => s.firstLoad);
  const later = scripts.filter((s) => !s.firstLoad);
  const sum = (list: ShippedScript[], key: "bytes" | "gzipBytes") => list.reduce((total, s) => total + s[key], 0);
  return {
    scripts,
    gzipBytes: sum(firstLoad, "gzipBytes"),
    bytes: sum(firstLoad, "bytes"),
    count: firstLoad.length,
    laterGzipBytes: sum(later, "gzipBytes"),
    html: { bytes: html.length, gzipBytes: gzipSync(html, { level: 9 }).length },
  };
}
