import { type RowError, validateDataset } from "@infera/dataset-validation";
import { chunked, poolStats } from "@infera/dataset-validation/testing";
import { describe, expect, it } from "vitest";
import { gptTokenizer } from "./gpt-tokenizer.js";

/**
 * ~7 MB in two files, past the 4 MB after which worker threads start, with every kind of bad line
 * spread so that some fall on the ~1 MB batch boundaries (a bad line every 97 lines, lines of
 * varying length), a CRLF file, a line over maxLineBytes, invalid UTF-8 and blank lines.
 */
function file(seed: number, lines: number, crlf: boolean): Uint8Array {
  const enc = new TextEncoder();
  const parts: Uint8Array[] = [];
  const eol = crlf ? "\r\n" : "\n";
  for (let i = 1; i <= lines; i++) {
    const k = (i * 31 + seed) % 97;
    let line: string;
    if (k === 0) line = '{"messages": [{"role": "user", "content": "cut';
    else if (k === 1) line = "";
    else if (k === 2) line = '{"prompt": "other format", "completion": "x"}';
    else if (k === 3) line = JSON.stringify({ messages: [{ role: "robot", content: "hi" }] });
    else if (k === 4) line = "[1, 2]";
    else if (k === 5) line = `{"messages": [], "pad": "${"y".repeat(70_000)}"}`;
    else if (k === 6) {
      parts.push(enc.encode('{"messages": "\u00ff'), new Uint8Array([0xc3, 0x28]), enc.encode(`"}${eol}`));
      continue;
    } else
      line = JSON.stringify({
        messages: [
          { role: "user", content: `Question ${i} of file ${seed}: ${"why and how ".repeat(1 + (i % 23))}?` },
          { role: "assistant", content: `Answer ${i}. ${"Because it is so. ".repeat(1 + (i % 41))}` },
        ],
        ...(i % 7 === 0 ? { meta: { n: i, tags: [`t${i % 5}`] } } : {}),
      });
    parts.push(enc.encode(line + eol));
  }
  return Buffer.concat(parts);
}

describe("validateDataset in worker threads", () => {
  it("gives the one-thread report exactly: counts, first errors, line numbers across files, schema, tokens, preview", async () => {
    const a = file(1, 9_000, false);
    const b = file(2, 9_000, true);
    const sources = () => [
      { name: "a.jsonl", data: chunked(a, 65_536) },
      { name: "b.jsonl", data: chunked(b, 100_003) },
    ];
    const run = async (workers: number) => {
      const errors: RowError[] = [];
      const report = await validateDataset(sources, {
        tokenizer: gptTokenizer(),
        maxLength: 300,
        maxLineBytes: 65_536,
        workers,
        previewRows: 30,
        onError: (e) => {
          errors.push(e);
        },
      });
      return { report, errors };
    };
    const before = poolStats.started;
    const bundled = poolStats.bundled;
    const parallel = await run(2);
    expect(poolStats.started).toBe(before + 1);
    // The workers ran from the plain-JS bundle (no TypeScript loader in them), with the shared table.
    expect(poolStats.bundled).toBe(bundled + 1);
    const single = await run(0);
    expect(poolStats.started).toBe(before + 1);

    expect(parallel.report).toEqual(single.report);
    expect(parallel.errors).toEqual(single.errors);
    // The reports are not trivially equal: every kind of line is there, numbered across both files.
    const r = single.report;
    expect(r.rows.total).toBe(18_000);
    expect(r.files).toEqual([
      { index: 0, name: "a.jsonl", container: "jsonl", lines: 9_000 },
      { index: 1, name: "b.jsonl", container: "jsonl", lines: 9_000 },
    ]);
    expect(new Set(single.errors.map((e) => e.code))).toEqual(
      new Set([
        "invalid_json",
        "format_mismatch",
        "invalid_record",
        "not_an_object",
        "line_too_long",
        "invalid_utf8",
      ]),
    );
    const inB = single.errors.find((e) => e.file === 1)!;
    expect(inB.line).toBe(9_000 + inB.fileLine);
    expect(r.rows.invalid).toBe(single.errors.length);
    expect(r.tokens!.rows).toBe(r.rows.valid);
    expect(r.schema.fields.map((f) => f.path)).toContain("meta.tags[]");
    expect(r.preview).toHaveLength(30);
  }, 120_000);
});
