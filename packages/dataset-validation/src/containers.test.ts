import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { ColumnMappingError } from "./column-mapping.js";
import { encode, toCsv, toParquet } from "./fixtures/shape-fixtures.js";
import { normalizedRows } from "./normalized-rows.js";
import { previewRows } from "./preview-rows.js";
import { chunked, wordTokenizer } from "./test-helpers.js";
import type { RowError } from "./types.js";
import { validateDataset } from "./validate-dataset.js";

const bytes = (s: string) => new TextEncoder().encode(s);
const file = (data: Uint8Array | string, name?: string) => ({
  ...(name ? { name } : {}),
  data: chunked(typeof data === "string" ? bytes(data) : data, 13),
});
const where = (e: RowError) => ({
  line: e.line,
  fileLine: e.fileLine,
  ...(e.index !== undefined ? { index: e.index } : {}),
  code: e.code,
  message: e.message,
});
const alpaca = (i: number) => ({ instruction: `task ${i}`, input: "", output: `answer ${i}` });

describe("JSON arrays", () => {
  it("numbers elements by 0-based index, with the line where each starts", async () => {
    const text = `[\n  ${JSON.stringify(alpaca(0))},\n  {"instruction": "t", "output": ""},\n  42,\n  {"instruction": "u",\n   "output": "v"}\n]\n`;
    const r = await validateDataset([file(text, "data.json")], { workers: 0 });
    expect(r.rows).toEqual({ total: 4, valid: 2, invalid: 2, blank: 0 });
    expect(r.errors.map(where)).toEqual([
      {
        line: 2,
        fileLine: 3,
        index: 1,
        code: "invalid_record",
        message: "output is empty (nothing to learn from)",
      },
      {
        line: 3,
        fileLine: 4,
        index: 2,
        code: "not_an_object",
        message: "each array element must be a JSON object, got number",
      },
    ]);
    expect(r.errors[0]!.container).toBe("json");
    expect((await previewRows([file(text)], 5)).map((x) => [x.recordIndex, x.fileLine])).toEqual([
      [0, 2],
      [3, 5],
    ]);
  });

  it("reports a broken array at the element where it breaks, and bad JSON inside an element", async () => {
    const missingComma = `[${JSON.stringify(alpaca(0))}\n${JSON.stringify(alpaca(1))}]`;
    const r = await validateDataset([file(missingComma)], { workers: 0 });
    expect(r.errors.map(where)).toEqual([
      {
        line: 2,
        fileLine: 2,
        index: 1,
        code: "invalid_json",
        message: "not a valid JSON array: expected , or ] after element 0",
      },
    ]);
    const badElement = `[${JSON.stringify(alpaca(0))}, {"instruction": "a", "output": b}]`;
    const e = (await validateDataset([file(badElement)], { workers: 0 })).errors[0]!;
    expect([e.index, e.code]).toEqual([1, "invalid_json"]);
    const truncated = `[${JSON.stringify(alpaca(0))}, {"instruction": "a"`;
    expect((await validateDataset([file(truncated)], { workers: 0 })).errors.map(where)).toEqual([
      {
        line: 2,
        fileLine: 1,
        index: 1,
        code: "invalid_json",
        message: "not a valid JSON array: the file ends inside element 1",
      },
    ]);
    const trailing = `[${JSON.stringify(alpaca(0))},]`;
    expect((await validateDataset([file(trailing)], { workers: 0 })).errors[0]!.message).toBe(
      "not a valid JSON array: trailing comma before ] after element 0",
    );
  });
});

describe("CSV", () => {
  it("reads quoted fields with commas, quotes and line breaks, numbering rows by the line where they start", async () => {
    const csv = [
      "prompt,completion",
      '"Translate: hello, world","Hallo, Welt"',
      '"A poem:\nroses are red,\nviolets are blue","It ""rhymes""."',
      "",
      '"short",""',
      '"two","fields","too many"',
      '"last","one"',
    ].join("\n");
    const r = await validateDataset([file(csv, "pairs.csv")], { workers: 0 });
    expect(r.shape).toBe("prompt_completion");
    expect(r.rows).toEqual({ total: 5, valid: 3, invalid: 2, blank: 0 });
    expect(r.errors.map(where)).toEqual([
      {
        line: 3,
        fileLine: 7,
        code: "invalid_record",
        message: "completion is empty (nothing to learn from)",
      },
      { line: 4, fileLine: 8, code: "invalid_record", message: "row has 3 fields, the header has 2" },
    ]);
    expect(r.errors[0]!.container).toBe("csv");
    const rows = await previewRows([file(csv)], 5);
    expect(rows[1]!.record).toEqual({
      format: "prompt_completion",
      prompt: "A poem:\nroses are red,\nviolets are blue",
      completion: 'It "rhymes".',
    });
    expect(rows.map((x) => x.fileLine)).toEqual([2, 3, 9]);
  });

  it("ends the file at a broken quote, at its line", async () => {
    const csv = 'text\n"fine"\n"never closed\nmore';
    const r = await validateDataset([file(csv, "t.csv")], { workers: 0 });
    expect(r.rows.valid).toBe(1);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]!.code).toBe("invalid_record");
    expect(r.errors[0]!.message).toMatch(/^not valid CSV: /);
    expect(r.errors[0]!.fileLine).toBe(3);
  });

  it("a stray quote is an error of its row, at its line, and the rows after it are read", async () => {
    const csv = 'prompt,completion\nfine,ok\nsay "hi",no\n"a"b,no\n"last, one",yes\n';
    for (const workers of [0, 2]) {
      const r = await validateDataset([file(csv, "t.csv")], { workers });
      expect(r.rows).toEqual({ total: 4, valid: 2, invalid: 2, blank: 0 });
      expect(r.errors.map((e) => [e.fileLine, e.message])).toEqual([
        [
          3,
          "not valid CSV: field 1 has a quote but does not start with one (quote the whole field and double the quotes inside it)",
        ],
        [
          4,
          "not valid CSV: field 1 has text after its closing quote (quote the whole field and double the quotes inside it)",
        ],
      ]);
    }
  });

  it("holds structured fields as JSON text in cells", async () => {
    const csv = toCsv([
      { instruction: "hi", output: "hello", history: [["a", "b"]] },
      { instruction: "hi", output: "hello", history: "[not json" },
    ]);
    const r = await validateDataset([file(csv)], { workers: 0 });
    expect(r.rows.valid).toBe(1);
    expect(r.errors.map((e) => [e.fileLine, e.message])).toEqual([
      [3, "history must be an array of [instruction, answer] pairs"],
    ]);
  });
});

describe("Parquet", () => {
  it("treats null cells as absent fields and numbers rows by index", async () => {
    const table = toParquet([
      { instruction: "one", input: null, output: "1", system: null },
      { instruction: "two", input: "x", output: null, system: "s" },
      { instruction: "three", input: null, output: "3", system: "be brief" },
    ]);
    const r = await validateDataset([file(table, "t.parquet")], { workers: 0, tokenizer: wordTokenizer() });
    expect(r).toMatchObject({ shape: "alpaca", format: "chat", rows: { total: 3, valid: 2, invalid: 1 } });
    expect(r.files).toEqual([{ index: 0, name: "t.parquet", container: "parquet", lines: 3 }]);
    expect(r.errors.map(where)).toEqual([
      { line: 2, fileLine: 2, index: 1, code: "invalid_record", message: "missing output (format alpaca)" },
    ]);
    expect(r.tokens?.rows).toBe(2);
  });

  it("reports a file that is not Parquet after all", async () => {
    const broken = new Uint8Array([...bytes("PAR1"), 1, 2, 3, ...bytes("PAR1")]);
    const r = await validateDataset([file(broken)], { workers: 0 });
    expect(r.errors.map((e) => [e.index, e.code])).toEqual([[0, "invalid_record"]]);
    expect(r.errors[0]!.message).toMatch(/^not a readable Parquet file/);
  });
});

describe("gzip", () => {
  it("is detected by its magic bytes, whatever the name", async () => {
    const gz = encode([alpaca(1), alpaca(2)], "json", true);
    const r = await validateDataset([file(gz, "data.bin")], { workers: 0 });
    expect(r).toMatchObject({ valid: true, shape: "alpaca", rows: { valid: 2 } });
  });

  it("reports a corrupt stream", async () => {
    const gz = gzipSync(bytes(`${JSON.stringify(alpaca(1))}\n`.repeat(50)));
    const corrupt = gz.subarray(0, gz.length - 12);
    const r = await validateDataset([file(corrupt)], { workers: 0 });
    expect(r.errors.at(-1)!.message).toMatch(/^not valid gzip: /);
    expect(r.valid).toBe(false);
  });
});

describe("mixed files and shapes", () => {
  it("numbers records across files of different containers, and a record of another shape is a mismatch", async () => {
    const a = `${JSON.stringify(alpaca(0))}\n\n${JSON.stringify(alpaca(1))}\n`;
    const b = JSON.stringify([
      alpaca(2),
      {
        conversations: [
          { from: "human", value: "hi" },
          { from: "gpt", value: "yo" },
        ],
      },
    ]);
    const c = toCsv([alpaca(3)]);
    const r = await validateDataset([file(a, "a.jsonl"), file(b, "b.json"), file(c, "c.csv")], {
      workers: 0,
    });
    expect(r.files.map((f) => [f.container, f.lines])).toEqual([
      ["jsonl", 3],
      ["json", 2],
      ["csv", 1],
    ]);
    expect(
      r.errors.map((e) => ({ file: e.file, line: e.line, index: e.index, code: e.code, message: e.message })),
    ).toEqual([
      {
        file: 1,
        line: 5,
        index: 1,
        code: "format_mismatch",
        message: "record looks like sharegpt but the dataset is alpaca",
      },
    ]);
  });

  it("uses the container and shape given as options instead of detecting them", async () => {
    const r = await validateDataset([file(toCsv([{ text: "plain" }]), "x.jsonl")], {
      container: "csv",
      shape: "text",
      workers: 0,
    });
    expect(r).toMatchObject({ valid: true, shape: "text", format: "text" });
    const wrong = await validateDataset([file(JSON.stringify(alpaca(0)))], { shape: "sharegpt", workers: 0 });
    expect(wrong.errors[0]!.code).toBe("format_mismatch");
  });
});

describe("column mapping", () => {
  it("renames source columns to target fields before the shape is detected; tokens count the mapped form", async () => {
    const csv = toCsv([
      { question: "What is 2 + 2?", answer: "four", id: "1" },
      { question: "Capital of Italy?", answer: "Rome", id: "2" },
    ]);
    const mapping = { prompt: "question", completion: "answer" };
    const r = await validateDataset([file(csv)], { mapping, tokenizer: wordTokenizer(), workers: 0 });
    expect(r).toMatchObject({ valid: true, shape: "prompt_completion", rows: { valid: 2 } });
    expect(r.preview[0]).toEqual({ id: "1", prompt: "What is 2 + 2?", completion: "four" });
    expect(r.tokens?.prompt.sum).toBe(8);
    expect(r.tokens?.completion.sum).toBe(2);
    const jsonl = `${JSON.stringify({ q: "hi", a: "yo" })}\n${JSON.stringify({ q: "hey" })}`;
    const j = await validateDataset([file(jsonl)], { mapping: { prompt: "q", completion: "a" }, workers: 0 });
    expect(j.errors.map((e) => [e.line, e.message])).toEqual([
      [2, "missing completion (format prompt_completion)"],
    ]);
    const out = [];
    for await (const b of normalizedRows([file(csv)], { mapping })) out.push(new TextDecoder().decode(b));
    expect(out.join("")).toBe(
      '{"prompt":"What is 2 + 2?","completion":"four"}\n{"prompt":"Capital of Italy?","completion":"Rome"}\n',
    );
  });

  it("is refused when it names a column a table lacks, or is malformed", async () => {
    const csv = toCsv([{ question: "q", answer: "a" }]);
    await expect(
      validateDataset([file(csv, "qa.csv")], {
        mapping: { prompt: "question", completion: "reply" },
        workers: 0,
      }),
    ).rejects.toThrow(
      new ColumnMappingError(
        'mapping reads column "reply" (for completion) but qa.csv has no such column (columns: question, answer)',
      ),
    );
    const table = toParquet([{ question: "q", answer: "a" }]);
    await expect(
      validateDataset([file(table)], { mapping: { prompt: "query" }, workers: 0 }),
    ).rejects.toThrow(ColumnMappingError);
    await expect(validateDataset([file(csv)], { mapping: { prompt: "" }, workers: 0 })).rejects.toThrow(
      'mapping for "prompt" must name a source column',
    );
  });
});

describe("JSON arrays in worker threads", () => {
  it("give the same report as one thread, element indexes and lines included", async () => {
    const parts: string[] = [];
    for (let i = 0; i < 30_000; i++) {
      const bad = i % 997 === 5;
      const record = bad ? { instruction: `t${i}`, output: "" } : { ...alpaca(i), padding: "p".repeat(200) };
      // Bad JSON inside an element (brackets and quotes still balanced: the array itself holds).
      parts.push(
        i % 1999 === 7 ? `{"instruction": "x", "output": nope}` : JSON.stringify(record, null, i % 2 ? 0 : 1),
      );
    }
    const text = `[${parts.join(",\n")}]`;
    expect(text.length).toBeGreaterThan(6 * 1024 * 1024);
    const run = async (workers: number) => {
      const errors: RowError[] = [];
      const report = await validateDataset([file(text, "big.json")], {
        workers,
        onError: (e) => {
          errors.push(e);
        },
      });
      return { report, errors };
    };
    const single = await run(0);
    const parallel = await run(2);
    expect(parallel).toEqual(single);
    expect(single.report.files).toEqual([{ index: 0, name: "big.json", container: "json", lines: 30_000 }]);
    const first = single.errors.find((e) => e.code === "invalid_record")!;
    expect(first).toMatchObject({ index: 5, line: 6, container: "json" });
    expect(first.fileLine).toBe(text.slice(0, text.indexOf('"t5"')).split("\n").length);
    expect(single.report.rows).toMatchObject({ valid: 30_000 - 31 - 16, invalid: 31 + 16 });
  }, 120_000);
});

describe("CSV rows in worker threads", () => {
  it("give the same report as one thread: row lines, bad rows and JSON cells included", async () => {
    const rows: string[] = ["instruction,input,output,history"];
    for (let i = 0; i < 40_000; i++) {
      const quoted = `"step ${i}, then ""more""\nand a second line"`;
      if (i % 1009 === 3)
        rows.push(`"t${i}",,`); // a field short: a problem of this row
      else if (i % 997 === 5)
        rows.push(`"t${i}",,"",`); // empty output
      else if (i % 1499 === 9)
        rows.push(`"t${i}",,"x","[not json"`); // a bad JSON cell
      else rows.push(`task ${i},${quoted},answer ${i} ${"p".repeat(100)},"[[""a"",""b""]]"`);
    }
    const text = `${rows.join("\n")}\n`;
    expect(text.length).toBeGreaterThan(6 * 1024 * 1024);
    const run = async (workers: number) => {
      const errors: RowError[] = [];
      const report = await validateDataset([file(text, "big.csv")], {
        workers,
        onError: (e) => {
          errors.push(e);
        },
      });
      return { report, errors };
    };
    const single = await run(0);
    const parallel = await run(2);
    expect(parallel).toEqual(single);
    expect(single.report.files).toEqual([{ index: 0, name: "big.csv", container: "csv", lines: 40_000 }]);
    expect(single.report.rows).toMatchObject({ total: 40_000, invalid: 40 + 41 + 27 });
    const short = single.errors.find((e) => e.message.includes("fields"))!;
    // Row 4 (i = 3) starts on file line 2 + 3 rows of 2 lines each.
    expect(short).toMatchObject({ line: 4, fileLine: 8, container: "csv" });
  }, 120_000);
});
