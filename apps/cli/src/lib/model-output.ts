import type { ModelVersion } from "@infera/contracts";
import { fmtTime, printTable, say } from "./output.js";
import { fmtBytes } from "./progress.js";

/** A version for people: ids, digest, format, what the server read from the headers, files. */
export function printVersion(v: ModelVersion): void {
  const m = v.metadata;
  const rows: [string, string][] = [
    ["version", v.id],
    ["model", v.model_id],
    ["digest", v.digest],
    ["format", v.formats.length > 1 ? `${v.format} (${v.formats.join(", ")})` : v.format],
    ["artifact type", v.artifact_type],
    ["size", `${fmtBytes(v.size)} (${v.size} bytes)`],
    ["source", v.source],
    ["tags", v.tags.join(", ") || "—"],
  ];
  if (v.base_model_version_id) rows.push(["base version", v.base_model_version_id]);
  if (m.architecture) rows.push(["architecture", m.architecture]);
  if (m.parameter_count !== null) rows.push(["parameters", m.parameter_count.toLocaleString("en-US")]);
  if (m.dtypes.length) rows.push(["dtypes", m.dtypes.join(", ")]);
  if (m.context_length !== null) rows.push(["context length", String(m.context_length)]);
  if (m.quantization) rows.push(["quantization", m.quantization]);
  if (m.chat_template) rows.push(["chat template", "yes"]);
  if (v.license) rows.push(["license", v.license]);
  if (v.notes) rows.push(["notes", v.notes]);
  rows.push(["created", fmtTime(v.created_at)]);
  const w = Math.max(...rows.map(([k]) => k.length));
  for (const [k, val] of rows) say(`${k.padEnd(w)}  ${val}`);
  printTable(
    ["file", "kind", "size", "sha256"],
    v.files.map((f) => [f.path, f.kind, fmtBytes(f.size), f.sha256]),
  );
}
