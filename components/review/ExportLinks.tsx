import { type ReviewFilters, reviewFiltersToSearchParams } from "@/lib/review-filters";

/** The export formats, as the export API names them, with what a reader is offered. */
const exportFormats = [
  { format: "w3c", label: "W3C JSON-LD", description: "Web Annotation collection" },
  { format: "csv", label: "CSV", description: "one claim a row, for spreadsheets" },
  {
    format: "claimreview",
    label: "ClaimReview",
    description: "schema.org JSON-LD; leaves out orphans and claims whose words changed until their verdict is confirmed",
  },
] as const;

interface ExportLinksProps {
  /** The article's slug; all articles when absent. */
  slug?: string;
  filters: ReviewFilters;
  total: number;
  /** Whether more than `total` match (the count stopped there). */
  totalCapped?: boolean;
}

/** The export API's address for some filters, in one format. */
export function exportHref(slug: string | undefined, format: string, filters: ReviewFilters): string {
  const params = reviewFiltersToSearchParams(filters);
  params.set("format", format);
  const base = slug ? `/api/documents/${encodeURIComponent(slug)}/export` : "/api/export";
  return `${base}?${params}`;
}

/**
 * Downloads of the claims the filters match, all of them (not only the rows
 * shown), in each export format. Plain links: the server names the file.
 */
export function ExportLinks({ slug, filters, total, totalCapped = false }: ExportLinksProps) {
  return (
    <section className="review-transfer" aria-labelledby="export-heading">
      <h2 id="export-heading">
        Export {totalCapped ? `more than ${total.toLocaleString("en")}` : total} {total === 1 && !totalCapped ? "claim" : "claims"}
      </h2>
      <ul className="export-links">
        {exportFormats.map(({ format, label, description }) => (
          <li key={format}>
            <a href={exportHref(slug, format, filters)} download className="button-link" data-testid={`export-${format}`}>
              {label}
            </a>{" "}
            <span className="hint">{description}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
