import type { ListQuery } from "@infera/contracts";
import { invalid } from "./errors.js";

/** Opaque keyset cursor: the sort value and id of the last row of the page. */
export function encodeCursor(value: string | number, id: string): string {
  return Buffer.from(JSON.stringify([value, id])).toString("base64url");
}

export function decodeCursor(cursor: string | undefined): { value: string | number; id: string } | null {
  if (!cursor) return null;
  try {
    const parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(parsed) && parsed.length === 2 && typeof parsed[1] === "string") {
      const [value, id] = parsed;
      if (typeof value === "string" || typeof value === "number") return { value, id };
    }
  } catch {}
  throw invalid("cursor is not valid; start again without it");
}

export interface Sort<F extends string> {
  field: F;
  direction: "asc" | "desc";
}

/** Parses `sort=name` / `sort=-created_at` against the fields a list allows. */
export function parseSort<F extends string>(
  sort: string | undefined,
  allowed: readonly F[],
  fallback: Sort<F>,
): Sort<F> {
  if (!sort) return fallback;
  const direction = sort.startsWith("-") ? "desc" : "asc";
  const field = sort.replace(/^[-+]/, "") as F;
  if (!allowed.includes(field))
    throw invalid(`sort must be one of ${allowed.join(", ")} (prefix - for descending)`);
  return { field, direction };
}

export interface Page<T> {
  data: T[];
  next_cursor: string | null;
}

/** Given limit+1 rows, returns the page and the cursor of its last row when more follow. */
export function toPage<R, T>(
  rows: R[],
  query: Pick<ListQuery, "limit">,
  map: (r: R) => T,
  cursorOf: (r: R) => string,
): Page<T> {
  const more = rows.length > query.limit;
  const pageRows = more ? rows.slice(0, query.limit) : rows;
  const last = pageRows[pageRows.length - 1];
  return { data: pageRows.map(map), next_cursor: more && last ? cursorOf(last) : null };
}

export function iso(d: Date): string;
export function iso(d: Date | null): string | null;
export function iso(d: Date | null): string | null {
  return d ? d.toISOString() : null;
}
