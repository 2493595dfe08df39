// One formatter for the process. UTC, stated, because the page is rendered on
// the server, which cannot know the reader's time zone.
const format = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/** A timestamp for people, with the exact instant for machines in `dateTime`. */
export function ChangeTime({ iso }: { iso: string }) {
  return (
    <time dateTime={iso} title={iso}>
      {format.format(new Date(iso))} UTC
    </time>
  );
}
