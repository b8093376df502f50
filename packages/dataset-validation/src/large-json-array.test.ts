import v8 from "node:v8";
import vm from "node:vm";
import { describe, expect, it } from "vitest";
import { wordTokenizer } from "./test-helpers.js";
import { validateDataset } from "./validate-dataset.js";

v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc") as () => void;

const ROWS = 215_000;

/** One JSON array of 215k Alpaca records (~200 MB, as issue 14 asks), made on the fly in 64 KiB chunks, sampling the heap. */
async function* generate(samples: number[]): AsyncGenerator<Uint8Array> {
  const enc = new TextEncoder();
  let buf = "[\n";
  for (let i = 0; i < ROWS; i++) {
    const record = {
      instruction: `Question ${i}: what follows ${i - 1}?`,
      input: i % 3 === 0 ? "" : 'Think "step" by step.\n'.repeat(20),
      output: `${i}`,
      padding: "x".repeat(500),
    };
    buf += `${i > 0 ? ",\n" : ""}  ${JSON.stringify(record)}`;
    if (buf.length > 65_536) {
      yield enc.encode(buf);
      buf = "";
    }
    if (i % 20_000 === 0) {
      gc();
      samples.push(process.memoryUsage().heapUsed);
    }
  }
  yield enc.encode(`${buf}\n]\n`);
}

describe("a large JSON array", () => {
  it("validates element by element in bounded memory", async () => {
    gc();
    const before = process.memoryUsage().heapUsed;
    const samples: number[] = [];
    const report = await validateDataset([{ name: "big.json", data: generate(samples) }], {
      tokenizer: wordTokenizer(),
    });
    gc();
    const growth = Math.max(...samples, process.memoryUsage().heapUsed) - before;
    // The array is ~200 MB; holding even an eighth of it would exceed this.
    expect(growth).toBeLessThan(24 * 1024 * 1024);
    expect(report).toMatchObject({ valid: true, shape: "alpaca", format: "chat" });
    expect(report.rows).toEqual({ total: ROWS, valid: ROWS, invalid: 0, blank: 0 });
    expect(report.files).toEqual([{ index: 0, name: "big.json", container: "json", lines: ROWS }]);
    expect(report.tokens?.completion.sum).toBe(ROWS);
  }, 240_000);
});
