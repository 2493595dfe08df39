/**
 * Tells the browser that the article takes no text input.
 *
 * The editor is contenteditable only for the caret and keyboard selection;
 * `readOnlyText` drops every change. Chrome still serves the input method
 * as for any editable: after each selection change made while handling a key
 * or a click, it hands the IME the editable's whole text, walking every node
 * of it (`UpdateTextInputState`). The walk grows with the highlights' pieces:
 * 1.1–2.6 ms of each add on the article with 50,000 claims, 0.2–0.6 ms on the
 * one with none (bench/RESULTS.md). An `EditContext` on the element makes it
 * the IME's text (empty) instead of the DOM's, and typing no longer reaches
 * the DOM at all; selection, the caret, copy and the shortcuts are the
 * browser's as before. Browsers without the API (Firefox, Safari today)
 * keep the plain contenteditable.
 */
type EditContextElement = HTMLElement & { editContext?: unknown };
type EditContextWindow = Window & { EditContext?: new () => unknown };

export function takeNoTextInput(element: HTMLElement): void {
  const EditContext = (window as EditContextWindow).EditContext;
  if (!EditContext) return;
  try {
    (element as EditContextElement).editContext = new EditContext();
  } catch {
    // An element the API refuses: the plain contenteditable, as in other browsers.
  }
}
