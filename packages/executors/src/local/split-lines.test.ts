import { describe, expect, it } from "vitest";
import { LineSplitter } from "./split-lines.js";

function split(chunks: (string | Buffer)[], maxLength = 1000): string[] {
  const lines: string[] = [];
  const s = new LineSplitter(maxLength, (l) => lines.push(l));
  for (const c of chunks) s.push(typeof c === "string" ? Buffer.from(c) : c);
  s.end();
  return lines;
}

describe("LineSplitter", () => {
  it("joins partial lines across chunks, handles CRLF, empty lines and a last line without a break", () => {
    expect(split(["hel", "lo\nwor", "ld\r\n\nlast"])).toEqual(["hello", "world", "", "last"]);
  });

  it("joins a UTF-8 character split between chunks", () => {
    const bytes = Buffer.from("prêt 训练\n");
    expect(split([bytes.subarray(0, 3), bytes.subarray(3, 8), bytes.subarray(8)])).toEqual(["prêt 训练"]);
  });

  it("hands an over-long line over in pieces, losing nothing and never splitting a surrogate pair", () => {
    const long = "x".repeat(25);
    expect(split([long.slice(0, 7), long.slice(7), "\nshort\n"], 10)).toEqual([
      "x".repeat(10),
      "x".repeat(10),
      "x".repeat(5),
      "short",
    ]);
    const emoji = `${"a".repeat(9)}😀b`;
    const pieces = split([emoji], 10);
    expect(pieces).toEqual(["a".repeat(9), "😀b"]);
  });
});
