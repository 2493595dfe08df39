import { AppLink } from "@/components/AppLink";

/** Said instead of the table when the address holds filters that cannot be read. */
export function InvalidFilters({ error, clearHref }: { error: string; clearHref: string }) {
  return (
    <div role="alert" className="review-invalid" data-testid="invalid-filters">
      <p>
        <strong>These filters cannot be used:</strong> {readable(error)}
      </p>
      <p>
        <AppLink href={clearHref}>Show all claims</AppLink> or change the filters below.
      </p>
    </div>
  );
}

/** The parser names a repeated field by its place ("tag.0"); the reader needs only the field. */
function readable(error: string): string {
  return error.replace(/\b(\w+)\.\d+:/g, "$1:");
}
