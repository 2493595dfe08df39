/**
 * One timer for the heartbeats of every open event stream of the process,
 * rather than one per stream: a stream registers what it does on each beat
 * (send a comment line, check its sign-in) and removes it when it ends.
 */
import "server-only";

const beats = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | null = null;

/** Runs `beat` every `everyMs` (the same for every stream) until the returned function is called. */
export function onHeartbeat(beat: () => void, everyMs: number): () => void {
  beats.add(beat);
  timer ??= setInterval(() => {
    for (const each of beats) each();
  }, everyMs);
  return () => {
    beats.delete(beat);
    if (beats.size === 0 && timer) {
      clearInterval(timer);
      timer = null;
    }
  };
}
