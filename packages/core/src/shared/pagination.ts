import type { ListQuery } from "@infera/contracts";
import { type AnyColumn, type SQL, sql } from "@infera/db";
import { invalid } from "./errors.js";

const BAD_CURSOR = "cursor is not valid; start again without it";

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
  throw invalid(BAD_CURSOR);
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

/** How the sort key is compared: the cursor's value is checked and cast to it. */
export type KeyType = "timestamp" | "text" | "int" | "bigint";

export interface KeysetSpec<R> {
  /** The sort key: a column or an expression such as lower(name). */
  key: AnyColumn | SQL;
  /** The unique tie-break, sorted in the same direction. */
  id: AnyColumn | SQL;
  type: KeyType;
  direction: "asc" | "desc";
  /** The sort value and id of a fetched row, as they go into the next cursor. */
  cursorOf: (row: R) => [value: string | number | bigint | Date, id: string];
}

export interface Keyset<R> {
  /** The condition "after the cursor's row", or undefined on the first page. */
  where: SQL | undefined;
  orderBy: [SQL, SQL];
  /** One more than the page, so the page knows whether another follows. */
  limit: number;
  /** Rows may carry more than the cursor reads (the select's extra columns). */
  page<Row extends R, T>(rows: Row[], map: (row: Row) => T): Page<T>;
}

function cursorValue(value: string | number, type: KeyType): SQL {
  if (type === "text" && typeof value === "string") return sql`${value}`;
  if (type === "timestamp" && typeof value === "string" && !Number.isNaN(Date.parse(value)))
    return sql`${new Date(value).toISOString()}::timestamptz`;
  if (type === "int" && Number.isSafeInteger(value)) return sql`${value}::int`;
  if (type === "bigint" && Number.isSafeInteger(value)) return sql`${value}::bigint`;
  throw invalid(BAD_CURSOR);
}

function toCursorValue(v: string | number | bigint | Date): string | number {
  if (v instanceof Date) return v.toISOString();
  return typeof v === "bigint" ? Number(v) : v;
}

/**
 * Keyset pagination of one list: the (key, id) row comparison after the cursor, the order, the
 * limit+1 fetch and the page with its next cursor. Every list verb builds its filters, then:
 * `const ks = keyset(query, spec); …where(and(...where, ks.where)).orderBy(...ks.orderBy).limit(ks.limit)`.
 */
export function keyset<R>(query: Pick<ListQuery, "limit" | "cursor">, spec: KeysetSpec<R>): Keyset<R> {
  const cursor = decodeCursor(query.cursor);
  const dir = spec.direction === "desc" ? sql`desc` : sql`asc`;
  let where: SQL | undefined;
  if (cursor) {
    const value = cursorValue(cursor.value, spec.type);
    where =
      spec.direction === "desc"
        ? sql`(${spec.key}, ${spec.id}) < (${value}, ${cursor.id})`
        : sql`(${spec.key}, ${spec.id}) > (${value}, ${cursor.id})`;
  }
  return {
    where,
    orderBy: [sql`${spec.key} ${dir}`, sql`${spec.id} ${dir}`],
    limit: query.limit + 1,
    page: (rows, map) =>
      toPage(rows, query, map, (r) => {
        const [value, id] = spec.cursorOf(r);
        return encodeCursor(toCursorValue(value), id);
      }),
  };
}

export function iso(d: Date): string;
export function iso(d: Date | null): string | null;
export function iso(d: Date | null): string | null {
  return d ? d.toISOString() : null;
}
