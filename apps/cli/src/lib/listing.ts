import type { Page } from "@infera/client";
import type { PagingOptions } from "./options.js";
import { note } from "./output.js";

/** One page, or every page with --all. */
export async function fetchRows<T>(
  opts: PagingOptions,
  page: (limit: number, cursor: string | undefined) => Promise<Page<T>>,
  all: (limit: number) => AsyncGenerator<T, void, undefined>,
): Promise<Page<T>> {
  if (opts.all) {
    const data: T[] = [];
    for await (const row of all(200)) data.push(row);
    return { data, next_cursor: null };
  }
  return page(opts.limit, opts.cursor);
}

/** After a table: how to get the rest, when more rows follow (on stderr, for people only). */
export function hintMore(page: Page<unknown>): void {
  if (page.next_cursor)
    note(`More rows follow: add --all, or --cursor ${page.next_cursor} for the next page.`);
}
