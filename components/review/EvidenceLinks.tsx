/**
 * A link as a table cell can show it: the host and the last part of the path
 * (where the page's own name usually is); the full address stays in `href`.
 */
function shortUrl(url: string, max = 48): string {
  let shown = url;
  try {
    const { hostname, pathname } = new URL(url);
    const segments = pathname.split("/").filter(Boolean);
    const host = hostname.replace(/^www\./, "");
    if (segments.length === 0) shown = host;
    else if (segments.length === 1) shown = `${host}/${segments[0]}`;
    else shown = `${host}/…/${segments[segments.length - 1]}`;
  } catch {
    // Stored links were checked as URLs when saved; show anything else as it is.
  }
  return shown.length > max ? `${shown.slice(0, max - 1)}…` : shown;
}

/** A claim's evidence links, one a line. */
export function EvidenceLinks({ links }: { links: string[] }) {
  if (links.length === 0) return null;
  return (
    <ul className="evidence-links">
      {links.map((url, i) => (
        <li key={i}>
          <a href={url} rel="noopener noreferrer" title={url}>
            {shortUrl(url)}
          </a>
        </li>
      ))}
    </ul>
  );
}
