import type { Page } from "@infera/core";
import type { Context } from "hono";
import type { AppEnv } from "./app-env.js";

const MAX_EXPORT_ROWS = 100_000;

function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  let s = typeof value === "object" ? JSON.stringify(value) : String(value);
  // Cells that a spreadsheet would run as a formula are prefixed so they stay text.
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function exportFormat(c: Context<AppEnv>, format: string | undefined): "csv" | "json" | null {
  if (format === "csv" || format === "json") return format;
  return (c.req.header("accept") ?? "").split(",")[0]?.trim().startsWith("text/csv") ? "csv" : null;
}

/**
 * Answers one page as JSON; an export (`?format=csv|json` or `Accept: text/csv`) answers every row of
 * the current filter as a download, walking the cursor.
 */
export async function respondList<T extends object>(
  c: Context<AppEnv>,
  query: { format?: "json" | "csv"; limit: number; cursor?: string },
  fetchPage: (cursor: string | undefined, limit: number) => Promise<Page<T>>,
  filename: string,
) {
  const format = exportFormat(c, query.format);
  if (!format) return c.json(await fetchPage(query.cursor, query.limit), 200);
  const rows: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await fetchPage(cursor, 200);
    rows.push(...page.data);
    cursor = page.next_cursor ?? undefined;
  } while (cursor && rows.length < MAX_EXPORT_ROWS);
  c.header("Content-Disposition", `attachment; filename="${filename}.${format}"`);
  if (format === "json") return c.json({ data: rows, next_cursor: null }, 200);
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const lines = [
    columns.join(","),
    ...rows.map((r) => columns.map((k) => csvCell((r as Record<string, unknown>)[k])).join(",")),
  ];
  c.header("Content-Type", "text/csv; charset=utf-8");
  return c.body(`${lines.join("\r\n")}\r\n`, 200);
}
