import { describe, expect, it } from "vitest";
import { DomainError } from "./errors.js";
import { decodeCursor, encodeCursor, parseSort, toPage } from "./pagination.js";

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
});
