"use client";

import { useEffect, useRef, useState } from "react";
import { maxReviewerLength } from "@/lib/limits";
import { saveReviewerName } from "./reviewer-cookie";

interface ReviewerFormProps {
  reviewer: string | null;
  open: boolean;
  /** How many times something has waited for the name (0: none): each time, the form takes focus again and says why (`hint`). */
  asked?: number;
  hint?: string;
  /** False to show the form without taking the keyboard (the reviewer is typing elsewhere). */
  takeFocus?: boolean;
  onChange: (name: string) => void;
}

/**
 * Asks reviewers for their name once and keeps it in the `reviewer` cookie,
 * which the server records on what they create and change. This identifies,
 * it does not authenticate.
 */
export function ReviewerForm({ reviewer, open, asked = 0, hint, takeFocus = true, onChange }: ReviewerFormProps) {
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(reviewer ?? "");
  const [blank, setBlank] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const changeRef = useRef<HTMLButtonElement>(null);
  const showForm = open || editing;

  // Set when a change of name is saved or called off: the keyboard goes back to "Change".
  const backToChange = useRef(false);

  useEffect(() => {
    if (showForm && takeFocus) inputRef.current?.focus();
    else if (backToChange.current && document.activeElement === document.body) changeRef.current?.focus();
    backToChange.current = false;
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the keyboard moves when the form opens or asks again, not when takeFocus alone changes
  }, [showForm, asked]);

  if (!showForm) {
    return (
      <span className="reviewer">
        Reviewing as <strong data-testid="reviewer-name">{reviewer}</strong>{" "}
        <button ref={changeRef} type="button" className="link-button" onClick={() => setEditing(true)}>
          Change
        </button>
      </span>
    );
  }
  // Changing a name already given can be called off (button or Esc); a first name cannot.
  const cancel = reviewer
    ? () => {
        backToChange.current = true;
        setEditing(false);
        setName(reviewer);
        setBlank(false);
      }
    : undefined;
  return (
    <form
      className="reviewer-form"
      onKeyDown={(event) => {
        if (event.key === "Escape" && cancel) {
          event.preventDefault();
          cancel();
        }
      }}
      onSubmit={(event) => {
        event.preventDefault();
        const trimmed = name.trim();
        setBlank(!trimmed);
        if (!trimmed) return inputRef.current?.focus();
        saveReviewerName(trimmed);
        backToChange.current = reviewer !== null;
        setEditing(false);
        onChange(trimmed);
      }}
    >
      <label>
        Your name, recorded on the claims you tag{" "}
        <input
          ref={inputRef}
          value={name}
          onChange={(e) => setName(e.target.value)}
          maxLength={maxReviewerLength}
          required
          aria-invalid={blank || undefined}
        />
      </label>
      <button type="submit">{reviewer ? "Save name" : "Start reviewing"}</button>
      {cancel && (
        <button type="button" className="link-button" onClick={cancel}>
          Cancel
        </button>
      )}
      {asked > 0 && hint && !blank && (
        <p className="hint" role="status">
          {hint}
        </p>
      )}
      {blank && (
        <p className="field-error" role="alert">
          A name needs letters, not only spaces.
        </p>
      )}
    </form>
  );
}
