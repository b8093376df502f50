import type { DatasetValidation, DatasetVersion, TokenStatistics } from "@infera/contracts";
import { fmtTime, printTable, say } from "./output.js";
import { fmtBytes } from "./progress.js";

const n = (v: number) => (Number.isInteger(v) ? v.toLocaleString("en-US") : v.toFixed(1));

export function printTokenStats(s: TokenStatistics): void {
  say(`Token statistics (${s.tokenizer.name}, ${n(s.rows)} rows):`);
  printTable(
    ["tokens", "sum", "mean", "p50", "p95", "max"],
    (["prompt", "completion", "total"] as const).map((k) => [
      k,
      n(s[k].sum),
      n(s[k].mean),
      n(s[k].p50),
      n(s[k].p95),
      n(s[k].max),
    ]),
  );
  if (s.max_length !== null)
    say(
      `rows over ${n(s.max_length)} tokens: ${n(s.rows_over_max_length)} (${n(s.truncated_tokens)} tokens over)`,
    );
}

export function printSchema(schema: DatasetVersion["schema"]): void {
  say(`Schema (${schema.fields.length} fields${schema.truncated ? ", truncated" : ""}):`);
  printTable(
    ["field", "types", "present"],
    schema.fields.map((f) => [f.path, f.types.join(" | "), `${(f.presence * 100).toFixed(1)}%`]),
  );
}

/** A version for people: ids, digest, rows, files, lineage, schema and token statistics. */
export function printDatasetVersion(v: DatasetVersion): void {
  const rows: [string, string][] = [
    ["version", `${v.id} (v${v.number})`],
    ["dataset", v.dataset_id],
    ["digest", v.digest],
    ["format", v.format],
    ["rows", n(v.rows)],
    ["size", `${fmtBytes(v.size)} (${v.size} bytes)`],
  ];
  if (v.kept_valid_only)
    rows.push(["kept valid only", `${n(v.dropped_rows)} invalid row(s) dropped; report: ${v.report_href}`]);
  if (v.base_model_version_id) rows.push(["tokenizer of", v.base_model_version_id]);
  if (v.parent_version_id) rows.push(["split of", `${v.parent_version_id} (${v.split_role})`]);
  rows.push(["created", fmtTime(v.created_at)]);
  const w = Math.max(...rows.map(([k]) => k.length));
  for (const [k, val] of rows) say(`${k.padEnd(w)}  ${val}`);
  printTable(
    ["file", "lines", "size", "sha256"],
    v.files.map((f) => [f.name, n(f.lines), fmtBytes(f.size), f.sha256]),
  );
  printSchema(v.schema);
  if (v.token_stats) printTokenStats(v.token_stats);
}

/** What validation refused: counts, the first errors by line number, where the full report is. */
export function printValidationErrors(r: DatasetValidation, reportUrl: string | null): void {
  const multi = r.files.length > 1;
  say(
    `${n(r.rows.invalid)} of ${n(r.rows.total)} line(s) invalid, ${n(r.rows.valid)} valid, ${n(r.rows.blank)} blank${r.format ? ` (format ${r.format})` : ""}.`,
  );
  printTable(
    multi ? ["line", "file:line", "error", "message"] : ["line", "error", "message"],
    r.errors.map((e) =>
      multi
        ? [e.line, `${e.file_name ?? e.file}:${e.file_line}`, e.code, e.message]
        : [e.line, e.code, e.message],
    ),
    multi ? [null, null, null, 70] : [null, null, 80],
  );
  if (r.errors_truncated) say(`Only the first ${r.errors.length} errors are shown.`);
  if (reportUrl) say(`Full report (JSONL, one error a line): ${reportUrl}`);
}
