import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { TrainJobSpec } from "@infera/contracts";
import { describe, expect, it } from "vitest";
import { makeExampleDataset } from "../../scripts/make-example-dataset.js";
import { lossCurve, runCollect } from "../trainer/test-fixtures.js";
import { exactMatch } from "./evaluate.js";
import { loadEvalModel } from "./load.js";

const ASSETS = fileURLToPath(new URL("../../assets/", import.meta.url));
const BASE = join(ASSETS, "infera-tiny");

describe("the bundled example (reduced size)", () => {
  it("a LoRA fine-tune of the bundled base reaches a clearly better exact match (via llama.cpp) than the base", async () => {
    const dir = mkdtempSync(join(tmpdir(), "infera-example-"));
    const splits = makeExampleDataset({ train: 640, validation: 16, test: 32 });
    for (const [name, records] of Object.entries(splits)) {
      writeFileSync(join(dir, `${name}.jsonl`), `${records.map((r) => JSON.stringify(r)).join("\n")}\n`);
    }
    // The shipped job's hyper-parameters, on the smaller split.
    const shipped = JSON.parse(readFileSync(join(ASSETS, "examples/support-routing/job.json"), "utf8"));
    const spec = TrainJobSpec.parse({
      ...shipped,
      base_model: BASE,
      data: { train: join(dir, "train.jsonl"), validation: join(dir, "validation.jsonl") },
      output_dir: join(dir, "out"),
      eval_steps: 10,
      export_gguf: true,
    });
    const { events, exitCode } = await runCollect(spec);
    expect(exitCode, JSON.stringify(events.at(-1))).toBe(0);
    const losses = lossCurve(events);
    expect(losses.at(-1)!).toBeLessThan(losses[0]! / 2);

    const test = join(dir, "test.jsonl");
    const base = await loadEvalModel({ base: BASE });
    const before = await exactMatch(base, test);
    base.dispose();
    const tuned = await loadEvalModel({ base: BASE, finetuned: join(dir, "out", "final") });
    const after = await exactMatch(tuned, test);
    tuned.dispose();
    expect(before.total).toBe(32);
    expect(before.exactMatch).toBeLessThanOrEqual(0.1);
    expect(after.exactMatch, JSON.stringify(after.samples)).toBeGreaterThanOrEqual(before.exactMatch + 0.5);
  });
});
