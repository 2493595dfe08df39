/**
 * Reading a Chrome trace (the Tracing domain's JSON) for how long the main
 * thread of a page ran JavaScript between two `performance.mark`s.
 *
 * JavaScript here is every entry into script the DevTools timeline records:
 * event listeners (EventDispatch), callbacks of timers, message ports and
 * promises (FunctionCall, TimerFire, RunMicrotasks), animation frames and
 * evaluated scripts. They nest, so their intervals are merged before they are
 * added up. Layouts that script forces (reading a size after changing the
 * DOM) run inside those events and count as the script's time, as the
 * Performance panel shows them; the browser's own style, layout and paint
 * between tasks do not, and are reported apart as main-thread time.
 *
 * The app's own User Timing measures (`performance.measure`) are summed per
 * window too, when asked for by name: the editor measures each transaction
 * (see components/annotator/transaction-timing.ts).
 */

/** Trace event categories to record for `scriptTime` and `mainThreadTime`. */
export const traceCategories = ["devtools.timeline", "disabled-by-default-devtools.timeline", "toplevel", "blink.user_timing", "v8.execute"];

const scriptEvents = new Set([
  "EventDispatch",
  "FunctionCall",
  "TimerFire",
  "RunMicrotasks",
  "FireAnimationFrame",
  "FireIdleCallback",
  "EvaluateScript",
  "v8.evaluateModule",
]);
const taskEvents = new Set(["RunTask"]);

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
}

/** The span between a `<name>:start` and a `<name>:end` mark, on the thread that made them (µs). */
export interface MarkedWindow {
  name: string;
  thread: string;
  start: number;
  end: number;
}

export interface ThreadTimes {
  /** Milliseconds of JavaScript in each marked window, by window name. */
  script: Map<string, number>;
  /** Milliseconds the main thread was busy (any task) in each window. */
  mainThread: Map<string, number>;
  /** Milliseconds of the named User Timing measures that started in each window, added up. */
  measured: Map<string, number>;
}

/** Measures every window marked with names starting with `prefix`, and the `measureName` measures in them. */
export function measureMarkedWindows(trace: Buffer | string, prefix: string, measureName?: string): ThreadTimes {
  const parsed = JSON.parse(trace.toString()) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
  const starts = new Map<string, TraceEvent>();
  const windows: MarkedWindow[] = [];
  // A measure is a "b" and an "e" event on its thread; the app's do not nest.
  const measureStarts = new Map<string, number>();
  const measures: { thread: string; start: number; end: number }[] = [];
  for (const event of events) {
    if (measureName !== undefined && event.name === measureName && event.cat?.includes("blink.user_timing")) {
      const thread = `${event.pid}:${event.tid}`;
      if (event.ph === "b") measureStarts.set(thread, event.ts);
      const start = measureStarts.get(thread);
      if (event.ph === "e" && start !== undefined) {
        measures.push({ thread, start, end: event.ts });
        measureStarts.delete(thread);
      }
    }
    if (!event.cat?.includes("blink.user_timing") || !event.name?.startsWith(prefix)) continue;
    if (event.name.endsWith(":start")) starts.set(event.name.slice(0, -":start".length), event);
    if (event.name.endsWith(":end")) {
      const name = event.name.slice(0, -":end".length);
      const start = starts.get(name);
      if (start) windows.push({ name, thread: `${start.pid}:${start.tid}`, start: start.ts, end: event.ts });
    }
  }
  const threads = new Set(windows.map((w) => w.thread));
  const byThread = new Map<string, { script: TraceEvent[]; tasks: TraceEvent[] }>();
  for (const thread of threads) byThread.set(thread, { script: [], tasks: [] });
  for (const event of events) {
    if (event.ph !== "X" || event.dur === undefined) continue;
    const lists = byThread.get(`${event.pid}:${event.tid}`);
    if (!lists) continue;
    if (scriptEvents.has(event.name)) lists.script.push(event);
    else if (taskEvents.has(event.name)) lists.tasks.push(event);
  }
  const script = new Map<string, number>();
  const mainThread = new Map<string, number>();
  const measured = new Map<string, number>();
  for (const window of windows) {
    const lists = byThread.get(window.thread)!;
    script.set(window.name, coveredMs(lists.script, window));
    mainThread.set(window.name, coveredMs(lists.tasks, window));
    const inWindow = measures.filter((m) => m.thread === window.thread && m.start >= window.start && m.start < window.end);
    measured.set(window.name, inWindow.reduce((total, m) => total + (m.end - m.start), 0) / 1000);
  }
  return { script, mainThread, measured };
}

/** Milliseconds of the window covered by at least one of the events. */
function coveredMs(events: TraceEvent[], window: MarkedWindow): number {
  const spans: [number, number][] = [];
  for (const event of events) {
    const from = Math.max(event.ts, window.start);
    const to = Math.min(event.ts + event.dur!, window.end);
    if (from < to) spans.push([from, to]);
  }
  spans.sort((a, b) => a[0] - b[0]);
  let total = 0;
  let [from, to] = [Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY];
  for (const [a, b] of spans) {
    if (a > to) {
      if (to > from) total += to - from;
      [from, to] = [a, b];
    } else {
      to = Math.max(to, b);
    }
  }
  if (to > from) total += to - from;
  return total / 1000;
}
