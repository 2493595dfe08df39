import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { followLiveFeed } from "./live-feed";

/** An EventSource as far as the feed uses it: the test sends its events and errors. */
class FakeEventSource {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  static opened: FakeEventSource[] = [];
  readyState = FakeEventSource.OPEN;
  private readonly listeners = new Map<string, ((event: Event) => void)[]>();
  constructor(readonly url: string) {
    FakeEventSource.opened.push(this);
  }
  addEventListener(name: string, listener: (event: Event) => void) {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener]);
  }
  close() {
    this.readyState = FakeEventSource.CLOSED;
  }
  emit(name: string, data: unknown, lastEventId = "") {
    for (const listener of this.listeners.get(name) ?? []) listener(new MessageEvent(name, { data: JSON.stringify(data), lastEventId }));
  }
  fail(readyState: number) {
    this.readyState = readyState;
    for (const listener of this.listeners.get("error") ?? []) listener(new Event("error"));
  }
}

const handlers = () => ({ onClaim: vi.fn(), onRevision: vi.fn(), onPresence: vi.fn() });

beforeEach(() => {
  FakeEventSource.opened = [];
  vi.stubGlobal("EventSource", FakeEventSource);
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe("the editor's live feed", () => {
  it("opens from the page's position and hands each event to its handler", () => {
    const on = handlers();
    followLiveFeed("cnbc article", 41, on);
    const [source] = FakeEventSource.opened;
    expect(source.url).toBe("/api/documents/cnbc%20article/events?after=41");
    source.emit("claim.updated", { action: "updated" }, "42");
    source.emit("revision.published", { revision: 2 }, "43");
    source.emit("presence", { view: "v", present: [] });
    expect(on.onClaim).toHaveBeenCalledWith({ action: "updated" });
    expect(on.onRevision).toHaveBeenCalledWith({ revision: 2 });
    expect(on.onPresence).toHaveBeenCalledWith({ view: "v", present: [] });
  });

  it("leaves a lost connection to the browser, and opens a refused one again from the last event received", () => {
    followLiveFeed("a", 0, handlers());
    const [first] = FakeEventSource.opened;
    first.emit("claim.created", {}, "7");
    first.fail(FakeEventSource.CONNECTING);
    vi.advanceTimersByTime(60_000);
    expect(FakeEventSource.opened).toHaveLength(1);

    first.fail(FakeEventSource.CLOSED);
    vi.advanceTimersByTime(5_000);
    expect(FakeEventSource.opened.map((s) => s.url)).toEqual(["/api/documents/a/events?after=0", "/api/documents/a/events?after=7"]);
  });

  it("opens nothing more once closed", () => {
    const close = followLiveFeed("a", 0, handlers());
    const [first] = FakeEventSource.opened;
    close();
    first.fail(FakeEventSource.CLOSED);
    vi.advanceTimersByTime(60_000);
    expect(FakeEventSource.opened).toHaveLength(1);
    expect(first.readyState).toBe(FakeEventSource.CLOSED);
  });
});
