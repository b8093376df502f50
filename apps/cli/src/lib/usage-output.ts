import type { Price, UsageFigures, UsageReport } from "@infera/contracts";
import { InvalidArgumentError } from "commander";
import { type Cell, fmtTime } from "./output.js";

const UNITS_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** `--from`/`--to`: an ISO date or time (`2026-03-01`, `2026-03-01T12:00:00Z`), or an age (`90m`, `24h`, `7d`) before now. */
export function parseWhen(value: string, now = Date.now()): string {
  const age = /^(\d+)([mhd])$/.exec(value);
  if (age) return new Date(now - Number(age[1]) * UNITS_MS[age[2] as keyof typeof UNITS_MS]).toISOString();
  const ms = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(ms))
    throw new InvalidArgumentError(
      "give an ISO date or time (2026-03-01, 2026-03-01T12:00:00Z) or an age (24h, 7d)",
    );
  return new Date(ms).toISOString();
}

const num = (n: number | null, digits = 0) =>
  n === null
    ? ""
    : n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
const pct = (n: number | null) => (n === null ? "" : `${(n * 100).toFixed(1)}%`);
/** Costs to 4 decimals (estimates; the CSV and --json keep every digit). */
export const money = (n: number | null, currency: string) =>
  n === null ? "" : `${n.toFixed(4)} ${currency}`;

export const USAGE_HEAD = [
  "group",
  "requests",
  "success",
  "prompt",
  "completion",
  "total tokens",
  "avg ms",
  "p95 ms",
  "cost",
];

export function usageRow(label: string, f: UsageFigures, currency: string): Cell[] {
  return [
    label,
    num(f.requests),
    pct(f.success_rate),
    num(f.prompt_tokens),
    num(f.completion_tokens),
    num(f.total_tokens),
    num(f.latency_avg_ms, 1),
    num(f.latency_p95_ms, 1),
    money(f.cost_estimate, currency),
  ];
}

/** The line under the table: the range and what of it was priced. */
export function usageFootnote(r: UsageReport): string {
  const unpriced = r.totals.requests - r.totals.priced_requests;
  const priced = unpriced > 0 ? ` · ${unpriced} calls had no price (see \`infera prices list\`)` : "";
  return `${fmtTime(r.from)} – ${fmtTime(r.to)} · by ${r.group_by.replace("_", " ")}, per ${r.granularity}${priced}`;
}

export const PRICE_HEAD = ["id", "kind", "subject", "input / 1M", "output / 1M", "per hour", "updated"];

export const priceRow = (p: Price): Cell[] => [
  p.id,
  p.subject_kind === "model_version" ? "model version" : "resource class",
  p.subject_label === p.subject_id ? p.subject_id : `${p.subject_label} (${p.subject_id})`,
  money(p.input_per_million, p.currency),
  money(p.output_per_million, p.currency),
  money(p.per_hour, p.currency),
  fmtTime(p.updated_at),
];
