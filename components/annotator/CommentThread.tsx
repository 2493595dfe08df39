"use client";

import { type KeyboardEvent, useEffect, useId, useRef, useState } from "react";
import { ChangeTime } from "@/components/ChangeTime";
import { api, failureMessage } from "@/lib/api-client";
import type { Comment, CommentState } from "@/lib/comments";
import { maxCommentLength } from "@/lib/limits";
import { type Mentionable, matchPeople, mentionQueryAt } from "@/lib/mentions";
import { whyNot } from "@/server/policy";
import type { CommentFeed } from "./comment-feed";
import type { AnnotatorPerson } from "./use-annotator";

interface CommentThreadProps {
  claimId: string;
  /** Who reads it; null on an earlier revision, where nothing is written. */
  person: AnnotatorPerson | null;
  feed: CommentFeed;
  /** Whether the server has the claim yet: a claim not saved has no thread there. */
  saved: boolean;
}

/** A comment from the live feed or an answer, put in its place in the thread (oldest first), or taken out once deleted. */
function applyComment(list: readonly Comment[], comment: CommentState | Comment): Comment[] {
  const others = list.filter((c) => c.id !== comment.id);
  if ("deletedAt" in comment && comment.deletedAt !== null) return others;
  const { deletedAt: _deleted, ...live } = comment as CommentState;
  return [...others, live].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

/**
 * The open claim's discussion, under its fields: the comments, oldest
 * first, each with its author, time and an "edited" mark; a box to write
 * one, where `@` offers the newsroom's people; edit and delete as the policy
 * allows. Others' comments arrive through the live feed (`feed`). What was
 * typed stays in its box when sending fails, with the reason.
 */
export function CommentThread({ claimId, person, feed, saved }: CommentThreadProps) {
  const heading = useId();
  const [comments, setComments] = useState<Comment[]>([]);
  const [loaded, setLoaded] = useState<"loading" | "loaded" | { error: string }>("loading");
  const [editing, setEditing] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [deleteError, setDeleteError] = useState<string | null>(null);

  useEffect(() => {
    if (!saved) return;
    let current = true;
    // Events that come while the thread loads are applied on top of it.
    const early: CommentState[] = [];
    let ready = false;
    const stop = feed.follow(claimId, ({ comment }) => {
      if (!comment) return;
      if (ready) setComments((list) => applyComment(list, comment));
      else early.push(comment);
    });
    api.claimComments(claimId).then(
      (list) => {
        if (!current) return;
        ready = true;
        setComments(early.reduce<Comment[]>(applyComment, list));
        setLoaded("loaded");
      },
      (error: unknown) => current && setLoaded({ error: failureMessage(error, "The comments cannot be read: the server cannot be reached.") }),
    );
    return () => {
      current = false;
      stop();
    };
  }, [claimId, feed, saved]);

  const mayComment = person !== null && whyNot(person, "comment", { kind: "claim", id: claimId }) === null;
  const may = (action: "edit_comment" | "delete_comment", comment: Comment) =>
    person !== null && whyNot(person, action, { kind: "comment", id: comment.id, createdById: comment.author.id }) === null;
  const settle = (next: Comment[]) => {
    setComments(next);
    feed.setCount(claimId, next.length);
  };

  return (
    <section className="comment-thread" aria-labelledby={heading} data-testid="comment-thread">
      <h3 id={heading}>Discussion{comments.length > 0 && ` (${comments.length})`}</h3>
      {!saved ? (
        <p className="hint">Not saved yet.</p>
      ) : loaded === "loading" ? (
        <p className="hint">Loading…</p>
      ) : typeof loaded === "object" ? (
        <p className="hint">{loaded.error}</p>
      ) : (
        <>
          {comments.length === 0 && <p className="hint">No comments yet.</p>}
          <ol className="comments">
            {comments.map((comment) => (
              <li key={comment.id} data-testid="comment" data-comment-id={comment.id}>
                <p className="comment-meta">
                  <strong>{comment.author.name}</strong>
                  {comment.provenance && (
                    <span className="comment-imported" title={comment.provenance.creator?.id}>
                      {" "}
                      (imported from {comment.provenance.source})
                    </span>
                  )}{" "}
                  · <ChangeTime iso={comment.createdAt} />
                  {comment.editedAt && (
                    <span className="comment-edited" title={comment.editedAt}>
                      {" "}
                      (edited)
                    </span>
                  )}
                </p>
                {editing === comment.id ? (
                  <CommentComposer
                    label="Edit comment"
                    initial={comment.body}
                    submitLabel="Save"
                    onSubmit={async (body) => {
                      const edited = await api.editComment(comment.id, body);
                      setComments((list) => applyComment(list, edited));
                      setEditing(null);
                    }}
                    onCancel={() => setEditing(null)}
                  />
                ) : (
                  <p className="comment-body" data-testid="comment-body">
                    <CommentBody comment={comment} />
                  </p>
                )}
                {editing !== comment.id && (may("edit_comment", comment) || may("delete_comment", comment)) && (
                  <p className="comment-actions">
                    {confirming === comment.id ? (
                      <>
                        Delete this comment?{" "}
                        <button
                          type="button"
                          className="danger"
                          onClick={async () => {
                            try {
                              await api.deleteComment(comment.id);
                              setConfirming(null);
                              setDeleteError(null);
                              settle(comments.filter((c) => c.id !== comment.id));
                            } catch (error) {
                              setDeleteError(failureMessage(error, "The server cannot be reached: the comment was not deleted."));
                            }
                          }}
                        >
                          Delete
                        </button>{" "}
                        <button type="button" className="link-button" onClick={() => setConfirming(null)}>
                          Keep
                        </button>
                        {deleteError && (
                          <span role="alert" className="field-error">
                            {" "}
                            {deleteError}
                          </span>
                        )}
                      </>
                    ) : (
                      <>
                        {may("edit_comment", comment) && (
                          <button type="button" className="link-button" onClick={() => setEditing(comment.id)}>
                            Edit
                          </button>
                        )}{" "}
                        {may("delete_comment", comment) && (
                          <button
                            type="button"
                            className="link-button"
                            onClick={() => {
                              setDeleteError(null);
                              setConfirming(comment.id);
                            }}
                          >
                            Delete
                          </button>
                        )}
                      </>
                    )}
                  </p>
                )}
              </li>
            ))}
          </ol>
          {mayComment && (
            <CommentComposer
              label="Add a comment"
              initial=""
              submitLabel="Comment"
              clearOnSubmit
              onSubmit={async (body) => {
                const added = await api.addComment(claimId, body);
                settle(applyComment(comments, added));
              }}
            />
          )}
        </>
      )}
    </section>
  );
}

/** A comment's words, with the people it mentions marked. */
function CommentBody({ comment }: { comment: Comment }) {
  const names = comment.mentions.map((m) => m.name).sort((a, b) => b.length - a.length);
  if (names.length === 0) return <>{comment.body}</>;
  const pattern = new RegExp(`(@(?:${names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")}))`, "giu");
  return (
    <>
      {comment.body.split(pattern).map((part, i) =>
        i % 2 === 1 ? (
          <mark key={i} className="mention">
            {part}
          </mark>
        ) : (
          part
        ),
      )}
    </>
  );
}

// The newsroom's people, read once per page when a box is first used.
let peopleRequest: Promise<Mentionable[]> | null = null;
function loadPeople(): Promise<Mentionable[]> {
  peopleRequest ??= api.people().catch((error: unknown) => {
    peopleRequest = null;
    throw error;
  });
  return peopleRequest;
}

interface ComposerProps {
  label: string;
  initial: string;
  submitLabel: string;
  /** Sends the words; throws to keep them in the box, with the reason shown. */
  onSubmit: (body: string) => Promise<void>;
  onCancel?: () => void;
  clearOnSubmit?: boolean;
}

/** A box for a comment's words, where `@` and a few letters offer the people to mention. */
function CommentComposer({ label, initial, submitLabel, onSubmit, onCancel, clearOnSubmit = false }: ComposerProps) {
  const listId = useId();
  const box = useRef<HTMLTextAreaElement>(null);
  const [text, setText] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [people, setPeople] = useState<Mentionable[]>([]);
  const [mention, setMention] = useState<{ start: number; query: string } | null>(null);
  const [highlight, setHighlight] = useState(0);
  const suggestions = mention ? matchPeople(people, mention.query) : [];
  const open = suggestions.length > 0;

  const look = () => {
    const element = box.current;
    if (!element) return;
    const found = mentionQueryAt(element.value, element.selectionStart);
    setMention(found);
    if (found?.query !== mention?.query) setHighlight(0);
  };
  const pick = (person: Mentionable) => {
    const element = box.current;
    if (!element || !mention) return;
    const caret = element.selectionStart;
    const next = `${text.slice(0, mention.start)}@${person.name} ${text.slice(caret)}`;
    const at = mention.start + person.name.length + 2;
    setText(next);
    setMention(null);
    requestAnimationFrame(() => {
      element.focus();
      element.setSelectionRange(at, at);
    });
  };
  const submit = async () => {
    if (busy || text.trim() === "") return;
    setBusy(true);
    setError(null);
    try {
      await onSubmit(text);
      if (clearOnSubmit) setText("");
    } catch (failure) {
      setError(failureMessage(failure, "The server cannot be reached. Your comment is still here; try again."));
    } finally {
      setBusy(false);
    }
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (open && (event.key === "ArrowDown" || event.key === "ArrowUp")) {
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      setHighlight((highlight + step + suggestions.length) % suggestions.length);
    } else if (open && (event.key === "Enter" || event.key === "Tab")) {
      event.preventDefault();
      pick(suggestions[Math.min(highlight, suggestions.length - 1)]);
    } else if (open && event.key === "Escape") {
      // Closes the list, not the claim.
      event.preventDefault();
      setMention(null);
    } else if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void submit();
    }
  };

  return (
    <form
      className="comment-form"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <label className="field">
        {label}
        <textarea
          ref={box}
          value={text}
          rows={3}
          maxLength={maxCommentLength}
          placeholder="Write a comment; @ mentions someone"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={open}
          aria-controls={listId}
          aria-activedescendant={open ? `${listId}-${highlight}` : undefined}
          onFocus={() => {
            loadPeople().then(setPeople, () => {});
          }}
          onChange={(event) => {
            setText(event.target.value);
            const found = mentionQueryAt(event.target.value, event.target.selectionStart);
            setMention(found);
            setHighlight(0);
          }}
          onKeyDown={onKeyDown}
          onClick={look}
          onBlur={() => setMention(null)}
        />
      </label>
      <ul id={listId} role="listbox" aria-label="People to mention" className="mention-list" hidden={!open}>
        {suggestions.map((person, i) => (
          <li
            key={person.id}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === highlight}
            // Before the box's blur, which closes the list.
            onMouseDown={(event) => {
              event.preventDefault();
              pick(person);
            }}
          >
            {person.name}
          </li>
        ))}
      </ul>
      {error && (
        <p role="alert" className="field-error" data-testid="comment-error">
          Not sent: {error}
        </p>
      )}
      <p className="comment-form-buttons">
        <button type="submit" disabled={busy || text.trim() === ""}>
          {busy ? "Sending…" : submitLabel}
        </button>
        {onCancel && (
          <>
            {" "}
            <button type="button" className="link-button" onClick={onCancel}>
              Cancel
            </button>
          </>
        )}
      </p>
    </form>
  );
}
