/**
 * What a transaction costs the editor itself: applying it to the state
 * (every plugin's `apply`) and redrawing the view (decorations, DOM
 * selection). Recorded as a User Timing measure, so it shows in the
 * Performance panel of DevTools, next to React's render of the panels, and
 * the benchmark reads it from a trace (figure 2).
 */
export const transactionMeasure = "editor: transaction and redraw";

/** Records the measure from `started` (a `performance.now()`) to now, and drops the entry: an editor open all day makes thousands. */
export function measureTransaction(started: number): void {
  try {
    performance.measure(transactionMeasure, { start: started });
    performance.clearMeasures(transactionMeasure);
  } catch {
    // A browser without User Timing's options: the timing is for DevTools, the editor goes on.
  }
}
