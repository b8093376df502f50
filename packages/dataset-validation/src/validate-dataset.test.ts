import { createReadStream } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { errorReport } from "./error-report.js";
import { keepValidRows } from "./keep-valid-rows.js";
import { previewRows } from "./preview-rows.js";
import { chat, chunked, jsonl, wordTokenizer } from "./test-helpers.js";
import type { RowError } from "./types.js";
import { validateDataset } from "./validate-dataset.js";

const text = async (it: AsyncIterable<string | Uint8Array>) => {
  let out = "";
  for await (const c of it) out += typeof c === "string" ? c : new TextDecoder().decode(c);
  return out;
};

describe("validateDataset", () => {
  it("detects each format and counts valid rows", async () => {
    const cases = [
      ["chat", jsonl(chat("a", "b"), chat("c", "d"))],
      ["prompt_completion", jsonl({ prompt: "p", completion: "c" })],
      ["text", jsonl({ text: "hello" }, { text: "world" })],
      ["preference", jsonl({ prompt: "q", chosen: "a", rejected: "b" })],
    ] as const;
    for (const [format, body] of cases) {
      const r = await validateDataset([chunked(body)]);
      expect(r.format).toBe(format);
      expect(r.valid).toBe(true);
      expect(r.rows.invalid).toBe(0);
    }
  });

  it("reports bad UTF-8, malformed JSON, non-objects, mixed formats and a truncated last line by line number", async () => {
    const good = JSON.stringify(chat("hi", "hello"));
    const badUtf8 = new Uint8Array([
      ...new TextEncoder().encode('{"messages":"a'),
      0xff,
      0xfe,
      ...new TextEncoder().encode('"}'),
    ]);
    const enc = new TextEncoder();
    const body = new Uint8Array([
      ...enc.encode(`${good}\n\n`), // 1, 2 (blank)
      ...badUtf8, // 3
      ...enc.encode(`\n{"messages": [}\n`), // 4
      ...enc.encode(`[1,2]\n`), // 5
      ...enc.encode(`${JSON.stringify({ prompt: "p", completion: "c" })}\n`), // 6
      ...enc.encode(`   \n`), // 7 (blank)
      ...enc.encode(good.slice(0, 20)), // 8: cut off, no newline
    ]);
    const r = await validateDataset([chunked(body, 5)]);
    expect(r.format).toBe("chat");
    expect(r.valid).toBe(false);
    expect(r.rows).toEqual({ total: 8, valid: 1, invalid: 5, blank: 2 });
    expect(r.errors.map((e) => [e.line, e.code])).toEqual([
      [3, "invalid_utf8"],
      [4, "invalid_json"],
      [5, "not_an_object"],
      [6, "format_mismatch"],
      [8, "invalid_json"],
    ]);
    expect(r.errors[0]).toMatchObject({
      column: 15,
      message: "not valid UTF-8: byte 0xff at byte offset 14",
    });
    expect(r.errors[1]!.column).toBe(15);
    expect(r.errors[3]!.message).toBe(
      "record looks like prompt_completion but the dataset is chat: missing messages; unexpected prompt, completion",
    );
  });

  it("keeps line numbers right across concatenated files, a file without a final newline included", async () => {
    const bad = "{nope";
    const r = await validateDataset([
      { name: "a.jsonl", data: chunked(jsonl({ text: "a" }, bad)) },
      { name: "b.jsonl", data: chunked(`${jsonl({ text: "b" }, { text: "c" }, bad)}\n`) },
    ]);
    expect(r.errors.map((e) => [e.line, e.fileName, e.fileLine])).toEqual([
      [2, "a.jsonl", 2],
      [5, "b.jsonl", 3],
    ]);
    expect(r.files).toEqual([
      { index: 0, name: "a.jsonl", container: "jsonl", lines: 2 },
      { index: 1, name: "b.jsonl", container: "jsonl", lines: 3 },
    ]);
    expect(r.rows.valid).toBe(3);
  });

  it("shows the first 20 errors while the full report (JSONL and CSV) lists every one", async () => {
    const lines = [];
    for (let i = 0; i < 150; i++)
      lines.push(i % 3 === 0 ? JSON.stringify({ text: `row ${i}` }) : `{"text": bad ${i}`);
    const body = lines.join("\n");
    const streamed: RowError[] = [];
    const r = await validateDataset(() => [chunked(body, 64)], { onError: (e) => void streamed.push(e) });
    expect(r.rows.invalid).toBe(100);
    expect(r.errors).toHaveLength(20);
    expect(r.errorsTruncated).toBe(true);
    expect(streamed).toHaveLength(100);
    expect(r.errors).toEqual(streamed.slice(0, 20));

    const report = await text(errorReport(() => [chunked(body, 64)]));
    const rows = report
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(rows).toHaveLength(100);
    expect(rows.map((x) => x.line)).toEqual(streamed.map((e) => e.line));
    expect(rows[0]).toMatchObject({ line: 2, file: 0, file_line: 2, code: "invalid_json" });
  });

  it("infers field paths, types and presence rates over the valid rows", async () => {
    const r = await validateDataset([
      chunked(
        jsonl(
          { prompt: "a", completion: "b", meta: { source: "x", score: 1 } },
          { prompt: "a", completion: "b", meta: { source: null } },
          { prompt: "a", completion: "b" },
          { prompt: "a", completion: "b", tags: ["x", 2] },
          { prompt: 5, completion: "b", extra: true },
        ),
      ),
    ]);
    const byPath = Object.fromEntries(r.schema.fields.map((f) => [f.path, f]));
    expect(r.schema.rows).toBe(4);
    expect(byPath.prompt).toMatchObject({ types: ["string"], presence: 1 });
    expect(byPath.meta).toMatchObject({ types: ["object"], rows: 2, presence: 0.5 });
    expect(byPath["meta.source"]).toMatchObject({ types: ["null", "string"], presence: 0.5 });
    expect(byPath["meta.score"]).toMatchObject({ types: ["number"], presence: 0.25 });
    expect(byPath["tags[]"]).toMatchObject({ types: ["number", "string"], rows: 1, presence: 0.25 });
    expect(byPath.extra).toBeUndefined(); // only on the invalid row
  });

  it("counts prompt, completion and total tokens per row with the tokenizer, and rows over max length", async () => {
    const rows = [
      chat("one two three", "four five"), // 3 + 2
      chat("a", "b c d e f g h"), // 1 + 7
      {
        messages: [
          { role: "system", content: "s s" },
          { role: "user", content: "u" },
          { role: "assistant", content: "x", weight: 0 },
          { role: "user", content: "v" },
          { role: "assistant", content: "y z" },
        ],
      }, // 5 + 2
    ];
    const r = await validateDataset([chunked(jsonl(...rows))], { tokenizer: wordTokenizer(), maxLength: 6 });
    const t = r.tokens!;
    expect(t.tokenizer).toEqual({ id: "test/words", name: "words" });
    expect(t.prompt).toMatchObject({ sum: 9, max: 5, p50: 3, min: 1 });
    expect(t.completion).toMatchObject({ sum: 11, max: 7, p50: 2 });
    expect(t.total).toMatchObject({ rows: 3, sum: 20, mean: 20 / 3, p50: 7, p95: 8, max: 8, exact: true });
    expect(t.rowsOverMaxLength).toBe(2);
    expect(t.truncatedTokens).toBe(1 + 2);
  });

  it("previews the first valid rows, and previewRows stops reading early", async () => {
    const body = jsonl("{bad", { text: "1" }, { text: "2" }, { text: "3" });
    const r = await validateDataset([chunked(body)], { previewRows: 2 });
    expect(r.preview).toEqual([{ text: "1" }, { text: "2" }]);
    let chunksRead = 0;
    async function* counting() {
      for await (const c of chunked(`${body}\n${"x\n".repeat(1000)}`, 16)) {
        chunksRead++;
        yield c;
      }
    }
    const rows = await previewRows([counting()], 1);
    expect(rows.map((x) => [x.line, x.value])).toEqual([[2, { text: "1" }]]);
    expect(chunksRead).toBeLessThan(5);
  });

  it("keeps only the valid rows, counting the dropped ones", async () => {
    const body = jsonl(
      { text: "a" },
      "{bad",
      "",
      { text: "b" },
      { prompt: "x", completion: "y" },
      { text: "c" },
    );
    const kept = keepValidRows([chunked(body)]);
    const out = await text(kept);
    expect(out).toBe(`${jsonl({ text: "a" }, { text: "b" }, { text: "c" })}\n`);
    expect([kept.kept, kept.dropped, kept.blank, kept.done]).toEqual([3, 2, 1, true]);
    const again = await validateDataset([chunked(out)]);
    expect(again.valid).toBe(true);
  });

  it("reports a line over the byte limit without holding it", async () => {
    const r = await validateDataset(
      [chunked(jsonl({ text: "a" }, { text: "x".repeat(5000) }, { text: "b" }), 100)],
      {
        maxLineBytes: 1000,
      },
    );
    expect(r.rows).toMatchObject({ valid: 2, invalid: 1 });
    expect(r.errors[0]).toMatchObject({ line: 2, code: "line_too_long" });
  });

  it("reports records before the first known format as unknown, and honours an expected format", async () => {
    const r = await validateDataset([chunked(jsonl({ id: 1 }, { text: "a" }))]);
    expect(r.errors[0]).toMatchObject({ line: 1, code: "unknown_format" });
    expect(r.format).toBe("text");
    const forced = await validateDataset([chunked(jsonl({ text: "a" }))], { format: "chat" });
    expect(forced.errors[0]).toMatchObject({ code: "format_mismatch" });
    expect(forced.format).toBe("chat");
  });

  it("reads real files from disk as Node streams, re-opened for each pass", async () => {
    const dir = await mkdtemp(join(tmpdir(), "infera-ds-"));
    try {
      await writeFile(join(dir, "a.jsonl"), `${jsonl(chat("a", "b"), "{bad")}\r\n`);
      await writeFile(join(dir, "b.jsonl"), jsonl(chat("c", "d")));
      const open = () =>
        ["a.jsonl", "b.jsonl"].map((name) => ({ name, data: createReadStream(join(dir, name)) }));
      const r = await validateDataset(open, { tokenizer: wordTokenizer() });
      expect(r.rows).toEqual({ total: 3, valid: 2, invalid: 1, blank: 0 });
      expect(r.errors[0]).toMatchObject({ line: 2, fileName: "a.jsonl", fileLine: 2 });
      const kept = await text(keepValidRows(open));
      expect(kept.trim().split("\n")).toHaveLength(2);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
