import { describe, expect, it } from "vitest";
import { isComplete, patchRoom } from "./upload-offsets.js";

const GiB = 1024 ** 3;

describe("upload offset arithmetic past 4 GiB", () => {
  const upload = { length: 6 * GiB + 7, offset: 5 * GiB + 3 };

  it("gives the exact room left of a 6 GiB upload at a 5 GiB offset", () => {
    expect(patchRoom(upload, 5 * GiB + 3, undefined)).toBe(GiB + 4);
    expect(patchRoom(upload, 5 * GiB + 3, GiB + 4)).toBe(GiB + 4);
    expect(isComplete(upload, 5 * GiB + 3 + GiB + 4)).toBe(true);
    expect(isComplete(upload, 6 * GiB + 6)).toBe(false);
  });

  it("refuses an offset that differs by one byte, or by exactly 4 GiB (a 32-bit wrap)", () => {
    for (const wrong of [5 * GiB + 2, 5 * GiB + 4, 5 * GiB + 3 - 4 * GiB]) {
      expect(() => patchRoom(upload, wrong, 1)).toThrow(
        expect.objectContaining({ code: "conflict", details: { offset: 5 * GiB + 3 } }),
      );
    }
  });

  it("refuses a body one byte longer than the room left", () => {
    expect(() => patchRoom(upload, 5 * GiB + 3, GiB + 5)).toThrow(
      expect.objectContaining({ code: "payload_too_large" }),
    );
  });
});
