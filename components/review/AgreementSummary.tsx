import { AppLink } from "@/components/AppLink";
import type { Agreement } from "@/lib/agreement";
import { type Tag, tagInfo, tags } from "@/lib/tags";
import type { AgreementReport } from "@/server/agreement";

interface AgreementSummaryProps {
  agreement: AgreementReport;
  /** Whether the agreement spans articles (each disagreement then names its article's slug). */
  acrossArticles: boolean;
  /** Disagreements listed at most; the rest are counted, with a link to the claims whose verdicts differ. */
  disagreementsShown?: number;
}

const percent = (share: number | null) => (share === null ? "—" : `${Math.round(share * 100)}%`);
const kappaText = (kappa: number | null) => (kappa === null ? "—" : kappa.toFixed(2));

/**
 * How often the reviewers agree: the claims with two verdicts, observed
 * agreement, Cohen's κ, the confusion table by tag (as a table, and as a
 * grid whose cells darken with their count), and the claims where they differ.
 */
export function AgreementSummary({ agreement, acrossArticles, disagreementsShown = Infinity }: AgreementSummaryProps) {
  const { claims, observed, kappa, confusion, disagreements } = agreement;
  const listed = disagreements.slice(0, disagreementsShown);
  return (
    <section className="agreement" aria-labelledby="agreement-heading" data-testid="agreement">
      <h2 id="agreement-heading">Agreement between reviewers</h2>
      <dl className="agreement-figures">
        <div>
          <dt>Claims with two verdicts</dt>
          <dd data-testid="agreement-claims">{claims}</dd>
        </div>
        <div>
          <dt>Observed agreement</dt>
          <dd data-testid="agreement-observed">{percent(observed)}</dd>
        </div>
        <div>
          <dt>
            Cohen’s <abbr title="kappa: agreement beyond what chance explains, from −1 to 1">κ</abbr>
          </dt>
          <dd data-testid="agreement-kappa">{kappaText(kappa)}</dd>
        </div>
      </dl>
      {claims === 0 ? (
        <p className="hint">No claim has two verdicts yet.</p>
      ) : (
        <div className="agreement-body">
          <ConfusionTable confusion={confusion} />
          <ConfusionChart confusion={confusion} />
        </div>
      )}
      {disagreements.length > 0 && (
        <>
          <h3>Where the verdicts differ ({disagreements.length})</h3>
          <ul className="agreement-disagreements" data-testid="disagreements">
            {listed.map((pair) => (
              <li key={pair.claimId} data-testid="disagreement" data-claim-id={pair.claimId}>
                <AppLink href={`/documents/${encodeURIComponent(pair.document)}?claim=${encodeURIComponent(pair.claimId)}`}>“{pair.quote}”</AppLink>
                {acrossArticles && <span className="queue-meta"> ({pair.document})</span>}: {pair.first.by} <TagName tag={pair.first.tag} />,{" "}
                {pair.second.by} <TagName tag={pair.second.tag} />
              </li>
            ))}
          </ul>
          {listed.length < disagreements.length && (
            <p className="hint" data-testid="disagreements-more">
              {disagreements.length - listed.length} more: <AppLink href="/review?verdicts=differ">list the claims whose verdicts differ</AppLink>
            </p>
          )}
        </>
      )}
    </section>
  );
}

function TagName({ tag }: { tag: Tag }) {
  return (
    <span className={`tag-pill tag-pill-${tag}`}>
      <span aria-hidden="true">{tagInfo[tag].glyph}</span> {tagInfo[tag].label}
    </span>
  );
}

/**
 * The confusion table: rows the first verdict, columns the second; the
 * diagonal is agreement. In a box of its own that scrolls sideways if the
 * table is ever wider than the card (a large text setting on a phone), so that
 * the page never does; at the usual sizes it fits (app/phone.css).
 */
function ConfusionTable({ confusion }: { confusion: Agreement["confusion"] }) {
  return (
    <div className="agreement-confusion-box">
      <table className="agreement-confusion" data-testid="agreement-confusion">
        <caption>First verdict (rows) against second verdict (columns)</caption>
        <thead>
          <tr>
            <td />
            {tags.map((column) => (
              <th key={column} scope="col">
                {tagInfo[column].label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {tags.map((row) => (
            <tr key={row}>
              <th scope="row">{tagInfo[row].label}</th>
              {tags.map((column) => (
                <td key={column} data-testid={`confusion-${row}-${column}`} className={row === column ? "agreement-diagonal" : undefined}>
                  {confusion[row][column]}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const cell = 34;
const labelSpace = 28;

/**
 * The same table as a grid: each cell darker the more claims it holds, the
 * diagonal (agreement) outlined, glyphs naming the tags. Decorative beside
 * the table, which carries the numbers; plain SVG, no chart library.
 */
function ConfusionChart({ confusion }: { confusion: Agreement["confusion"] }) {
  const max = Math.max(1, ...tags.flatMap((row) => tags.map((column) => confusion[row][column])));
  const size = labelSpace + tags.length * cell;
  return (
    <svg className="agreement-chart" viewBox={`0 0 ${size} ${size}`} width={size} height={size} aria-hidden="true">
      {tags.map((tag, i) => (
        <g key={tag}>
          <text x={labelSpace + i * cell + cell / 2} y={labelSpace / 2} textAnchor="middle" dominantBaseline="central">
            {tagInfo[tag].glyph}
          </text>
          <text x={labelSpace / 2} y={labelSpace + i * cell + cell / 2} textAnchor="middle" dominantBaseline="central">
            {tagInfo[tag].glyph}
          </text>
        </g>
      ))}
      {tags.map((row, r) =>
        tags.map((column, c) => {
          const count = confusion[row][column];
          return (
            <g key={`${row}-${column}`}>
              <rect
                x={labelSpace + c * cell}
                y={labelSpace + r * cell}
                width={cell - 2}
                height={cell - 2}
                className={row === column ? "agreement-cell agreement-cell-diagonal" : "agreement-cell"}
                fillOpacity={0.08 + 0.85 * (count / max)}
              />
              <text x={labelSpace + c * cell + cell / 2 - 1} y={labelSpace + r * cell + cell / 2 - 1} textAnchor="middle" dominantBaseline="central">
                {count}
              </text>
            </g>
          );
        }),
      )}
    </svg>
  );
}
