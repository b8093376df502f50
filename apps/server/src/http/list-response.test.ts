import type { Page } from "@infera/core";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import type { AppEnv } from "./app-env.js";
import { respondList } from "./list-response.js";

/** A list of `total` rows served in pages, counting the pages asked for. */
function source(total: number) {
  const calls: number[] = [];
  const fetchPage = async (
    cursor: string | undefined,
    limit: number,
  ): Promise<Page<{ id: string; n: number; note: string }>> => {
    const start = cursor ? Number(cursor) : 0;
    calls.push(start);
    const end = Math.min(total, start + limit);
    const data = [];
    for (let i = start; i < end; i++)
      data.push({ id: `row_${i}`, n: i, note: i === 0 ? "=HYPERLINK(1)" : "plain" });
    return { data, next_cursor: end < total ? String(end) : null };
  };
  const app = new Hono<AppEnv>();
  app.get("/rows", (c) => {
    const format = c.req.query("format") as "csv" | "json" | undefined;
    return respondList(c, { format, limit: 10 }, fetchPage, "rows");
  });
  return { app, calls };
}

describe("list exports", () => {
  it("exports every row of 100,000 as CSV, page by page, with formulas defused", async () => {
    const { app, calls } = source(100_000);
    const res = await app.request("/rows?format=csv");
    expect(res.headers.get("content-type")).toContain("text/csv");
    expect(res.headers.get("content-disposition")).toContain('filename="rows.csv"');
    const lines = (await res.text()).split("\r\n");
    expect(lines[0]).toBe("id,n,note");
    expect(lines[1]).toBe("row_0,0,'=HYPERLINK(1)");
    expect(lines[100_000]).toBe("row_99999,99999,plain");
    expect(lines).toHaveLength(100_002); // header, rows, and the empty string after the last CRLF
    expect(calls).toHaveLength(500);
  });

  it("fetches the next page only as the download is read", async () => {
    const { app, calls } = source(100_000);
    const res = await app.request("/rows?format=csv");
    const reader = res.body!.getReader();
    await reader.read();
    await new Promise((r) => setTimeout(r, 50));
    // A few pages ahead at most (stream buffers), never the whole list before the reader asks.
    expect(calls.length).toBeLessThan(50);
    await reader.cancel();
  });

  it("stops at 100,000 rows and streams JSON the same way", async () => {
    const { app, calls } = source(100_450);
    const body = (await (await app.request("/rows?format=json")).json()) as {
      data: unknown[];
      next_cursor: string | null;
    };
    expect(body.data).toHaveLength(100_000);
    expect(body.data[99_999]).toEqual({ id: "row_99999", n: 99_999, note: "plain" });
    expect(body.next_cursor).toBeNull();
    expect(calls.length).toBeLessThanOrEqual(501);
  });

  it("answers one JSON page when no export is asked for", async () => {
    const { app } = source(30);
    const body = (await (await app.request("/rows")).json()) as {
      data: unknown[];
      next_cursor: string | null;
    };
    expect(body.data).toHaveLength(10);
    expect(body.next_cursor).toBe("10");
  });
});
