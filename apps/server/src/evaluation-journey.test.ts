import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUNDLED_MODEL_DIR, type RunningServer } from "./main.js";
import type { HttpClient } from "./testing/http.js";
import { startTestServer } from "./testing/test-server.js";
import { uploadBytes } from "./testing/upload-bytes.js";
import { createWorld, type World } from "./testing/world.js";

const EXAMPLE = fileURLToPath(
  new URL("../../../packages/runtimes/assets/examples/support-routing/", import.meta.url),
);
const firstLines = (file: string, n: number) =>
  `${readFileSync(join(EXAMPLE, file), "utf8").split("\n").filter(Boolean).slice(0, n).join("\n")}\n`;
const shippedJob = JSON.parse(readFileSync(join(EXAMPLE, "job.json"), "utf8"));

/**
 * Issue 13's "done when", through the HTTP API on a real server with its worker: a Prod project
 * holds the bundled base as version 1 of its model and fine-tunes the bundled support-routing
 * example into version 2 (the shipped hyper-parameters, 640 training records); a gate rule
 * "exact match ≥ 0.8" is set; gate runs generate through llama.cpp on the example's test split;
 * the base fails (exact match ≤ 10 %) and is refused prod with the rule named, the fine-tuned version
 * passes (≥ 80 %) and becomes prod with the run linked in the tag history and the audit event; two
 * people rate ten prompts side by side and export them as a preference dataset version.
 */
describe("evaluation journey: base vs fine-tuned, gate, promotion with evidence, side-by-side ratings", () => {
  let server: RunningServer;
  let w: World;
  let owner: HttpClient;
  let dev: HttpClient;
  let projectId: string;
  let modelId: string;
  let baseVersionId: string;
  let tunedVersionId: string;
  let testVersionId: string;
  const runs: Record<string, string> = {};
  const workspaces = mkdtempSync(join(tmpdir(), "infera-eval-journey-"));

  const waitRun = async (runId: string, timeoutMs = 540_000) => {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const res = await dev.get(`/evaluations/${runId}`);
      expect(res.status, res.text).toBe(200);
      const run = res.body.data;
      if (["succeeded", "failed", "canceled"].includes(run.status)) return run;
      if (Date.now() > until)
        throw new Error(`run ${runId} is still ${run.status} (${run.samples_done}/${run.samples_total})`);
      await new Promise((r) => setTimeout(r, 250));
    }
  };

  beforeAll(async () => {
    server = await startTestServer(
      { INFERA_WORKER_POLL_MS: "100", INFERA_WORKSPACE_DIR: workspaces, INFERA_FINETUNE_MAX_CONCURRENT: "1" },
      { systemModelDir: BUNDLED_MODEL_DIR },
    );
    w = await createWorld(server.url);
    owner = w.users.owner!.client;
    dev = w.users.developer!.client;
    const project = await w.users.tenantAdmin!.client.post(`/tenants/${w.tenantId}/projects`, {
      name: `Support ${Date.now().toString(36)}`,
      env: "prod",
      owner_id: w.users.owner!.id,
      members: [{ user_id: w.users.developer!.id, role: "developer" }],
    });
    expect(project.status, project.text).toBe(201);
    projectId = project.body.data.id;

    // Version 1 of the project's model: the bundled base's own files.
    const model = await owner.post(`/projects/${projectId}/models`, { name: "support-router" });
    expect(model.status, model.text).toBe(201);
    modelId = model.body.data.id;
    const files = [];
    for (const name of readdirSync(BUNDLED_MODEL_DIR))
      files.push({
        path: name,
        sha256: await uploadBytes(owner, projectId, readFileSync(join(BUNDLED_MODEL_DIR, name)), name),
      });
    const v1 = await owner.post(`/models/${modelId}/versions`, { files, tag_latest: true });
    expect(v1.status, v1.text).toBe(201);
    baseVersionId = v1.body.data.id;

    const dataset = async (name: string, text: string) => {
      const d = await dev.post(`/projects/${projectId}/datasets`, { name });
      expect(d.status, d.text).toBe(201);
      const sha256 = await uploadBytes(dev, projectId, text, `${name}.jsonl`);
      const v = await dev.post(`/datasets/${d.body.data.id}/versions`, {
        files: [{ sha256, name: `${name}.jsonl` }],
      });
      expect(v.status, v.text).toBe(201);
      return v.body.data.id as string;
    };
    const trainVersionId = await dataset("support-routing-train", firstLines("train.jsonl", 640));
    testVersionId = await dataset("support-routing-test", firstLines("test.jsonl", 100));

    // Version 2: a LoRA fine-tune of version 1 with the shipped hyper-parameters.
    const job = await dev.post(`/projects/${projectId}/fine-tuning/jobs`, {
      name: "support-router-lora",
      base_model: { version_id: baseVersionId },
      dataset_version_id: trainVersionId,
      validation_split: 0,
      epochs: shippedJob.epochs,
      batch_size: shippedJob.batch_size,
      learning_rate: shippedJob.learning_rate,
      max_length: shippedJob.max_length,
      lora: {
        rank: shippedJob.lora.rank,
        alpha: shippedJob.lora.alpha,
        target_modules: shippedJob.lora.target_modules,
      },
      output: { model_id: modelId, move_latest: false },
    });
    expect(job.status, job.text).toBe(201);
    const until = Date.now() + 600_000;
    for (;;) {
      const j = (await dev.get(`/fine-tuning/jobs/${job.body.data.id}`)).body.data;
      if (j.status === "succeeded") {
        tunedVersionId = j.result_model_version_id;
        break;
      }
      if (["failed", "canceled"].includes(j.status) || Date.now() > until)
        throw new Error(`fine-tuning ${j.status}: ${JSON.stringify(j.failure ?? j)}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }, 900_000);

  afterAll(async () => {
    await server?.stop();
    rmSync(workspaces, { recursive: true, force: true });
  });

  it("the gate fails the base (exact match ≤ 10 %) and passes the fine-tuned version (≥ 80 %), with intervals", async () => {
    const rule = await owner.post(`/projects/${projectId}/evaluation-gate-rules`, {
      metric: "exact_match",
      comparator: "at_least",
      threshold: 0.8,
      description: "routes at least 80 % of tickets right",
    });
    expect(rule.status, rule.text).toBe(201);
    for (const [name, versionId] of [
      ["base", baseVersionId],
      ["tuned", tunedVersionId],
    ] as const) {
      const created = await dev.post(`/projects/${projectId}/evaluations`, {
        kind: "gate",
        targets: [{ model_version_id: versionId }],
        dataset_version_id: testVersionId,
        metrics: [{ name: "exact_match" }, { name: "rouge_l" }],
        generation: { max_tokens: 16 },
      });
      expect(created.status, created.text).toBe(201);
      runs[name] = created.body.data.id;
    }
    const base = await waitRun(runs.base!);
    const tuned = await waitRun(runs.tuned!);
    expect(base.status, base.error).toBe("succeeded");
    expect(tuned.status, tuned.error).toBe("succeeded");
    const em = (run: {
      summary: {
        metrics: { a: Record<string, { value: number; ci_low: number; ci_high: number; n: number }> };
      };
    }) => run.summary.metrics.a.exact_match!;
    expect(em(base).n).toBe(100);
    expect(em(base).value).toBeLessThanOrEqual(0.1);
    expect(em(tuned).value).toBeGreaterThanOrEqual(0.8);
    expect(em(tuned).ci_low).toBeLessThanOrEqual(em(tuned).value);
    expect(em(tuned).ci_high).toBeGreaterThanOrEqual(em(tuned).value);
    expect(base.gate).toMatchObject({
      passed: false,
      rules: [{ rule_id: rule.body.data.id, passed: false }],
    });
    expect(tuned.gate).toMatchObject({ passed: true, rules: [{ rule_id: rule.body.data.id, passed: true }] });

    // The worst samples come first: a base answer that missed.
    const worst = await dev.get(`/evaluations/${runs.base}/samples?metric=exact_match&limit=5`);
    expect(worst.status, worst.text).toBe(200);
    expect(worst.body.data[0].scores.exact_match).toBe(0);
    expect(worst.body.data[0].reference).toBeTruthy();
  }, 900_000);

  it("prod is refused for the base with the failing rule named, and allowed for the fine-tuned version with the run as evidence", async () => {
    const refused = await dev.put(`/models/${modelId}/tags/prod`, { version_id: baseVersionId });
    expect(refused.status, refused.text).toBe(412);
    expect(refused.body.error.message).toContain("exact_match");
    expect(JSON.stringify(refused.body.error)).toContain(runs.base!);

    const moved = await dev.put(`/models/${modelId}/tags/prod`, { version_id: tunedVersionId });
    expect(moved.status, moved.text).toBe(200);
    const history = await dev.get(`/models/${modelId}/tags/prod/history`);
    expect(history.status, history.text).toBe(200);
    expect(history.body.data[0]).toMatchObject({
      to_version_id: tunedVersionId,
      evidence_evaluation_run_id: runs.tuned,
    });
    const audit = await owner.get(`/projects/${projectId}/audit-events?action=model.tag.update`);
    expect(JSON.stringify(audit.body.data[0])).toContain(runs.tuned!);
  });

  it("two people rate ten prompts side by side and export them as a preference dataset version", async () => {
    const created = await dev.post(`/projects/${projectId}/evaluations`, {
      kind: "side_by_side",
      targets: [{ model_version_id: baseVersionId }, { model_version_id: tunedVersionId }],
      dataset_version_id: testVersionId,
      sample_limit: 10,
      metrics: [{ name: "exact_match" }],
      generation: { max_tokens: 16 },
    });
    expect(created.status, created.text).toBe(201);
    const run = await waitRun(created.body.data.id);
    expect(run.status, run.error).toBe("succeeded");
    const samples = await dev.get(`/evaluations/${run.id}/samples?order=index&target=a&limit=50`);
    const indices: number[] = samples.body.data.map((s: { index: number }) => s.index);
    expect(indices).toHaveLength(10);
    for (const rater of [owner, dev])
      for (const index of indices) {
        const rated = await rater.put(`/evaluations/${run.id}/ratings`, {
          index,
          winner: "b",
          score_a: 1,
          score_b: 5,
        });
        expect(rated.status, rated.text).toBe(200);
      }
    const winRate = await dev.get(`/evaluations/${run.id}/win-rate`);
    expect(winRate.body.data).toMatchObject({
      ratings: 20,
      raters: 2,
      b_wins: expect.any(Number),
      win_rate_a: 0,
    });

    const exported = await dev.post(`/evaluations/${run.id}/preferences`, {
      dataset_name: "router-preferences",
    });
    expect(exported.status, exported.text).toBeLessThan(300);
    expect(exported.body.data.records).toBe(10);
    const version = await dev.get(`/dataset-versions/${exported.body.data.dataset_version_id}`);
    expect(version.status, version.text).toBe(200);
    expect(JSON.stringify(version.body.data)).toContain(run.id);
  }, 300_000);
});
