import { Readable } from "node:stream";
import { type CsvRow, encodeCsv, type Page } from "@infera/core";
import type { Context } from "hono";
import type { AppEnv } from "./app-env.js";

const MAX_EXPORT_ROWS = 100_000;
const EXPORT_PAGE = 200;

function exportFormat(c: Context<AppEnv>, format: string | undefined): "csv" | "json" | null {
  if (format === "csv" || format === "json") return format;
  return (c.req.header("accept") ?? "").split(",")[0]?.trim().startsWith("text/csv") ? "csv" : null;
}

/** The rows of every page after the first, fetched as the download is read, up to the export limit. */
async function* rowsFrom<T extends object>(
  first: Page<T>,
  fetchPage: (cursor: string | undefined, limit: number) => Promise<Page<T>>,
): AsyncGenerator<T> {
  let page = first;
  let sent = 0;
  for (;;) {
    for (const row of page.data) {
      if (sent++ >= MAX_EXPORT_ROWS) return;
      yield row;
    }
    if (!page.next_cursor) return;
    page = await fetchPage(page.next_cursor, EXPORT_PAGE);
  }
}

/** `{"data":[…],"next_cursor":null}`, written in chunks of a page of rows. */
async function* jsonArray<T>(rows: AsyncIterable<T>): AsyncGenerator<Buffer> {
  let chunk = '{"data":[';
  let sep = "";
  let n = 0;
  for await (const row of rows) {
    chunk += sep + JSON.stringify(row);
    sep = ",";
    if (++n % EXPORT_PAGE === 0) {
      yield Buffer.from(chunk);
      chunk = "";
    }
  }
  yield Buffer.from(`${chunk}],"next_cursor":null}`);
}

/**
 * Answers one page as JSON; an export (`?format=csv|json` or `Accept: text/csv`) answers every row of
 * the current filter (at most 100,000) as a download that walks the cursor page by page while it is
 * read, so the server holds one page however long the export. The first page is read before the
 * answer starts, so a bad filter or cursor still answers its error envelope.
 */
export async function respondList<T extends object>(
  c: Context<AppEnv>,
  query: { format?: "json" | "csv"; limit: number; cursor?: string },
  fetchPage: (cursor: string | undefined, limit: number) => Promise<Page<T>>,
  filename: string,
) {
  const format = exportFormat(c, query.format);
  if (!format) return c.json(await fetchPage(query.cursor, query.limit), 200);
  const first = await fetchPage(undefined, EXPORT_PAGE);
  const rows = rowsFrom(first, fetchPage);
  c.header("Content-Disposition", `attachment; filename="${filename}.${format}"`);
  if (format === "json") {
    c.header("Content-Type", "application/json; charset=utf-8");
    return c.body(Readable.toWeb(Readable.from(jsonArray(rows))) as unknown as ReadableStream, 200);
  }
  // Every row of a list comes from one mapper, so the first page names the columns.
  const columns = [...new Set(first.data.flatMap((r) => Object.keys(r)))];
  c.header("Content-Type", "text/csv; charset=utf-8");
  const csv = encodeCsv(rows as AsyncIterable<CsvRow>, columns);
  return c.body(Readable.toWeb(csv) as unknown as ReadableStream, 200);
}
