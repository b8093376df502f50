import type { ExportQuery, PageQuery } from "@infera/client";

/** What a DataTable asks its list function for: one page of the search, sort and filters shown. */
export interface DataTableQuery {
  limit: number;
  cursor?: string;
  sort?: string;
  q?: string;
  /** The filter controls' values by filter key, only those set. */
  filters: Record<string, string>;
}

/** What an export covers: the filter shown, every page. */
export type DataTableExportQuery = Omit<DataTableQuery, "limit" | "cursor">;

/**
 * A DataTable query as a typed client's list query. The filter keys are the client's filter fields
 * and their values come from the controls' options, so `F` names what they already are.
 */
export function pageQuery<F extends object>({ filters, ...paging }: DataTableQuery, fixed?: F): PageQuery<F> {
  return { ...fixed, ...(filters as F), ...paging } as PageQuery<F>;
}

/** A DataTable export query as a typed client's export query. */
export function exportQuery<F extends object>(
  { filters, ...rest }: DataTableExportQuery,
  fixed?: F,
): ExportQuery<F> {
  return { ...fixed, ...(filters as F), ...rest } as ExportQuery<F>;
}
