import { readFile } from "node:fs/promises";
import { type Locator, type Page, expect } from "@playwright/test";
import { articleSlug, type TagName } from "./annotator-page";

const tagLabels: Record<TagName, string> = { disputed: "Disputed", denied: "Denied", unverified: "Unverified" };

/** Filters as a reviewer sets them in the form; fields left out are left as they are. */
export interface FilterChoice {
  tags?: TagName[];
  reviewer?: string;
  claimant?: string;
  q?: string;
}

/** The table's sortable columns, by their header. */
export type SortColumn = "Quote" | "Tag" | "Claimant" | "Reviewer" | "Last change";

/** A review page (one article's, or every article's), as a reviewer sees and drives it. */
export class ReviewPage {
  readonly filters: Locator;
  readonly table: Locator;
  readonly rows: Locator;
  readonly quoteLinks: Locator;
  readonly summary: Locator;
  readonly chart: Locator;
  readonly invalidFilters: Locator;
  readonly importReport: Locator;

  constructor(readonly page: Page) {
    this.filters = page.getByRole("form", { name: "Filter claims" });
    this.table = page.getByTestId("claim-table");
    this.rows = this.table.getByTestId("claim-row");
    this.quoteLinks = this.rows.getByTestId("claim-quote-link");
    this.summary = page.getByTestId("review-summary");
    this.chart = page.getByRole("img", { name: /^Claims by tag/ });
    this.invalidFilters = page.getByTestId("invalid-filters");
    this.importReport = page.getByTestId("import-report");
  }

  /** The article's review page, with an optional query string. */
  async gotoArticle(query = "") {
    await this.page.goto(`/documents/${articleSlug}/review${query ? `?${query}` : ""}`);
    await expect(this.page.getByRole("heading", { level: 1 })).toBeVisible();
  }

  /** The review page of every article. */
  async gotoAll(query = "") {
    await this.page.goto(`/review${query ? `?${query}` : ""}`);
    await expect(this.page.getByRole("heading", { level: 1, name: "Review all claims" })).toBeVisible();
  }

  tagCheckbox(tag: TagName): Locator {
    return this.filters.getByRole("checkbox", { name: tagLabels[tag] });
  }

  field(label: "Reviewer" | "Claimant" | "Search"): Locator {
    return this.filters.getByLabel(label, { exact: true });
  }

  /** Sets the filters in the form; they apply as they change (there is no button to press). */
  async filter(choice: FilterChoice) {
    if (choice.tags) {
      for (const tag of ["disputed", "denied", "unverified"] as const) await this.tagCheckbox(tag).setChecked(choice.tags.includes(tag));
    }
    if (choice.reviewer !== undefined) await this.field("Reviewer").fill(choice.reviewer);
    if (choice.claimant !== undefined) await this.field("Claimant").fill(choice.claimant);
    if (choice.q !== undefined) await this.field("Search").fill(choice.q);
  }

  /** The header of a sortable column. */
  columnHeader(column: SortColumn): Locator {
    return this.table.getByRole("columnheader", { name: column });
  }

  /** Sorts by a column, clicking its header (again: the other way round). */
  async sortBy(column: SortColumn) {
    await this.columnHeader(column).getByRole("link").click();
  }

  /** The table's groups of one article's claims, each headed by its title. */
  groupTitles(): Locator {
    return this.table.getByTestId("claim-group-title");
  }

  /** The row of the claim with this id. */
  row(id: string): Locator {
    return this.rows.and(this.page.locator(`[data-claim-id="${id}"]`));
  }

  /** The rows of one article's claims, on the page of every article (under its title). */
  rowsOfArticle(slug: string): Locator {
    return this.table.locator(`tbody[data-article-slug="${slug}"]`).getByTestId("claim-row");
  }

  /** How many claims the chart's text says carry the tag. */
  async count(tag: TagName): Promise<number> {
    return Number(await this.page.getByTestId(`tag-count-${tag}`).getAttribute("data-count"));
  }

  exportLink(format: "w3c" | "csv" | "claimreview"): Locator {
    return this.page.getByTestId(`export-${format}`);
  }

  /** Clicks an export link and gives the downloaded file's name and text. */
  async download(format: "w3c" | "csv" | "claimreview"): Promise<{ name: string; text: string }> {
    const [download] = await Promise.all([this.page.waitForEvent("download"), this.exportLink(format).click()]);
    expect(await download.failure()).toBeNull();
    return { name: download.suggestedFilename(), text: await readFile(await download.path(), "utf8") };
  }

  /** Imports a W3C file through the page's import form. */
  async importFile(name: string, text: string, { skipUnplaceable = false } = {}) {
    const form = this.page.getByRole("region", { name: "Import claims" });
    await form.getByLabel("W3C Web Annotation file (JSON)").setInputFiles({ name, mimeType: "application/json", buffer: Buffer.from(text) });
    await form.getByRole("checkbox", { name: /Skip annotations that cannot be imported/ }).setChecked(skipUnplaceable);
    await form.getByRole("button", { name: "Import" }).click();
    await expect(this.importReport).toBeVisible();
  }
}
