import { FineTuneJobConfig } from "@infera/contracts";
import { describe, expect, it } from "vitest";
import { fineTuneJob, ids } from "../test/fixtures";
import {
  checkValues,
  defaultValues,
  fromConfig,
  issueAt,
  toConfig,
  withRecommendation,
} from "./wizard-values";

describe("wizard values", () => {
  it("sends only what the user chose, so the contract's defaults apply to the rest", () => {
    const config = toConfig({
      ...defaultValues(),
      model_id: ids.model,
      base_ref: "tag:prod",
      dataset_version_id: ids.datasetVersion,
      output: { model_name: " tuned " },
      warmup_ratio: null,
    });
    expect(config).toMatchObject({
      base_model: { model_id: ids.model, tag: "prod" },
      dataset_version_id: ids.datasetVersion,
      validation_split: 0.1,
      output: { model_name: "tuned" },
    });
    expect(config).not.toHaveProperty("warmup_ratio");
    expect(config).not.toHaveProperty("name");
    expect(FineTuneJobConfig.safeParse(config).success).toBe(true);
  });

  it("round-trips an exported configuration, keeping what the form has no control for", () => {
    const exported = FineTuneJobConfig.parse({
      ...fineTuneJob().config,
      base_model: { version_id: ids.version },
      validation_split: undefined,
      validation_dataset_version_id: `dsv_${"0".repeat(25)}9`,
      system_prompt: "be brief",
      budget: { amount: 20, currency: "USD" },
    });
    const back = FineTuneJobConfig.parse(toConfig(fromConfig(exported)));
    expect(back).toEqual(exported);
  });

  it("places the contract's errors on their fields and steps", () => {
    const v = { ...defaultValues(), model_id: ids.model, base_ref: "tag:latest", lora: { rank: 0 } };
    const issues = checkValues(v);
    expect(issues.find((i) => i.name.join(".") === "lora.rank")?.step).toBe("config");
    expect(issues.find((i) => i.name.join(".") === "dataset_version_id")?.step).toBe("data");
    expect(issues.find((i) => i.name.join(".") === "output.model_name")?.step).toBe("config");
    expect(issueAt(["budget", "currency"], "x", v)).toMatchObject({
      name: ["budget_gpu_hours"],
      step: "resources",
    });
    expect(issueAt(["base_model"], "x", { ...v, model_id: undefined })).toMatchObject({
      name: ["model_id"],
      step: "base",
    });
  });

  it("fills in a base version's recommended settings, LoRA field by field, and leaves the rest", () => {
    const before = { ...defaultValues(), seed: 7 };
    const after = withRecommendation(before, {
      epochs: 2,
      batch_size: 16,
      learning_rate: 0.005,
      warmup_ratio: 0.05,
      max_length: 128,
      lora: {
        rank: 8,
        alpha: 16,
        target_modules: ["attn_q", "attn_k", "attn_v", "attn_output", "ffn_gate", "ffn_up", "ffn_down"],
      },
      note: "tuned for the bundled example",
    });
    expect(after).toMatchObject({
      epochs: 2,
      batch_size: 16,
      learning_rate: 0.005,
      warmup_ratio: 0.05,
      max_length: 128,
      seed: 7,
    });
    expect(after.lora).toEqual({
      ...before.lora,
      rank: 8,
      alpha: 16,
      target_modules: expect.arrayContaining(["ffn_down"]),
    });
    expect(after.lora.target_modules).toHaveLength(7);
    expect("note" in after).toBe(false);
    expect(withRecommendation(before, null)).toBe(before);
    // What is sent is then the recommendation, not the platform's defaults.
    expect(
      toConfig({
        ...after,
        model_id: ids.model,
        base_ref: "tag:latest",
        dataset_version_id: ids.datasetVersion,
        output: { model_name: "x" },
      }),
    ).toMatchObject({ epochs: 2, batch_size: 16 });
  });
});
