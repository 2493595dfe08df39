import { type RefObject, useRef, useState } from "react";
import type { Tag } from "@/lib/tags";

/** Why the reviewer's name is asked for, and how many times it was (the form says so again). */
export interface NameRequest {
  times: number;
  hint: string;
  /** False while the reviewer types elsewhere (a note): the form does not take the keyboard from under them. */
  takeFocus: boolean;
}

export interface ReviewerName {
  reviewer: string | null;
  /** The name now, for code made once (the keymap, the save loop's callbacks). */
  reviewerRef: RefObject<string | null>;
  /** The open request for the name; null when none is open. */
  request: NameRequest | null;
  /** Asks for the name; `tag`: the tag to put on the selected words once it is given. Stable across renders. */
  askFor: (tag: Tag | null) => void;
  /** Records the name given; returns the tag that waited for it, and whether it is the first name of this page. */
  give: (name: string) => { tag: Tag | null; first: boolean };
}

/** The reviewer's name as the editor needs it: asked for before the first tag or save that wants it. */
export function useReviewerName(initial: string | null): ReviewerName {
  const [reviewer, setReviewer] = useState(initial);
  const reviewerRef = useRef(reviewer);
  reviewerRef.current = reviewer;
  const [request, setRequest] = useState<NameRequest | null>(null);
  const pendingTag = useRef<Tag | null>(null);

  // Only a ref and a state setter: the same behaviour whichever render's function the editor kept.
  const askFor = (tag: Tag | null) => {
    if (tag) pendingTag.current = tag;
    const hint = pendingTag.current
      ? "Your name goes on every claim you tag: enter it, and the words you selected are tagged."
      : "Your name goes on every change: enter it, and your changes are saved.";
    const typing = document.activeElement instanceof HTMLInputElement || document.activeElement instanceof HTMLTextAreaElement;
    setRequest((asked) => ({ times: (asked?.times ?? 0) + 1, hint, takeFocus: tag !== null || !typing }));
  };

  const give = (name: string) => {
    const first = reviewerRef.current === null;
    setReviewer(name);
    reviewerRef.current = name;
    setRequest(null);
    const tag = pendingTag.current;
    pendingTag.current = null;
    return { tag, first };
  };

  return { reviewer, reviewerRef, request, askFor, give };
}
