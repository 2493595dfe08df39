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
 * take, so that nothing moves when it comes.
 */
export function lazyComponent<P extends object>(
  load: () => Promise<ComponentType<P>>,
  placeholder?: ComponentType<P>,
): ComponentType<P> & { preload: () => void } {
  let loaded: ComponentType<P> | null = null;
  let pending: Promise<void> | null = null;
  const listeners = new Set<() => void>();
  /** Starts fetching the module, once (again after a failure). */
  const preload = () => {
    pending ??= load().then(
      (component) => {
        loaded = component;
        for (const notify of listeners) notify();
      },
      () => {
        // Offline, or a new build replaced the chunk: the next mount tries again.
        pending = null;
      },
    );
  };
  const subscribe = (listener: () => void) => {
    listeners.add(listener);
    preload();
    return () => void listeners.delete(listener);
  };
  const getLoaded = () => loaded;
  const getServerSnapshot = () => null;
  function Lazy(props: P) {
    const Loaded = useSyncExternalStore(subscribe, getLoaded, getServerSnapshot);
    if (Loaded) return <Loaded {...props} />;
    const Placeholder = placeholder;
    return Placeholder ? <Placeholder {...props} /> : null;
  }
  return Object.assign(Lazy, { preload });
}
