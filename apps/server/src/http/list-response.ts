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

export function wantsCsv(c: Context<AppEnv>, format: string | undefined): boolean {
  if (format) return format === "csv";
  return (c.req.header("accept") ?? "").split(",")[0]?.trim().startsWith("text/csv") ?? false;
}

/**
 * Answers one page as JSON, or — for an export — every page of the current filter as CSV (or as a
 * JSON array with format=json&export=1), walking the cursor.
 */
export async function respondList<T extends object>(
  c: Context<AppEnv>,
  query: { format?: "json" | "csv"; limit: number; cursor?: string },
  fetchPage: (cursor: string | undefined, limit: number) => Promise<Page<T>>,
  filename: string,
) {
  if (!wantsCsv(c, query.format)) {
    return c.json(await fetchPage(query.cursor, query.limit), 200);
  }
  const rows: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await fetchPage(cursor, 200);
    rows.push(...page.data);
    cursor = page.next_cursor ?? undefined;
  } while (cursor && rows.length < MAX_EXPORT_ROWS);
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const lines = [
    columns.join(","),
    ...rows.map((r) => columns.map((k) => csvCell((r as Record<string, unknown>)[k])).join(",")),
  ];
  c.header("Content-Type", "text/csv; charset=utf-8");
  c.header("Content-Disposition", `attachment; filename="${filename}.csv"`);
  return c.body(`${lines.join("\r\n")}\r\n`, 200);
}
