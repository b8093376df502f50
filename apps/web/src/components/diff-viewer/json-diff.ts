export type DiffKind = "added" | "removed" | "changed" | "unchanged";

export interface DiffEntry {
  path: string;
  kind: DiffKind;
  before?: unknown;
  after?: unknown;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function join(base: string, key: string | number): string {
  if (typeof key === "number") return `${base}[${key}]`;
  return base ? `${base}.${key}` : key;
}

/**
 * Leaf-level differences between two JSON values, in key order: objects and arrays are walked,
 * everything else is compared whole. A null/undefined side means the resource was created/deleted.
 */
export function jsonDiff(before: unknown, after: unknown, path = ""): DiffEntry[] {
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((k) => {
      const p = join(path, k);
      if (!(k in before)) return leaves(after[k], p, "added");
      if (!(k in after)) return leaves(before[k], p, "removed");
      return jsonDiff(before[k], after[k], p);
    });
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const n = Math.max(before.length, after.length);
    const out: DiffEntry[] = [];
    for (let i = 0; i < n; i++) {
      const p = join(path, i);
      if (i >= before.length) out.push(...leaves(after[i], p, "added"));
      else if (i >= after.length) out.push(...leaves(before[i], p, "removed"));
      else out.push(...jsonDiff(before[i], after[i], p));
    }
    return out;
  }
  if (before === undefined || before === null) {
    if (after === undefined || after === null)
      return same(before, after) ? [] : [{ path, kind: "changed", before, after }];
    return leaves(after, path, "added");
  }
  if (after === undefined || after === null) return leaves(before, path, "removed");
  if (same(before, after)) return [{ path, kind: "unchanged", before, after }];
  return [{ path, kind: "changed", before, after }];
}

function leaves(value: unknown, path: string, kind: "added" | "removed"): DiffEntry[] {
  if (isPlainObject(value) && Object.keys(value).length > 0) {
    return Object.keys(value)
      .sort()
      .flatMap((k) => leaves(value[k], join(path, k), kind));
  }
  const entry: DiffEntry = { path: path || "(root)", kind };
  if (kind === "added") entry.after = value;
  else entry.before = value;
  return [entry];
}
