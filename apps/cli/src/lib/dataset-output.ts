import type { DatasetRowError, DatasetValidation, DatasetVersion, TokenStatistics } from "@infera/contracts";
import { mappingText } from "./column-mapping.js";
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
    ["shape", v.shape],
    ["rows", n(v.rows)],
    ["size", `${fmtBytes(v.size)} (${v.size} bytes)`],
  ];
  if (v.mapping) rows.push(["mapping", mappingText(v.mapping)]);
  if (v.kept_valid_only)
    rows.push(["kept valid only", `${n(v.dropped_rows)} invalid row(s) dropped; report: ${v.report_href}`]);
  if (v.base_model_version_id) rows.push(["tokenizer of", v.base_model_version_id]);
  if (v.parent_version_id) rows.push(["split of", `${v.parent_version_id} (${v.split_role})`]);
  rows.push(["created", fmtTime(v.created_at)]);
  const w = Math.max(...rows.map(([k]) => k.length));
  for (const [k, val] of rows) say(`${k.padEnd(w)}  ${val}`);
  printTable(
    ["file", "container", "records", "size", "sha256"],
    v.files.map((f) => [f.name, f.container, n(f.lines), fmtBytes(f.size), f.sha256]),
  );
  printSchema(v.schema);
  if (v.token_stats) printTokenStats(v.token_stats);
}

/** Where a record is in its file: its line (JSONL, CSV), or its index (JSON arrays, Parquet). */
const inFile = (e: DatasetRowError) => (e.index !== null ? `[${e.index}]` : `:${e.file_line}`);

/** What validation refused: counts, the first errors by record number, where the full report is. */
export function printValidationErrors(r: DatasetValidation, reportUrl: string | null): void {
  const multi = r.files.length > 1;
  const jsonl = r.errors.every((e) => e.container === "jsonl");
  const what = jsonl ? "line(s)" : "record(s)";
  say(
    `${n(r.rows.invalid)} of ${n(r.rows.total)} ${what} invalid, ${n(r.rows.valid)} valid, ${n(r.rows.blank)} blank${r.shape ? ` (shape ${r.shape}${r.shape !== r.format ? ` → ${r.format}` : ""})` : ""}.`,
  );
  // JSONL: the line, as always; other containers: the line where a CSV row starts, or the index of
  // a JSON array element or Parquet row, which is how those files number their records.
  const where = (e: DatasetRowError) =>
    multi
      ? `${e.file_name ?? e.file}${inFile(e)}`
      : e.index !== null
        ? `index ${e.index}`
        : `line ${e.file_line}`;
  printTable(
    multi ? ["record", "file", "error", "message"] : [jsonl ? "line" : "record", "error", "message"],
    r.errors.map((e) =>
      multi ? [e.line, where(e), e.code, e.message] : [jsonl ? e.line : where(e), e.code, e.message],
    ),
    multi ? [null, null, null, 70] : [null, null, 80],
  );
  if (r.shape === null && r.columns.length > 0)
    say(
      `No record has the fields of a known shape. The files' columns: ${r.columns.join(", ")}; map them with --map, e.g. --map prompt=${r.columns[0]},completion=${r.columns[1] ?? r.columns[0]}`,
    );
  if (r.errors_truncated) say(`Only the first ${r.errors.length} errors are shown.`);
  if (reportUrl) say(`Full report (JSONL, one error a line): ${reportUrl}`);
}
