import type { Page } from "@infera/client";
import type { PagingOptions } from "./options.js";
import { note } from "./output.js";

/** One page (with a hint when more follow), or every page with --all. */
export async function fetchRows<T>(
  opts: PagingOptions & { json?: boolean },
  page: (limit: number, cursor: string | undefined) => Promise<Page<T>>,
  all: (limit: number) => AsyncGenerator<T, void, undefined>,
): Promise<Page<T>> {
  if (opts.all) {
    const data: T[] = [];
    for await (const row of all(200)) data.push(row);
    return { data, next_cursor: null };
  }
  const result = await page(opts.limit, opts.cursor);
  if (result.next_cursor && !opts.json)
    note(`more rows follow: add --all, or --cursor ${result.next_cursor} for the next page`);
  return result;
}
