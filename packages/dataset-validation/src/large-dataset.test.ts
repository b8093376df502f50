import v8 from "node:v8";
import vm from "node:vm";
import { describe, expect, it } from "vitest";
import { wordTokenizer } from "./test-helpers.js";
import { validateDataset } from "./validate-dataset.js";

v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc") as () => void;

const ROWS = 200_000;
const words = (n: number, salt: number) =>
  Array.from({ length: n }, (_, k) => `w${(k * 7 + salt) % 97}`).join(" ");
const promptLen = (i: number) => 5 + ((i * 37) % 200);
const completionLen = (i: number) => 1 + ((i * 11) % 60);

/** 200k chat rows (~230 MB of JSONL) made on the fly in 64 KiB chunks, sampling the heap as it goes. */
async function* generate(samples: number[]): AsyncGenerator<Uint8Array> {
  const enc = new TextEncoder();
  let buf = "";
  for (let i = 0; i < ROWS; i++) {
    buf += `${JSON.stringify({
      id: i,
      padding: "x".repeat(800),
      messages: [
        { role: "user", content: words(promptLen(i), i) },
        { role: "assistant", content: words(completionLen(i), i + 1) },
      ],
    })}\n`;
    if (buf.length > 65_536) {
      yield enc.encode(buf);
      buf = "";
    }
    if (i % 20_000 === 0) {
      gc();
      samples.push(process.memoryUsage().heapUsed);
    }
  }
  yield enc.encode(buf);
}

const nearestRank = (sorted: number[], q: number) => sorted[Math.ceil(q * sorted.length) - 1]!;

describe("a large dataset", () => {
  it("validates 200k streamed rows with flat memory and exact token quantiles", async () => {
    gc();
    const before = process.memoryUsage().heapUsed;
    const samples: number[] = [];
    const report = await validateDataset([generate(samples)], { tokenizer: wordTokenizer(), maxLength: 200 });
    gc();
    const growth = Math.max(...samples, process.memoryUsage().heapUsed) - before;
    // The data is ~230 MB; holding even a tenth of it would exceed this.
    expect(growth).toBeLessThan(24 * 1024 * 1024);

    expect(report.rows).toEqual({ total: ROWS, valid: ROWS, invalid: 0, blank: 0 });
    const totals = Array.from({ length: ROWS }, (_, i) => promptLen(i) + completionLen(i)).sort(
      (a, b) => a - b,
    );
    const prompts = Array.from({ length: ROWS }, (_, i) => promptLen(i)).sort((a, b) => a - b);
    const t = report.tokens!;
    expect(t.total).toMatchObject({
      exact: true,
      p50: nearestRank(totals, 0.5),
      p95: nearestRank(totals, 0.95),
      max: totals.at(-1),
      sum: totals.reduce((a, b) => a + b, 0),
    });
    expect(t.prompt.p95).toBe(nearestRank(prompts, 0.95));
    expect(t.rowsOverMaxLength).toBe(totals.filter((x) => x > 200).length);
    expect(t.truncatedTokens).toBe(totals.reduce((a, x) => a + Math.max(0, x - 200), 0));
    expect(report.schema.fields.find((f) => f.path === "messages[].role")).toMatchObject({ presence: 1 });
  }, 240_000);
});
