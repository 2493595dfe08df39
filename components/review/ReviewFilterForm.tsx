"use client";

import { AppLink } from "@/components/AppLink";
import { usePathname, useRouter } from "next/navigation";
import { type ChangeEvent, type FormEvent, useEffect, useId, useRef, useState, useSyncExternalStore, useTransition } from "react";
import { parseReviewFilters, type ReviewFilters, reviewFiltersToSearchParams } from "@/lib/review-filters";
import { reviewStateLabels, reviewStates } from "@/lib/review";
import { tagInfo, tags } from "@/lib/tags";

interface ReviewFilterFormProps {
  filters: ReviewFilters;
  /** Reviewers and claimants to suggest as they are typed. */
  names?: { reviewers: string[]; claimants: string[] };
}

/** Wait after a keystroke before filtering, so that a word typed makes one request, not one a letter. */
const typingSettleMs = 300;

const subscribeNothing = () => () => {};

/**
 * The review filters, applied as they are changed: a tag ticked at once, a
 * name or search once typing pauses. The form is a plain GET form, so
 * without JavaScript it still works (its "Apply filters" button shows only
 * then); with it, the form navigates to the canonical query string (defaults
 * left out, back to the first page), replacing the history entry while
 * typing and pushing one for a tag, so that Back undoes a tag, not a letter.
 *
 * The fields are the browser's own (uncontrolled), so that a page rendered
 * for what was typed a moment ago does not overwrite what is typed now; they
 * are reset to the address's filters only when the address changes from
 * outside the form (Back, Forward, "Clear filters").
 */
export function ReviewFilterForm({ filters, names }: ReviewFilterFormProps) {
  const router = useRouter();
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const scripted = useSyncExternalStore(
    subscribeNothing,
    () => true,
    () => false,
  );
  const typing = useRef<ReturnType<typeof setTimeout>>(undefined);

  const shown = reviewFiltersToSearchParams(filters).toString();
  const [resetKey, setResetKey] = useState(0);
  const [resetPending, setResetPending] = useState(false);
  const [lastShown, setLastShown] = useState(shown);
  if (lastShown !== shown) {
    setLastShown(shown);
    if (resetPending) {
      setResetPending(false);
      setResetKey(resetKey + 1);
    }
  }
  useEffect(() => {
    const fromOutside = () => setResetPending(true);
    window.addEventListener("popstate", fromOutside);
    return () => {
      window.removeEventListener("popstate", fromOutside);
      clearTimeout(typing.current);
    };
  }, []);

  function navigate(form: HTMLFormElement, how: "push" | "replace") {
    clearTimeout(typing.current);
    const params = new URLSearchParams();
    for (const [key, value] of new FormData(form)) {
      if (typeof value === "string") params.append(key, value);
    }
    const parsed = parseReviewFilters(params);
    if ("error" in parsed) {
      setError(parsed.error);
      return;
    }
    setError(null);
    setResetPending(false);
    const query = reviewFiltersToSearchParams(parsed.filters).toString();
    if (query === shown) return;
    const href = query ? `${pathname}?${query}` : pathname;
    startTransition(() => router[how](href, { scroll: false }));
  }

  function changed(event: ChangeEvent<HTMLFormElement>) {
    const form = event.currentTarget;
    const field = event.target as unknown as HTMLInputElement;
    if (field.type === "text" || field.type === "search") {
      clearTimeout(typing.current);
      typing.current = setTimeout(() => navigate(form, "replace"), typingSettleMs);
    } else {
      navigate(form, "push");
    }
  }

  function submitted(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    navigate(event.currentTarget, "push");
  }

  return (
    <form
      key={resetKey}
      className="review-filters"
      method="get"
      onSubmit={submitted}
      onChange={changed}
      aria-label="Filter claims"
      data-testid="review-filters"
    >
      <fieldset className="review-filter-tags">
        <legend>Tag</legend>
        {tags.map((tag) => (
          <label key={tag} className={`review-tag-option review-tag-${tag}`}>
            <input type="checkbox" name="tag" value={tag} defaultChecked={filters.tags.includes(tag)} />
            <span aria-hidden="true">{tagInfo[tag].glyph}</span> {tagInfo[tag].label}
          </label>
        ))}
      </fieldset>
      <fieldset className="review-filter-tags review-filter-states">
        <legend>Review</legend>
        {reviewStates.map((state) => (
          <label key={state} className="review-tag-option">
            <input type="checkbox" name="state" value={state} defaultChecked={filters.states?.includes(state) ?? false} /> {reviewStateLabels[state]}
          </label>
        ))}
        <label className="review-tag-option">
          <input type="checkbox" name="verdicts" value="differ" defaultChecked={filters.verdictsDiffer ?? false} /> verdicts differ
        </label>
      </fieldset>
      <TextFilter
        name="reviewer"
        label="Reviewer"
        hint="Part of a name, any case or accents; created or last changed the claim"
        value={filters.reviewer}
        maxLength={100}
        suggestions={names?.reviewers}
      />
      <TextFilter
        name="claimant"
        label="Claimant"
        hint="Part of a name, any case or accents"
        value={filters.claimant}
        maxLength={200}
        suggestions={names?.claimants}
      />
      <TextFilter
        name="q"
        label="Search"
        hint="Words or their start, in quotes, notes and claimants"
        value={filters.q}
        maxLength={500}
        type="search"
      />
      {/* The order is chosen in the table's headers; kept here so that filtering keeps it. */}
      <input type="hidden" name="sort" value={filters.sort} />
      <input type="hidden" name="dir" value={filters.dir} />
      <div className="review-filter-actions">
        {!scripted && <button type="submit">Apply filters</button>}
        <AppLink href={pathname} onClick={() => setResetPending(true)}>
          Clear filters
        </AppLink>
        <span role="status" className="review-filter-status">
          {pending ? "Updating…" : ""}
        </span>
      </div>
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
    </form>
  );
}

interface TextFilterProps {
  name: string;
  label: string;
  hint: string;
  value: string | undefined;
  maxLength: number;
  type?: "text" | "search";
  /** Values offered as the field is typed in (a datalist). */
  suggestions?: string[];
}

function TextFilter({ name, label, hint, value, maxLength, type = "text", suggestions }: TextFilterProps) {
  const id = useId();
  const listId = suggestions && suggestions.length > 0 ? `${id}-names` : undefined;
  return (
    <div className="review-field">
      <label htmlFor={id}>{label}</label>
      <input id={id} type={type} name={name} defaultValue={value ?? ""} maxLength={maxLength} aria-describedby={`${id}-hint`} list={listId} />
      {listId && (
        <datalist id={listId}>
          {suggestions!.map((suggestion) => (
            <option key={suggestion} value={suggestion} />
          ))}
        </datalist>
      )}
      <span id={`${id}-hint`} className="review-field-hint">
        {hint}
      </span>
    </div>
  );
}
