"use client";

import { usePathname, useRouter } from "next/navigation";
import { type FormEvent, useTransition } from "react";
import { type ArticleSort, articleSortLabels, articleSorts } from "@/lib/article-list";

export interface ArticleFilterValues {
  q?: string;
  sort: ArticleSort;
  outlet?: string;
  orphans: boolean;
  wordsChanged: boolean;
  inReview: boolean;
  archived: boolean;
}

/**
 * The home page's search, sort and filters: a plain GET form (it works
 * without JavaScript, by its Search button), whose sort, outlet and
 * checkboxes apply as they change, by replacing the address (the page is
 * rendered on the server from it). A change starts from the first page.
 */
export function ArticleFilters({ values, outlets }: { values: ArticleFilterValues; outlets: string[] }) {
  const router = useRouter();
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();
  const apply = (form: HTMLFormElement) => {
    const params = new URLSearchParams();
    for (const [key, value] of new FormData(form)) if (typeof value === "string" && value.trim() !== "") params.set(key, value.trim());
    if (params.get("sort") === "added") params.delete("sort");
    startTransition(() => router.replace(params.size ? `${pathname}?${params}` : pathname));
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    apply(event.currentTarget);
  };
  const changed = (event: FormEvent<HTMLFormElement>) => {
    // Typing in the search box waits for Enter or the button.
    if ((event.target as HTMLElement).getAttribute("type") !== "search") apply(event.currentTarget);
  };
  return (
    <form className="review-filters article-filters" method="get" onSubmit={submit} onChange={changed} role="search" aria-label="Find articles">
      <label className="field">
        Search
        <input type="search" name="q" defaultValue={values.q ?? ""} placeholder="Words, title, outlet, author or URL" maxLength={200} />
      </label>
      <label className="field">
        Sort
        <select name="sort" defaultValue={values.sort}>
          {articleSorts.map((sort) => (
            <option key={sort} value={sort}>
              {articleSortLabels[sort]}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        Outlet
        <select name="outlet" defaultValue={values.outlet ?? ""}>
          <option value="">Any outlet</option>
          {outlets.map((outlet) => (
            <option key={outlet} value={outlet}>
              {outlet}
            </option>
          ))}
        </select>
      </label>
      <fieldset className="review-filter-tags">
        <legend>Only</legend>
        <label>
          <input type="checkbox" name="orphans" value="1" defaultChecked={values.orphans} /> with orphans
        </label>
        <label>
          <input type="checkbox" name="wordsChanged" value="1" defaultChecked={values.wordsChanged} /> with words changed
        </label>
        <label>
          <input type="checkbox" name="inReview" value="1" defaultChecked={values.inReview} /> with claims in review
        </label>
        <label>
          <input type="checkbox" name="archived" value="1" defaultChecked={values.archived} /> archived
        </label>
      </fieldset>
      <div className="review-filter-actions">
        <button type="submit">Search</button>
        <span className="review-filter-status" aria-live="polite">
          {pending ? "Loading…" : ""}
        </span>
      </div>
    </form>
  );
}
