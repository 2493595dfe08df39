"use client";

import { type ComponentType, useSyncExternalStore } from "react";

/**
 * A component that is not part of the page's first scripts: its module is
 * fetched with `import()` once the component has mounted somewhere (after
 * the page is up), and it renders nothing until the module has come (nor
 * while rendering on the server and hydrating, so that both agree).
 *
 * For panels the editor shows only once a claim is open: they stay out of
 * the JavaScript that must load before the editor opens (bench figure 7),
 * and are in hand long before a reader opens a claim when the panel that
 * shows them calls `preload()` as it mounts. Not `next/dynamic`: that suspends
 * the first time each one renders, and React then holds its reveal back (up
 * to 300 ms) even when the module is already loaded.
 *
 * `placeholder`, when given, is drawn meanwhile with the same props: for a
 * component shown as soon as the page is up, a box of the size it will
 * take, so that nothing moves when it comes. If the module cannot be
 * fetched, the place says so, with a button to try again.
 */
export function lazyComponent<P extends object>(
  load: () => Promise<ComponentType<P>>,
  placeholder?: ComponentType<P>,
): ComponentType<P> & { preload: () => void } {
  /** The module once it came, or whether the last fetch failed (one object per change, as useSyncExternalStore wants). */
  let state: { loaded: ComponentType<P> | null; failed: boolean } = { loaded: null, failed: false };
  let pending: Promise<void> | null = null;
  const listeners = new Set<() => void>();
  const set = (next: typeof state) => {
    state = next;
    for (const notify of listeners) notify();
  };
  /** Starts fetching the module, once (again after a failure). */
  const preload = () => {
    if (state.failed) set({ loaded: null, failed: false });
    pending ??= load().then(
      (component) => set({ loaded: component, failed: false }),
      () => {
        // Offline, or a new build replaced the chunk: said in its place, with a way to try again.
        pending = null;
        set({ loaded: null, failed: true });
      },
    );
  };
  const subscribe = (listener: () => void) => {
    listeners.add(listener);
    preload();
    return () => void listeners.delete(listener);
  };
  const getState = () => state;
  const serverState = { loaded: null, failed: false };
  const getServerSnapshot = () => serverState;
  function Lazy(props: P) {
    const { loaded: Loaded, failed } = useSyncExternalStore(subscribe, getState, getServerSnapshot);
    if (Loaded) return <Loaded {...props} />;
    if (failed)
      return (
        <p role="alert" className="notice-error">
          This part of the page could not be loaded.{" "}
          <button type="button" className="link-button" onClick={preload}>
            Try again
          </button>
        </p>
      );
    const Placeholder = placeholder;
    return Placeholder ? <Placeholder {...props} /> : null;
  }
  return Object.assign(Lazy, { preload });
}
