import { useRef } from "react";

/**
 * An id for what a form creates, so that sending it again after an answer
 * was lost (the server stored it, the reply never came) is answered with the
 * stored article or revision instead of storing a second one. The id stays
 * while the body sent stays the same, and is new once the body changes: a
 * retry is the same create, a changed body another.
 */
export function useCreateId(): (body: unknown) => string {
  const last = useRef<{ body: string; id: string } | null>(null);
  return (body) => {
    const key = JSON.stringify(body);
    if (last.current?.body !== key) last.current = { body: key, id: crypto.randomUUID() };
    return last.current.id;
  };
}
