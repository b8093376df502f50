/** Target field ← source key or column, e.g. `{ "prompt": "question", "completion": "answer" }`. */
export type ColumnMapping = Readonly<Record<string, string>>;

/** A mapping that cannot apply: malformed, or naming a column a table file does not have. */
export class ColumnMappingError extends Error {
  override readonly name = "ColumnMappingError";
}

/** Throws when the mapping is not target → non-empty source name, or two targets share a source. */
export function checkMapping(mapping: ColumnMapping): void {
  const sources = new Set<string>();
  for (const [target, source] of Object.entries(mapping)) {
    if (target === "") throw new ColumnMappingError("mapping has an empty target field");
    if (typeof source !== "string" || source === "")
      throw new ColumnMappingError(`mapping for "${target}" must name a source column`);
    if (sources.has(source)) throw new ColumnMappingError(`mapping uses column "${source}" twice`);
    sources.add(source);
  }
}

/** Throws when a table file lacks a column the mapping reads (JSON records are checked one by one). */
export function checkColumns(
  mapping: ColumnMapping,
  columns: readonly string[],
  fileName: string | undefined,
): void {
  const have = new Set(columns);
  for (const [target, source] of Object.entries(mapping))
    if (!have.has(source))
      throw new ColumnMappingError(
        `mapping reads column "${source}" (for ${target}) but ${fileName ?? "the file"} has no such column (columns: ${columns.join(", ")})`,
      );
}

/**
 * The record with each mapped source renamed to its target (the source key is dropped, a target
 * already there is replaced). Sources absent from the record leave the target absent, so the
 * shape's check reports the missing field.
 */
export function applyMapping(
  value: Record<string, unknown>,
  mapping: ColumnMapping | undefined,
): Record<string, unknown> {
  if (!mapping) return value;
  const out: Record<string, unknown> = {};
  const sources = new Set(Object.values(mapping));
  for (const [k, v] of Object.entries(value)) if (!sources.has(k)) out[k] = v;
  for (const [target, source] of Object.entries(mapping)) if (source in value) out[target] = value[source];
  return out;
}
