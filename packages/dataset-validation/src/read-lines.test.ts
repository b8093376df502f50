import { describe, expect, it } from "vitest";
import { readLines } from "./read-lines.js";
import { chunked } from "./test-helpers.js";

const collect = async (
  it: AsyncIterable<{ line: number; file: number; fileLine: number; bytes?: Uint8Array; length: number }>,
) => {
  const out: { line: number; file: number; fileLine: number; text: string | undefined; length: number }[] =
    [];
  for await (const l of it) out.push({ ...l, text: l.bytes ? new TextDecoder().decode(l.bytes) : undefined });
  return out.map(({ line, file, fileLine, text, length }) => ({ line, file, fileLine, text, length }));
};

describe("readLines", () => {
  it("splits lines across chunk boundaries, drops CR of CRLF, and ends a file without a final newline", async () => {
    for (const size of [1, 3, 64]) {
      const lines = await collect(readLines([chunked("ab\r\ncdef\n\nghi", size)]));
      expect(lines.map((l) => l.text)).toEqual(["ab", "cdef", "", "ghi"]);
    }
  });

  it("numbers lines across concatenated files and within each file", async () => {
    const lines = await collect(
      readLines([chunked("a\nb"), { name: "two.jsonl", data: chunked("c\nd\n") }, chunked("e\n")]),
    );
    expect(lines.map((l) => [l.text, l.line, l.file, l.fileLine])).toEqual([
      ["a", 1, 0, 1],
      ["b", 2, 0, 2],
      ["c", 3, 1, 1],
      ["d", 4, 1, 2],
      ["e", 5, 2, 1],
    ]);
  });

  it("drops the bytes of a line over the limit but keeps counting lines after it", async () => {
    const lines = await collect(readLines([chunked(`short\n${"x".repeat(100)}\nafter`, 8)], 50));
    expect(lines.map((l) => [l.text, l.length])).toEqual([
      ["short", 5],
      [undefined, 100],
      ["after", 5],
    ]);
  });
});
