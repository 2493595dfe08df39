import { type Tag, tagInfo, tags } from "@/lib/tags";

type TagCountChartProps =
  | { countsByTag: Partial<Record<Tag, number>>; uncountedPast?: undefined }
  /** More claims match than were counted (this many): none counted by tag. */
  | { countsByTag?: undefined; uncountedPast: number };

const width = 360;
const labelWidth = 110;
const countWidth = 44;
const barHeight = 18;
const rowGap = 8;

/** The counts in words, as the chart's accessible name. */
function describeCounts(countsByTag: Partial<Record<Tag, number>>): string {
  return tags.map((tag) => `${tagInfo[tag].label} ${countsByTag[tag] ?? 0}`).join(", ");
}

/**
 * How many of the matching claims carry each tag, as a small bar chart. Bars
 * are labelled with the tag's glyph and name, never told apart by colour
 * alone, and the same counts are given as text (for assistive technology).
 */
export function TagCountChart({ countsByTag, uncountedPast }: TagCountChartProps) {
  if (countsByTag === undefined) {
    return (
      <figure className="tag-chart" data-testid="tag-counts">
        <figcaption className="tag-chart-caption">Claims by tag</figcaption>
        <p className="hint" data-testid="tag-counts-uncounted">
          More than {uncountedPast.toLocaleString("en")} claims match: too many to count by tag. Narrow the filters to see the counts.
        </p>
      </figure>
    );
  }
  const max = Math.max(1, ...tags.map((tag) => countsByTag[tag] ?? 0));
  const height = tags.length * (barHeight + rowGap) - rowGap;
  const barSpace = width - labelWidth - countWidth;

  return (
    <figure className="tag-chart" data-testid="tag-counts">
      <figcaption className="tag-chart-caption">Claims by tag</figcaption>
      <svg
        className="tag-chart-bars"
        role="img"
        aria-label={`Claims by tag: ${describeCounts(countsByTag)}`}
        viewBox={`0 0 ${width} ${height}`}
        width={width}
        height={height}
      >
        {tags.map((tag, row) => {
          const count = countsByTag[tag] ?? 0;
          const y = row * (barHeight + rowGap);
          const barWidth = (count / max) * barSpace;
          return (
            <g key={tag} className={`tag-chart-row tag-chart-${tag}`}>
              <text x={0} y={y + barHeight / 2} dominantBaseline="central">
                {tagInfo[tag].glyph} {tagInfo[tag].label}
              </text>
              <rect x={labelWidth} y={y} width={barSpace} height={barHeight} className="tag-chart-track" />
              {count > 0 && <rect x={labelWidth} y={y} width={Math.max(2, barWidth)} height={barHeight} className="tag-chart-bar" />}
              <text x={labelWidth + barSpace + 6} y={y + barHeight / 2} dominantBaseline="central" className="tag-chart-count">
                {count}
              </text>
            </g>
          );
        })}
      </svg>
      {/* The counts as text too, for assistive technology that passes over an SVG image. */}
      <ul className="sr-only">
        {tags.map((tag) => (
          <li key={tag} data-testid={`tag-count-${tag}`} data-count={countsByTag[tag] ?? 0}>
            <span aria-hidden="true">{tagInfo[tag].glyph}</span> {tagInfo[tag].label}: <strong>{countsByTag[tag] ?? 0}</strong>
          </li>
        ))}
      </ul>
    </figure>
  );
}
