"use client";

import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { type FormEvent, useId, useState, useTransition } from "react";
import { parseReviewFilters, type ReviewFilters, reviewFiltersToSearchParams } from "@/lib/review-filters";
import { reviewStateLabels, reviewStates } from "@/lib/review";
import { tagInfo, tags } from "@/lib/tags";

interface ReviewFilterFormProps {
  filters: ReviewFilters;
  /** Whether the claims span several articles, which changes what "position" means. */
  acrossArticles: boolean;
  /** Reviewers and claimants to suggest as they are typed. */
  names?: { reviewers: string[]; claimants: string[] };
}

/**
 * The review filters as a plain GET form, so it works without JavaScript and
 * from the keyboard. With JavaScript it navigates to the canonical query
 * string (defaults left out) instead of the form's raw one. It pushes rather
 * than replaces the history entry, as the GET form would: Back undoes a filter.
 */
export function ReviewFilterForm({ filters, acrossArticles, names }: ReviewFilterFormProps) {
  const router = useRouter();
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const id = useId();

  function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const params = new URLSearchParams();
    for (const [key, value] of new FormData(event.currentTarget)) {
      if (typeof value === "string") params.append(key, value);
    }
    const parsed = parseReviewFilters(params);
    if ("error" in parsed) {
      setError(parsed.error);
      return;
    }
    setError(null);
    const query = reviewFiltersToSearchParams(parsed.filters).toString();
    startTransition(() => router.push(query ? `${pathname}?${query}` : pathname, { scroll: false }));
  }

  return (
    <form className="review-filters" method="get" onSubmit={apply} aria-label="Filter claims" data-testid="review-filters">
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
        hint="Exact name, any case; created or last changed the claim"
        value={filters.reviewer}
        maxLength={100}
        suggestions={names?.reviewers}
      />
      <TextFilter
        name="claimant"
        label="Claimant"
        hint="Exact name, any case"
        value={filters.claimant}
        maxLength={200}
        suggestions={names?.claimants}
      />
      <TextFilter name="q" label="Search" hint="Text in quotes, notes and claimants, any case" value={filters.q} maxLength={500} type="search" />
      <div className="review-field">
        <label htmlFor={`${id}-sort`}>Sort by</label>
        <select id={`${id}-sort`} name="sort" defaultValue={filters.sort}>
          <option value="position">{acrossArticles ? "Article, then position" : "Position in the article"}</option>
          <option value="updated">Last change, newest first</option>
        </select>
      </div>
      <div className="review-filter-actions">
        <button type="submit">Apply filters</button>
        <Link href={pathname}>Clear filters</Link>
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
