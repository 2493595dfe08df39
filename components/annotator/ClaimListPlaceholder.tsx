import type { ClaimListProps } from "./ClaimList";

/** A row's height before it is measured (one line of quote), in pixels. */
export const estimatedRowPx = 58;

/**
 * The claims list's box while its module (and the virtualiser it draws with)
 * loads, just after the editor opens: empty, and as tall as the list will
 * first be, so that nothing under it moves when the rows come.
 */
export function ClaimListPlaceholder({ claims }: ClaimListProps) {
  return (
    <div className="claim-list-box" aria-busy="true">
      <ol className="claim-list" style={{ height: claims.length * estimatedRowPx }} />
    </div>
  );
}
