import { listOf } from "@infera/contracts";
import type { z } from "zod";
import type { Transport } from "./http.js";

/** One page of a list: the rows and the cursor of the next page (null on the last). */
export interface Page<T> {
  data: T[];
  next_cursor: string | null;
}

/** What every list accepts (API.md "Lists"). */
export interface ListParams {
  limit?: number;
  cursor?: string;
  sort?: string;
  q?: string;
}

export type PageQuery<F> = F & ListParams;
export type IterateQuery<F> = F & Omit<ListParams, "cursor">;
export type ExportQuery<F> = F & Pick<ListParams, "sort" | "q">;

/** The three ways to read one list: a page, every row across pages, or a CSV export of the filter. */
export interface Listing<T, F extends object> {
  list(query?: PageQuery<F>): Promise<Page<T>>;
  /** Every row of the filter, fetching page after page as the loop asks for more. */
  iterate(query?: IterateQuery<F>): AsyncGenerator<T, void, undefined>;
  /** The whole filter as CSV text (the server walks the pages). */
  exportCsv(query?: ExportQuery<F>): Promise<string>;
  /** Every row of the filter in one answer (the server walks the pages), checked against the contract. */
  exportJson(query?: ExportQuery<F>): Promise<T[]>;
}

export function listing<S extends z.ZodTypeAny, F extends object = object>(
  t: Transport,
  path: string,
  item: S,
): Listing<z.output<S>, F> {
  const schema = listOf(item);
  const list = (query?: PageQuery<F>) => t.json("GET", path, schema, { query }) as Promise<Page<z.output<S>>>;
  return {
    list,
    async *iterate(query) {
      let cursor: string | undefined;
      do {
        const page = await list({ ...(query as PageQuery<F>), cursor });
        yield* page.data;
        cursor = page.next_cursor ?? undefined;
      } while (cursor);
    },
    exportCsv: (query) => t.text("GET", path, { query: { ...query, format: "csv" }, accept: "text/csv" }),
    exportJson: async (query) =>
      (await t.json("GET", path, schema, { query: { ...query, format: "json" } })).data as z.output<S>[],
  };
}

/** A path segment from an id, encoded so that no id can change the route. */
export function seg(id: string): string {
  return encodeURIComponent(id);
}

/** A list under a parent (a tenant's projects, a project's members): the parent id comes first. */
export interface ScopedListing<T, F extends object> {
  list(parentId: string, query?: PageQuery<F>): Promise<Page<T>>;
  iterate(parentId: string, query?: IterateQuery<F>): AsyncGenerator<T, void, undefined>;
  exportCsv(parentId: string, query?: ExportQuery<F>): Promise<string>;
  exportJson(parentId: string, query?: ExportQuery<F>): Promise<T[]>;
}

export function scopedListing<S extends z.ZodTypeAny, F extends object = object>(
  t: Transport,
  path: (parentId: string) => string,
  item: S,
): ScopedListing<z.output<S>, F> {
  const at = (parentId: string) => listing<S, F>(t, path(parentId), item);
  return {
    list: (parentId, query) => at(parentId).list(query),
    iterate: (parentId, query) => at(parentId).iterate(query),
    exportCsv: (parentId, query) => at(parentId).exportCsv(query),
    exportJson: (parentId, query) => at(parentId).exportJson(query),
  };
}
