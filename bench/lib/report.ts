/** The benchmark's table: one row per figure, its baseline, their ratio, the target and whether it is met. */

export type Unit = "ms" | "s" | "claims/s" | "requests" | "requests/s" | "MB" | "kB";

export interface Row {
  figure: string;
  subject: number | null;
  baseline: number | null;
  unit: Unit;
  /** subject / baseline (baseline / subject for throughput), when both exist. */
  ratio: number | null;
  target: string;
  /** null: reported, no target to meet (or not measured). */
  pass: boolean | null;
  note?: string;
}

export interface Limits {
  /** The subject must be at most this (in the row's unit). */
  max?: number;
  /** The subject must be at least this (in the row's unit). */
  min?: number;
  /** The ratio must be at most this. */
  maxRatio?: number;
}

const formatValue = (value: number, unit: Unit): string => {
  if (!Number.isFinite(value)) return "—";
  switch (unit) {
    case "ms":
      return value < 10 ? `${value.toFixed(2)} ms` : value < 100 ? `${value.toFixed(1)} ms` : `${Math.round(value).toLocaleString("en")} ms`;
    case "s":
      return `${value.toFixed(2)} s`;
    case "claims/s":
    case "requests/s":
      return `${Math.round(value).toLocaleString("en")}/s`;
    case "requests":
      return Math.round(value).toLocaleString("en");
    case "MB":
      return `${value.toFixed(1)} MB`;
    case "kB":
      return `${value.toFixed(1)} kB`;
  }
};

const limitText = (limits: Limits, unit: Unit): string => {
  const parts: string[] = [];
  if (limits.max !== undefined) parts.push(`≤ ${formatValue(limits.max, unit)}`);
  if (limits.min !== undefined) parts.push(`≥ ${formatValue(limits.min, unit)}`);
  if (limits.maxRatio !== undefined) parts.push(`≤ ${limits.maxRatio}× baseline`);
  return parts.join(", ");
};

/** A row for a figure with limits; `higherIsBetter` for throughput (the ratio is then baseline / subject). */
export function row(
  figure: string,
  subject: number | null,
  baseline: number | null,
  unit: Unit,
  limits: Limits = {},
  options: { higherIsBetter?: boolean; note?: string } = {},
): Row {
  const ratio =
    subject !== null && baseline !== null && subject > 0 && baseline > 0 ? (options.higherIsBetter ? baseline / subject : subject / baseline) : null;
  const checks: boolean[] = [];
  if (subject !== null && Number.isFinite(subject)) {
    if (limits.max !== undefined) checks.push(subject <= limits.max);
    if (limits.min !== undefined) checks.push(subject >= limits.min);
    if (limits.maxRatio !== undefined && ratio !== null) checks.push(ratio <= limits.maxRatio);
  }
  const hasLimits = limits.max !== undefined || limits.min !== undefined || limits.maxRatio !== undefined;
  const measured = subject !== null && Number.isFinite(subject);
  return {
    figure,
    subject,
    baseline,
    unit,
    ratio,
    target: hasLimits ? limitText(limits, unit) : "—",
    pass: !hasLimits ? null : measured ? checks.every(Boolean) : false,
    note: options.note,
  };
}

/** A row for something that failed to measure at all (counts as a miss when it had a target). */
export function failedRow(figure: string, target: string, why: string): Row {
  return { figure, subject: null, baseline: null, unit: "ms", ratio: null, target, pass: target === "—" ? null : false, note: why.split("\n")[0] };
}

/** The rows in figure order (the number each starts with), keeping the order of rows of one figure. */
export function byFigure(rows: Row[]): Row[] {
  const number = (r: Row) => Number.parseInt(r.figure, 10) || 0;
  return rows
    .map((r, i) => ({ r, i }))
    .sort((a, b) => number(a.r) - number(b.r) || a.i - b.i)
    .map(({ r }) => r);
}

/** The rows as a Markdown table (readable as it is in a terminal, pasteable into the README). */
export function formatTable(rows: Row[]): string {
  const cells = rows.map((r) => [
    r.figure,
    r.subject === null ? "—" : formatValue(r.subject, r.unit),
    r.baseline === null ? "—" : formatValue(r.baseline, r.unit),
    r.ratio === null ? "—" : `${r.ratio.toFixed(2)}×`,
    r.target,
    r.pass === null ? (r.note ? "info" : "—") : r.pass ? "PASS" : "MISS",
  ]);
  const header = ["figure", "subject", "baseline", "ratio", "target", "result"];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (values: string[]) => `| ${values.map((v, i) => (i === 0 || i === 4 ? v.padEnd(widths[i]) : v.padStart(widths[i]))).join(" | ")} |`;
  const rule = `|${widths.map((w, i) => (i === 0 || i === 4 ? `:${"-".repeat(w + 1)}` : `${"-".repeat(w + 1)}:`)).join("|")}|`;
  const notes = rows.filter((r) => r.note).map((r) => `- ${r.figure}: ${r.note}`);
  return [line(header), rule, ...cells.map(line), ...(notes.length ? ["", ...notes] : [])].join("\n");
}
