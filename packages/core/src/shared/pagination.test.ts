import { and, type DatabaseHandle, sql, tables } from "@infera/db";
import { openTestDatabase } from "@infera/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DomainError } from "./errors.js";
import { decodeCursor, encodeCursor, type KeyType, keyset, parseSort, toPage } from "./pagination.js";

describe("pagination", () => {
  it("round-trips a cursor and rejects a forged one with a clear message", () => {
    expect(decodeCursor(encodeCursor("2026-01-01T00:00:00.000Z", "proj_1"))).toEqual({
      value: "2026-01-01T00:00:00.000Z",
      id: "proj_1",
    });
    expect(() => decodeCursor("not-a-cursor")).toThrow(DomainError);
    expect(() => decodeCursor(Buffer.from('{"a":1}').toString("base64url"))).toThrow(/cursor is not valid/);
  });

  it("parses sort fields and refuses unknown ones", () => {
    expect(parseSort("-name", ["name"] as const, { field: "name", direction: "asc" })).toEqual({
      field: "name",
      direction: "desc",
    });
    expect(() => parseSort("password", ["name"] as const, { field: "name", direction: "asc" })).toThrow(
      /sort must be one of name/,
    );
  });

  it("returns a next cursor only when more rows follow", () => {
    const rows = [1, 2, 3].map((n) => ({ id: `x${n}` }));
    expect(
      toPage(
        rows,
        { limit: 2 },
        (r) => r.id,
        (r) => r.id,
      ),
    ).toEqual({ data: ["x1", "x2"], next_cursor: "x2" });
    expect(
      toPage(
        rows,
        { limit: 3 },
        (r) => r.id,
        (r) => r.id,
      ).next_cursor,
    ).toBeNull();
  });

  it("refuses a cursor whose value does not fit the sort key (400, not a database error)", () => {
    const spec = (type: KeyType) => ({
      key: tables.tenants.createdAt,
      id: tables.tenants.id,
      type,
      direction: "desc" as const,
      cursorOf: (r: { id: string }) => [r.id, r.id] as [string, string],
    });
    const bad: [KeyType, string | number][] = [
      ["timestamp", "yesterday"],
      ["timestamp", 5],
      ["text", 5],
      ["int", "5"],
      ["int", 1.5],
      ["bigint", "5"],
    ];
    for (const [type, value] of bad)
      expect(() => keyset({ limit: 2, cursor: encodeCursor(value, "x") }, spec(type))).toThrow(
        /cursor is not valid/,
      );
    expect(
      keyset({ limit: 2, cursor: encodeCursor("2026-01-01T00:00:00Z", "x") }, spec("timestamp")).where,
    ).toBeDefined();
    expect(keyset({ limit: 2 }, spec("timestamp"))).toMatchObject({ where: undefined, limit: 3 });
  });
});

describe("keyset over a real table", () => {
  let database: DatabaseHandle;
  const t = tables.tenants;
  // Equal sort keys in pairs, so only the id tie-break keeps pages apart.
  const names = ["b", "a", "c", "d", "e", "f", "g"];
  const at = (i: number) => new Date(Date.UTC(2026, 0, 1 + Math.floor(i / 2)));
  beforeAll(async () => {
    database = await openTestDatabase();
    await database.db
      .insert(t)
      .values(names.map((n, i) => ({ id: `ten_pg${i}`, name: `pg-${n}`, createdAt: at(i) })));
  });
  afterAll(() => database?.close());

  async function walk(direction: "asc" | "desc", type: "timestamp" | "text", limit: number) {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const ks = keyset(
        { limit, cursor },
        {
          key: type === "text" ? sql`lower(${t.name})` : t.createdAt,
          id: t.id,
          type,
          direction,
          cursorOf: (r: typeof t.$inferSelect) => [
            type === "text" ? r.name.toLowerCase() : r.createdAt,
            r.id,
          ],
        },
      );
      const rows = await database.db
        .select()
        .from(t)
        .where(and(sql`${t.id} like 'ten_pg%'`, ks.where))
        .orderBy(...ks.orderBy)
        .limit(ks.limit);
      const page = ks.page(rows, (r) => r.id);
      expect(page.data.length).toBeLessThanOrEqual(limit);
      seen.push(...page.data);
      cursor = page.next_cursor ?? undefined;
      pages++;
    } while (cursor);
    return { seen, pages };
  }

  it("walks every row once, in order, with the id breaking ties, both directions", async () => {
    const byTime = names.map((_, i) => `ten_pg${i}`);
    expect(await walk("asc", "timestamp", 2)).toEqual({ seen: byTime, pages: 4 });
    expect(await walk("desc", "timestamp", 3)).toEqual({ seen: [...byTime].reverse(), pages: 3 });
    const byName = names
      .map((n, i) => [n, `ten_pg${i}`] as const)
      .sort((a, b) => a[0].localeCompare(b[0]))
      .map(([, id]) => id);
    expect((await walk("asc", "text", 1)).seen).toEqual(byName);
    // A page exactly as long as what is left has no next cursor.
    expect((await walk("desc", "text", 7)).pages).toBe(1);
  });
});
