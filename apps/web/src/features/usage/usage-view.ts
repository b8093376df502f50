import type { UsageGranularity, UsageGroupBy, UsageQuery } from "@infera/contracts";

/** The usage page's view, all of it in the URL's query so a link reproduces what was on screen. */
export const RANGE_PRESETS = ["24h", "7d", "30d"] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];
export const GROUP_BYS: readonly UsageGroupBy[] = [
  "service",
  "revision",
  "api_key",
  "model_version",
  "status_code",
];
export const GRANULARITIES: readonly UsageGranularity[] = ["hour", "day"];
export const STATUS_CLASSES = ["2xx", "4xx", "5xx"] as const;
export type StatusClass = (typeof STATUS_CLASSES)[number];

/** The id filters, by their query parameter (the report's own names). */
export const ID_FILTERS = ["service_id", "revision_id", "api_key_id", "model_version_id"] as const;
export type IdFilter = (typeof ID_FILTERS)[number];

export interface UsageFilters {
  service_id?: string;
  revision_id?: string;
  api_key_id?: string;
  model_version_id?: string;
  status_class?: StatusClass;
}

export interface UsageView {
  range: RangePreset | "custom";
  /** Only with `range: "custom"`: ISO instants. */
  from?: string;
  to?: string;
  groupBy: UsageGroupBy;
  granularity: UsageGranularity;
  filters: UsageFilters;
}

const HOUR_MS = 3_600_000;
const PRESET_MS: Record<RangePreset, number> = {
  "24h": 24 * HOUR_MS,
  "7d": 7 * 24 * HOUR_MS,
  "30d": 30 * 24 * HOUR_MS,
};

const oneOf = <T extends string>(values: readonly T[], value: string | null): T | undefined =>
  values.find((v) => v === value);

const isInstant = (s: string | null): s is string => Boolean(s) && !Number.isNaN(Date.parse(s as string));

/** A month of hourly buckets is 720 points per group: longer ranges read better by day. */
export function defaultGranularity(range: UsageView["range"]): UsageGranularity {
  return range === "30d" ? "day" : "hour";
}

/** The view a URL's query describes; what is missing or unknown falls back to the defaults. */
export function readView(params: URLSearchParams): UsageView {
  const from = params.get("from");
  const to = params.get("to");
  const custom = params.get("range") === "custom" && isInstant(from) && isInstant(to);
  const range = custom ? "custom" : (oneOf(RANGE_PRESETS, params.get("range")) ?? "24h");
  const filters: UsageFilters = {};
  for (const key of ID_FILTERS) {
    const value = params.get(key);
    if (value) filters[key] = value;
  }
  const statusClass = oneOf(STATUS_CLASSES, params.get("status_class"));
  if (statusClass) filters.status_class = statusClass;
  return {
    range,
    ...(custom ? { from: from as string, to: to as string } : {}),
    groupBy: oneOf(GROUP_BYS, params.get("group_by")) ?? "service",
    granularity: oneOf(GRANULARITIES, params.get("granularity")) ?? defaultGranularity(range),
    filters,
  };
}

/** The URL query of a view, leaving out what the defaults already say (short, stable links). */
export function writeView(view: UsageView): URLSearchParams {
  const params = new URLSearchParams();
  if (view.range !== "24h") params.set("range", view.range);
  if (view.range === "custom" && view.from && view.to) {
    params.set("from", view.from);
    params.set("to", view.to);
  }
  if (view.groupBy !== "service") params.set("group_by", view.groupBy);
  if (view.granularity !== defaultGranularity(view.range)) params.set("granularity", view.granularity);
  for (const [key, value] of Object.entries(view.filters)) if (value) params.set(key, value);
  return params;
}

/** The report's query for a view: a preset range ends at `now`. */
export function reportQuery(view: UsageView, now: number): Omit<UsageQuery, "format"> {
  const range =
    view.range === "custom" && view.from && view.to
      ? { from: new Date(view.from).toISOString(), to: new Date(view.to).toISOString() }
      : {
          from: new Date(now - PRESET_MS[view.range === "custom" ? "24h" : view.range]).toISOString(),
          to: new Date(now).toISOString(),
        };
  return { ...range, group_by: view.groupBy, granularity: view.granularity, ...view.filters };
}

export const hasFilters = (filters: UsageFilters) => Object.values(filters).some(Boolean);

/** "429" → "4xx": a status code row narrows the view to its class (the filter the report has). */
export function statusClassOf(code: string | null): StatusClass | undefined {
  return oneOf(STATUS_CLASSES, code ? `${code[0]}xx` : null);
}
