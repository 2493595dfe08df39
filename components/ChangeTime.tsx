// One formatter for every time the app shows (claims, review pages,
// revisions). UTC, stated, because pages are rendered on the server, which
// cannot know the reader's time zone, and the same text must hydrate.
const format = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/** A timestamp for people, with the exact instant for machines in `dateTime`. */
export function ChangeTime({ iso }: { iso: string }) {
  return (
    <time dateTime={iso} title={iso}>
      {format.format(new Date(iso))} UTC
    </time>
  );
}
