import { describe, expect, it } from "vitest";
import { jsonErrorOffset } from "./json-error-offset.js";

describe("jsonErrorOffset", () => {
  it.each([
    ['{"a": 1}', -1],
    ['[1, {"b": [true, false, null, "x\\u00e9"]}, -2.5e3]', -1],
    ['{"a": bad}', 6],
    ['{"messages": [}', 14],
    ['{"a": 1,}', 8],
    ['{"a" 1}', 5],
    ['{"a": 1} x', 9],
    ['{"a": "unterminated', 19],
    ['{"a": 01}', 7],
    ['{"a": "\\q"}', 8],
    ["", 0],
  ])("%s → %i", (text, offset) => {
    expect(jsonErrorOffset(text)).toBe(offset);
    let parses = true;
    try {
      JSON.parse(text);
    } catch {
      parses = false;
    }
    expect(parses).toBe(offset < 0);
  });
});
