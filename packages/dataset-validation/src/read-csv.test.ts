import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { csvFields, csvHeader, csvRecords, csvRowValue } from "./read-csv.js";
import { chunked } from "./test-helpers.js";

const decoder = new TextDecoder();

async function records(text: string | Uint8Array, chunk = 7, max = 1 << 20) {
  const out: { fileLine: number; text?: string; length: number; problem?: string }[] = [];
  for await (const r of csvRecords(chunked(text, chunk), max))
    out.push({
      fileLine: r.fileLine,
      length: r.length,
      ...(r.bytes ? { text: decoder.decode(r.bytes) } : {}),
      ...(r.problem ? { problem: r.problem } : {}),
    });
  return out;
}

/** A small deterministic generator, so a failure names its seed. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function randomCell(next: () => number): string {
  const pieces = ["a", "bc", " ", ",", '"', "\n", "\r\n", "é", "日本", "🙂", "x,y", '""', ""];
  let cell = "";
  const n = Math.floor(next() * 6);
  for (let i = 0; i < n; i++) cell += pieces[Math.floor(next() * pieces.length)]!;
  return cell;
}

const quote = (cell: string, always: boolean) =>
  always || /[",\r\n]/.test(cell) || cell === "" ? `"${cell.replaceAll('"', '""')}"` : cell;

describe("csvRecords", () => {
  it("ends records at line breaks outside quotes, whatever the chunking, numbering them by their first line", async () => {
    const text = '\uFEFFa,b\r\n"x\r\ny",1\n\n"say ""hi""",2\n"3\n\n4",5';
    for (const size of [1, 2, 3, 5, 64]) {
      expect(await records(text, size)).toEqual([
        { fileLine: 1, text: "a,b", length: 4 },
        { fileLine: 2, text: '"x\r\ny",1', length: 8 },
        { fileLine: 5, text: '"say ""hi""",2', length: 14 },
        { fileLine: 6, text: '"3\n\n4",5', length: 8 },
      ]);
    }
  });

  it("drops a record over the limit but keeps reading after it", async () => {
    const text = `h\n${"x".repeat(50)}\nshort\n`;
    expect(await records(text, 4, 20)).toEqual([
      { fileLine: 1, text: "h", length: 1 },
      { fileLine: 2, length: 50 },
      { fileLine: 3, text: "short", length: 5 },
    ]);
  });

  it("ends the file with a problem at the row whose quote never closes", async () => {
    expect(await records('h\n"ok"\n"open\nmore\n', 3)).toEqual([
      { fileLine: 1, text: "h", length: 1 },
      { fileLine: 2, text: '"ok"', length: 4 },
      {
        fileLine: 3,
        length: 11,
        problem: "not valid CSV: the quoted field of the row on line 3 is never closed",
      },
    ]);
  });

  it("splits 300 random well-formed tables exactly as csv-parse does, in random chunks", async () => {
    for (let seed = 1; seed <= 300; seed++) {
      const next = rng(seed);
      const columns = 1 + Math.floor(next() * 4);
      const rows: string[][] = [];
      for (let r = 0; r < 1 + Math.floor(next() * 8); r++)
        rows.push(Array.from({ length: columns }, () => randomCell(next)));
      const eol = next() < 0.5 ? "\n" : "\r\n";
      const text = rows.map((row) => row.map((c) => quote(c, next() < 0.2)).join(",")).join(eol);
      const expected = parse(text, {
        record_delimiter: ["\r\n", "\n"],
        relax_column_count: true,
      }) as string[][];
      const got: string[][] = [];
      for (const r of await records(text, 1 + Math.floor(next() * 20))) {
        const fields = csvFields(r.text!);
        if (!Array.isArray(fields)) throw new Error(`seed ${seed}: ${fields.error}`);
        got.push(fields);
      }
      expect(got, `seed ${seed}: ${JSON.stringify(text)}`).toEqual(expected);
    }
  });
});

describe("csvFields, csvHeader, csvRowValue", () => {
  it("unquotes, keeps empty fields, and names the field of a stray quote", () => {
    expect(csvFields('a,"b,c","d ""e""",,')).toEqual(["a", "b,c", 'd "e"', "", ""]);
    expect(csvFields('a,b"c')).toEqual({
      error:
        "not valid CSV: field 2 has a quote but does not start with one (quote the whole field and double the quotes inside it)",
    });
    expect(csvFields('"a"b,c')).toEqual({
      error:
        "not valid CSV: field 1 has text after its closing quote (quote the whole field and double the quotes inside it)",
    });
  });

  it("checks the header's names, and each row's field count", () => {
    expect(csvHeader(" prompt , completion")).toEqual(["prompt", "completion"]);
    expect(csvHeader("a,,b")).toEqual({ error: "the CSV header has an empty column name" });
    expect(csvHeader("a,b,a")).toEqual({ error: 'the CSV header names column "a" twice' });
    expect(csvRowValue("1,2", ["a", "b"])).toEqual({ value: { a: "1", b: "2" } });
    expect(csvRowValue("1,2,3", ["a", "b"])).toEqual({ error: "row has 3 fields, the header has 2" });
  });
});
