import type { EvaluationSample } from "@infera/contracts";
import {
  checkRegressionAnswer,
  finishEvaluationRun,
  newId,
  recordEvaluationSamples,
  regressionRecords,
} from "@infera/core";
import { eq, tables } from "@infera/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../main.js";
import { startTestServer } from "../../testing/test-server.js";
import { createWorld, type World } from "../../testing/world.js";
import { seedDataset } from "../datasets/dataset-test-helpers.js";
import {
  automaticRun,
  type EvaluationInputs,
  seedEvaluationInputs,
  seedRun,
} from "./evaluation-test-helpers.js";

type Sample = {
  target: "a" | "b";
  index: number;
  scores: Record<string, number>;
  slice?: string | null;
  error?: string | null;
};

describe("evaluation API: /projects/{projectId}/evaluations and /evaluations/{runId}", () => {
  let server: RunningServer;
  let w: World;
  let other: World;
  let inputs: EvaluationInputs;
  let otherInputs: EvaluationInputs;
  let svc: { id: string; revisionId: string };
  let otherSvc: { id: string; revisionId: string };
  let otherRuleId: string;
  const dev = () => w.users.developer!.client;
  const base = () => `/projects/${w.projectId}/evaluations`;
  const db = () => server.systemCtx.db;

  async function createService(world: World, name: string, modelId: string) {
    const res = await world.users.developer!.client.post(`/projects/${world.projectId}/services`, {
      name,
      exposure: "private",
      config: {
        model: { model_id: modelId },
        runtime: { kind: "openai-compatible", base_url: `http://127.0.0.1:9/${name}` },
        resources: { resource_class: "cpu-2" },
      },
    });
    expect(res.status, res.text).toBe(201);
    return { id: res.body.data.id as string, revisionId: res.body.data.revisions[0].id as string };
  }

  async function gateRule(
    world: World,
    comparator: "at_least" | "not_worse_than_prod",
    modelId: string | null = null,
  ) {
    const id = newId("evaluationGateRule");
    await db()
      .insert(tables.evaluationGateRules)
      .values({
        id,
        tenantId: world.tenantId,
        projectId: world.projectId,
        modelId,
        metric: "exact_match",
        comparator,
        threshold: comparator === "at_least" ? 0.5 : null,
        margin: comparator === "not_worse_than_prod" ? 0.05 : null,
      });
    return id;
  }

  /** A finished run: the runner's part (status, summary, samples) written directly. */
  async function finishRun(runId: string, samples: Sample[], summary?: Record<string, unknown>) {
    await db()
      .update(tables.evaluationRuns)
      .set({
        status: "succeeded",
        startedAt: new Date(Date.now() - 60_000),
        finishedAt: new Date(),
        samplesTotal: samples.length,
        samplesDone: samples.length,
        summary: summary ?? null,
      })
      .where(eq(tables.evaluationRuns.id, runId));
    if (samples.length)
      await db()
        .insert(tables.evaluationSamples)
        .values(
          samples.map((s) => ({
            runId,
            target: s.target,
            index: s.index,
            input: [{ role: "user", content: `secret prompt ${s.index}` }],
            reference: `ref ${s.index}`,
            output: `out ${s.index}`,
            scores: s.scores,
            slice: s.slice ?? null,
            latencyMs: s.scores.latency_ms ?? null,
            error: s.error ?? null,
          })),
        );
  }

  beforeAll(async () => {
    server = await startTestServer({}, { apiOnly: true });
    [w, other] = await Promise.all([createWorld(server.url), createWorld(server.url)]);
    inputs = await seedEvaluationInputs(dev(), w.projectId);
    otherInputs = await seedEvaluationInputs(other.users.developer!.client, other.projectId);
    svc = await createService(w, "evsvc", inputs.modelId);
    otherSvc = await createService(other, "evsvc", otherInputs.modelId);
    otherRuleId = await gateRule(other, "at_least");
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
  });

  it("creates an automatic run by version id: queued, target resolved, job enqueued, audited", async () => {
    const res = await dev().post(base(), { ...automaticRun(inputs), name: "first" });
    expect(res.status, res.text).toBe(201);
    const run = res.body.data;
    expect(run).toMatchObject({
      kind: "automatic",
      status: "queued",
      name: "first",
      rerun_of: null,
      eta_seconds: null,
    });
    expect(run.targets).toEqual([
      expect.objectContaining({
        key: "a",
        role: "evaluated",
        kind: "model_version",
        model_id: inputs.modelId,
        model_version_id: inputs.versionIds[0],
      }),
    ]);
    expect(run.dataset_id).toBe(inputs.datasetId);
    const jobs = await db()
      .select()
      .from(tables.workItems)
      .where(eq(tables.workItems.kind, "evaluation.run"));
    expect(jobs.some((j) => (j.payload as { run_id: string }).run_id === run.id)).toBe(true);
    expect((await dev().get(`/evaluations/${run.id}`)).body.data.id).toBe(run.id);
  });

  it("resolves model_id + ref (a tag) to the version it points at, labelled model:tag; rerun re-resolves it", async () => {
    const tag = await dev().put(`/models/${inputs.modelId}/tags/staging`, {
      version_id: inputs.versionIds[0],
    });
    expect(tag.status, tag.text).toBe(200);
    const res = await dev().post(base(), {
      ...automaticRun(inputs),
      targets: [{ model_id: inputs.modelId, ref: "staging" }],
    });
    expect(res.status, res.text).toBe(201);
    const [target] = res.body.data.targets;
    expect(target.model_version_id).toBe(inputs.versionIds[0]);
    expect(target.label).toMatch(/:staging$/);
    // A version id as ref works as well.
    const byId = await dev().post(base(), {
      ...automaticRun(inputs),
      targets: [{ model_id: inputs.modelId, ref: inputs.versionIds[1] }],
    });
    expect(byId.body.data.targets[0].model_version_id).toBe(inputs.versionIds[1]);

    expect(
      (await dev().put(`/models/${inputs.modelId}/tags/staging`, { version_id: inputs.versionIds[1] }))
        .status,
    ).toBe(200);
    const rerun = await dev().post(`/evaluations/${res.body.data.id}/rerun`);
    expect(rerun.status, rerun.text).toBe(201);
    expect(rerun.body.data.rerun_of).toBe(res.body.data.id);
    expect(rerun.body.data.targets[0].model_version_id).toBe(inputs.versionIds[1]);
    expect(rerun.body.data.config.metrics).toEqual(res.body.data.config.metrics);
    expect(
      (
        await dev().post(base(), {
          ...automaticRun(inputs),
          targets: [{ model_id: inputs.modelId, ref: "nope" }],
        })
      ).status,
    ).toBe(404);
  });

  it("side-by-side: two targets (a service's busiest revision as b), typed prompts", async () => {
    const res = await dev().post(base(), {
      kind: "side_by_side",
      targets: [{ model_version_id: inputs.versionIds[0] }, { service_id: svc.id }],
      prompts: ["hello", "world"],
      metrics: [{ name: "latency_ms" }],
    });
    expect(res.status, res.text).toBe(201);
    expect(res.body.data.targets.map((t: { role: string }) => t.role)).toEqual(["evaluated", "compared"]);
    expect(res.body.data.targets[1]).toMatchObject({
      kind: "service_revision",
      service_id: svc.id,
      revision_id: svc.revisionId,
      label: `evsvc@${svc.revisionId}`,
    });
    expect(res.body.data.dataset_version_id).toBeNull();
    const pinned = await dev().post(base(), {
      kind: "side_by_side",
      targets: [
        { service_id: svc.id, revision_id: svc.revisionId },
        { model_version_id: inputs.versionIds[1] },
      ],
      dataset_version_id: inputs.datasetVersionId,
    });
    expect(pinned.status, pinned.text).toBe(201);
  });

  it("gate: the model's prod version becomes the baseline when a rule compares with prod", async () => {
    const g = await seedEvaluationInputs(dev(), w.projectId);
    // No rule needs prod yet: one target.
    const plain = await dev().post(base(), {
      ...automaticRun(g),
      kind: "gate",
      targets: [{ model_version_id: g.versionIds[1] }],
    });
    expect(plain.status, plain.text).toBe(201);
    expect(plain.body.data.targets).toHaveLength(1);
    const ruleId = await gateRule(w, "not_worse_than_prod", g.modelId);
    // A rule needing prod, but no prod tag: still one target.
    const noProd = await dev().post(base(), {
      ...automaticRun(g),
      kind: "gate",
      targets: [{ model_version_id: g.versionIds[1] }],
    });
    expect(noProd.body.data.targets).toHaveLength(1);
    expect(noProd.body.data.config.gate_rule_ids).toContain(ruleId);
    const prod = await w.users.owner!.client.put(`/models/${g.modelId}/tags/prod`, {
      version_id: g.versionIds[0],
    });
    expect(prod.status, prod.text).toBe(200);
    const gate = await dev().post(base(), {
      ...automaticRun(g),
      kind: "gate",
      targets: [{ model_version_id: g.versionIds[1] }],
    });
    expect(gate.status, gate.text).toBe(201);
    expect(gate.body.data.targets[1]).toMatchObject({
      key: "b",
      role: "baseline",
      model_version_id: g.versionIds[0],
    });
    expect(gate.body.data.targets[1].label).toMatch(/:prod$/);
    // The prod version itself: no baseline against itself.
    const same = await dev().post(base(), {
      ...automaticRun(g),
      kind: "gate",
      targets: [{ model_version_id: g.versionIds[0] }],
    });
    expect(same.body.data.targets).toHaveLength(1);
    // Named rules: only those.
    const atLeast = await gateRule(w, "at_least");
    const named = await dev().post(base(), {
      ...automaticRun(g),
      kind: "gate",
      targets: [{ model_version_id: g.versionIds[1] }],
      gate_rule_ids: [atLeast],
    });
    expect(named.status, named.text).toBe(201);
    expect(named.body.data.config.gate_rule_ids).toEqual([atLeast]);
    expect(named.body.data.targets).toHaveLength(1);
  });

  it.each([
    [
      "a regex that does not compile",
      { metrics: [{ name: "regex", pattern: "([a-" }] },
      "metrics[0].pattern",
    ],
    ["a regex without pattern", { metrics: [{ name: "regex" }] }, "metrics[0].pattern"],
    ["json_schema without schema", { metrics: [{ name: "json_schema" }] }, "metrics[0].schema"],
    ["a judge without a service", { metrics: [{ name: "judge" }] }, "metrics[0].judge_service_id"],
    ["two targets for automatic", { targets: "two" }, "targets"],
    ["prompts for automatic", { dataset_version_id: undefined, prompts: ["x"] }, "prompts"],
    ["no data", { dataset_version_id: undefined }, "dataset_version_id"],
    ["gate rule ids on automatic", { gate_rule_ids: ["egr_x"] }, "gate_rule_ids"],
    ["a target naming two things", { targets: "both" }, "targets[0]"],
  ])("422 for %s, naming the field", async (_what, extra: Record<string, unknown>, field) => {
    const body: Record<string, unknown> = { ...automaticRun(inputs), ...extra };
    if (extra.targets === "two")
      body.targets = [{ model_version_id: inputs.versionIds[0] }, { model_version_id: inputs.versionIds[1] }];
    if (extra.targets === "both")
      body.targets = [{ model_version_id: inputs.versionIds[0], service_id: svc.id }];
    const res = await dev().post(base(), body);
    expect(res.status, res.text).toBe(422);
    expect(res.body.error.details.field).toBe(field);
  });

  it("422 for a gate on a service, a side-by-side with one target, typed prompts with a reference metric, a text dataset", async () => {
    const gate = await dev().post(base(), {
      ...automaticRun(inputs),
      kind: "gate",
      targets: [{ service_id: svc.id }],
    });
    expect(gate.status, gate.text).toBe(422);
    const one = await dev().post(base(), { ...automaticRun(inputs), kind: "side_by_side" });
    expect(one.status).toBe(422);
    const typed = await dev().post(base(), {
      kind: "side_by_side",
      targets: [{ model_version_id: inputs.versionIds[0] }, { model_version_id: inputs.versionIds[1] }],
      prompts: ["hi"],
      metrics: [{ name: "exact_match" }],
    });
    expect(typed.status).toBe(422);
    expect(typed.body.error.details.field).toBe("metrics");
    const judge = await dev().post(base(), {
      ...automaticRun(inputs),
      metrics: [{ name: "judge", judge_service_id: svc.id, rubric: "Is the team right?" }],
    });
    expect(judge.status, judge.text).toBe(201);
  });

  it("loss and perplexity: accepted for a model version, 422 naming the metric and target for a service revision", async () => {
    const ok = await dev().post(base(), {
      ...automaticRun(inputs),
      metrics: [{ name: "exact_match" }, { name: "loss" }, { name: "perplexity" }],
    });
    expect(ok.status, ok.text).toBe(201);
    const refused = await dev().post(base(), {
      kind: "side_by_side",
      targets: [{ model_version_id: inputs.versionIds[0] }, { service_id: svc.id }],
      dataset_version_id: inputs.datasetVersionId,
      metrics: [{ name: "exact_match" }, { name: "perplexity" }],
    });
    expect(refused.status, refused.text).toBe(422);
    expect(refused.body.error.details.field).toBe("metrics[1].name");
    expect(refused.body.error.message).toContain("metric perplexity needs a model-version target: target b");
    expect(refused.body.error.message).toContain("service revision");
  });

  it("every id a create names from another tenant answers 404, like an unknown one", async () => {
    const cases: Record<string, unknown>[] = [
      { targets: [{ model_version_id: otherInputs.versionIds[0] }] },
      { targets: [{ model_id: otherInputs.modelId, ref: "latest" }] },
      { targets: [{ service_id: otherSvc.id }] },
      { targets: [{ service_id: svc.id, revision_id: otherSvc.revisionId }] },
      { dataset_version_id: otherInputs.datasetVersionId },
      { kind: "gate", gate_rule_ids: [otherRuleId] },
    ];
    for (const c of cases) {
      const res = await dev().post(base(), { ...automaticRun(inputs), ...c });
      expect(res.status, `${JSON.stringify(c)}: ${res.text}`).toBe(404);
    }
    // A judge service of another tenant is not a service of this project.
    const judge = await dev().post(base(), {
      ...automaticRun(inputs),
      metrics: [{ name: "judge", judge_service_id: otherSvc.id }],
    });
    expect(judge.status).toBe(422);
    const theirs = await seedRun(other.users.developer!.client, other.projectId, otherInputs);
    for (const [method, path] of [
      ["get", `/evaluations/${theirs.id}`],
      ["get", `/evaluations/${theirs.id}/samples`],
      ["get", `/evaluations/${theirs.id}/export?format=json`],
      ["post", `/evaluations/${theirs.id}/cancel`],
      ["post", `/evaluations/${theirs.id}/rerun`],
      ["delete", `/evaluations/${theirs.id}`],
    ] as const) {
      const res = await w.users.tenantAdmin!.client[method](path);
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    const mine = await seedRun(dev(), w.projectId, inputs);
    const cmp = await dev().get(`${base()}/compare?ids=${mine.id},${theirs.id}`);
    expect(cmp.status).toBe(404);
  });

  it("cancel: queued → canceled at once, running → canceling, finished → 409", async () => {
    const queued = await seedRun(dev(), w.projectId, inputs);
    const c1 = await dev().post(`/evaluations/${queued.id}/cancel`);
    expect(c1.status, c1.text).toBe(200);
    expect(c1.body.data.status).toBe("canceled");
    expect(c1.body.data.finished_at).not.toBeNull();
    expect((await dev().post(`/evaluations/${queued.id}/cancel`)).status).toBe(409);

    const running = await seedRun(dev(), w.projectId, inputs);
    await db()
      .update(tables.evaluationRuns)
      .set({ status: "running", startedAt: new Date(Date.now() - 10_000), samplesTotal: 30, samplesDone: 10 })
      .where(eq(tables.evaluationRuns.id, running.id));
    const got = await dev().get(`/evaluations/${running.id}`);
    // 10 samples in about 10 s: 20 left take about 20 s.
    expect(got.body.data.eta_seconds).toBeGreaterThanOrEqual(18);
    expect(got.body.data.eta_seconds).toBeLessThanOrEqual(25);
    const c2 = await dev().post(`/evaluations/${running.id}/cancel`);
    expect(c2.body.data.status).toBe("canceling");
    expect(c2.body.data.eta_seconds).toBeNull();
    const c3 = await dev().post(`/evaluations/${running.id}/cancel`);
    expect(c3.status).toBe(409);
    expect(c3.body.error.details.status).toBe("canceling");
    expect((await w.users.viewer!.client.post(`/evaluations/${running.id}/cancel`)).status).toBe(403);
  });

  it("delete: refused while queued, refused as a tag move's evidence, else removes run and samples", async () => {
    const run = await seedRun(dev(), w.projectId, inputs);
    expect((await dev().delete(`/evaluations/${run.id}`)).status).toBe(409);
    await finishRun(run.id, [{ target: "a", index: 0, scores: { exact_match: 1 } }]);
    const historyId = `mth_${run.id.slice(4)}`;
    await db().insert(tables.modelTagHistory).values({
      id: historyId,
      modelId: inputs.modelId,
      tag: "prod",
      action: "set",
      toVersionId: inputs.versionIds[0],
      evidenceEvaluationRunId: run.id,
      actorType: "user",
    });
    const refused = await w.users.owner!.client.delete(`/evaluations/${run.id}`);
    expect(refused.status, refused.text).toBe(409);
    expect(refused.body.error.code).toBe("resource_in_use");
    await db().delete(tables.modelTagHistory).where(eq(tables.modelTagHistory.id, historyId));
    expect((await w.users.owner!.client.delete(`/evaluations/${run.id}`)).status).toBe(204);
    expect((await dev().get(`/evaluations/${run.id}`)).status).toBe(404);
    const left = await db()
      .select()
      .from(tables.evaluationSamples)
      .where(eq(tables.evaluationSamples.runId, run.id));
    expect(left).toHaveLength(0);
  });

  it("a dataset version or model version a run names cannot be deleted (resource_in_use)", async () => {
    const d = await seedDataset(dev(), w.projectId, { rows: 4 });
    await seedRun(dev(), w.projectId, { ...inputs, datasetVersionId: d.versionIds[0]! });
    const res = await w.users.owner!.client.delete(`/dataset-versions/${d.versionIds[0]}`);
    expect(res.status, res.text).toBe(409);
    expect(res.body.error.details.dependants.some((x: { type: string }) => x.type === "evaluation_run")).toBe(
      true,
    );
    const mv = await w.users.owner!.client.delete(`/model-versions/${inputs.versionIds[0]}`);
    expect(mv.status).toBe(409);
  });

  it("samples: worst first by the first metric, lower-is-better reversed, filters, pages, finance masked", async () => {
    const run = await seedRun(dev(), w.projectId, inputs, {
      metrics: [{ name: "exact_match" }, { name: "latency_ms" }],
      slice_field: "category",
    });
    await finishRun(run.id, [
      { target: "a", index: 0, scores: { exact_match: 1, latency_ms: 30 }, slice: "x" },
      { target: "a", index: 1, scores: { exact_match: 0, latency_ms: 10 }, slice: "y" },
      { target: "a", index: 2, scores: { exact_match: 1, latency_ms: 50 }, slice: "x" },
      { target: "a", index: 3, scores: {}, error: "timeout", slice: "y" },
      { target: "b", index: 0, scores: { exact_match: 0, latency_ms: 20 }, slice: "x" },
    ]);
    const path = `/evaluations/${run.id}/samples`;
    const worst = await dev().get(path);
    expect(worst.status, worst.text).toBe(200);
    const key = (s: { target: string; index: number }) => `${s.target}${s.index}`;
    expect(worst.body.data.map(key)).toEqual(["b0", "a1", "a0", "a2", "a3"]);
    const slowest = await dev().get(`${path}?metric=latency_ms`);
    expect(slowest.body.data.map(key)).toEqual(["a2", "a0", "b0", "a1", "a3"]);
    expect((await dev().get(`${path}?order=index&target=a`)).body.data.map(key)).toEqual([
      "a0",
      "a1",
      "a2",
      "a3",
    ]);
    expect((await dev().get(`${path}?slice=x&target=a`)).body.data.map(key)).toEqual(["a0", "a2"]);
    expect((await dev().get(`${path}?failed=true`)).body.data.map(key)).toEqual(["b0", "a1", "a3"]);
    // Walking the cursor two at a time gives the same order.
    const walked: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { data: Sample[]; next_cursor: string | null } } = await dev().get(
        `${path}?limit=2${cursor ? `&cursor=${cursor}` : ""}`,
      );
      walked.push(...page.body.data.map(key));
      cursor = page.body.next_cursor;
    } while (cursor);
    expect(walked).toEqual(["b0", "a1", "a0", "a2", "a3"]);

    const plain = worst.body.data[0];
    expect(JSON.stringify(plain.input)).toContain("secret prompt");
    const finance = await w.users.finance!.client.get(path);
    expect(finance.status, finance.text).toBe(200);
    for (const s of finance.body.data) {
      expect(JSON.stringify([s.input, s.output, s.reference])).not.toMatch(/secret|out |ref /);
      expect(s.scores).toBeDefined();
    }
    const financeCsv = await w.users.finance!.client.get(`/evaluations/${run.id}/export?format=csv`);
    expect(financeCsv.text).not.toContain("secret prompt");
  });

  it("export: JSON with run, summary, gate and every sample; CSV a row per sample, a column per metric", async () => {
    const run = await seedRun(dev(), w.projectId, inputs, {
      metrics: [{ name: "exact_match" }, { name: "rouge_l" }],
    });
    const samples: Sample[] = Array.from({ length: 1203 }, (_, i) => ({
      target: "a" as const,
      index: i,
      scores: { exact_match: i % 2, rouge_l: i % 100 },
    }));
    const summary = {
      metrics: { a: { exact_match: { value: 0.5, ci_low: 0.4, ci_high: 0.6, n: 1203 } } },
      sentence: "half",
    };
    await finishRun(run.id, samples, summary);
    const json = await dev().get(`/evaluations/${run.id}/export?format=json`);
    expect(json.status, json.text.slice(0, 300)).toBe(200);
    expect(json.headers.get("content-disposition")).toContain(`${run.id}.json`);
    expect(json.body.run.id).toBe(run.id);
    expect(json.body.summary).toEqual(summary);
    expect(json.body.gate).toBeNull();
    expect(json.body.samples).toHaveLength(1203);
    expect(json.body.samples.map((s: Sample) => s.index)).toEqual(samples.map((s) => s.index));
    const csv = await dev().get(`/evaluations/${run.id}/export?format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const lines = csv.text.trim().split("\r\n");
    expect(lines[0]).toBe(
      "index,target,slice,input,reference,output,error,latency_ms,prompt_tokens,completion_tokens,reference_tokens,exact_match,rouge_l",
    );
    expect(lines).toHaveLength(1204);
    expect(lines[4]!.startsWith("3,a,")).toBe(true);
    expect(lines[4]!.endsWith(",1,3")).toBe(true);
  });

  it("list: newest first, filters, cursor, CSV", async () => {
    const a = await seedRun(dev(), w.projectId, inputs);
    const b = await seedRun(dev(), w.projectId, inputs, { metrics: [{ name: "latency_ms" }] });
    await db()
      .update(tables.evaluationRuns)
      .set({ gatePassed: true })
      .where(eq(tables.evaluationRuns.id, a.id));
    const all = await dev().get(`${base()}?limit=2`);
    expect(all.body.data.map((r: { id: string }) => r.id)).toEqual([b.id, a.id]);
    expect(all.body.next_cursor).not.toBeNull();
    const passed = await dev().get(`${base()}?gate=passed`);
    expect(passed.body.data.map((r: { id: string }) => r.id)).toEqual([a.id]);
    const canceled = await dev().get(`${base()}?status=canceled`);
    expect(canceled.body.data.every((r: { status: string }) => r.status === "canceled")).toBe(true);
    const sbs = await dev().get(`${base()}?kind=side_by_side`);
    expect(sbs.body.data.length).toBeGreaterThan(0);
    expect(sbs.body.data.every((r: { kind: string }) => r.kind === "side_by_side")).toBe(true);
    const byVersion = await dev().get(`${base()}?model_version_id=${inputs.versionIds[1]}`);
    expect(
      byVersion.body.data.every(
        (r: { targets: { model_version_id: string }[] }) =>
          r.targets[0]!.model_version_id === inputs.versionIds[1],
      ),
    ).toBe(true);
    const csv = await dev().get(`${base()}?format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.text).toContain(a.id);
    expect((await other.users.developer!.client.get(base())).status).toBe(404);
  });

  it("compare: paired deltas on a shared dataset version, unpaired otherwise", async () => {
    const n = 40;
    const scores = (p: (i: number) => number) =>
      Array.from({ length: n }, (_, i) => ({
        target: "a" as const,
        index: i,
        scores: { exact_match: p(i) },
      }));
    const first = await seedRun(dev(), w.projectId, inputs);
    const second = await seedRun(dev(), w.projectId, inputs);
    const d2 = await seedDataset(dev(), w.projectId, { rows: 4 });
    const third = await seedRun(dev(), w.projectId, { ...inputs, datasetVersionId: d2.versionIds[0]! });
    // The second run gets right exactly the first's samples plus every 4th other one.
    await finishRun(
      first.id,
      scores((i) => (i % 2 === 0 ? 1 : 0)),
    );
    await finishRun(
      second.id,
      scores((i) => (i % 2 === 0 || i % 4 === 1 ? 1 : 0)),
    );
    await finishRun(
      third.id,
      scores((i) => (i % 4 === 0 ? 1 : 0)),
    );
    const res = await dev().get(`${base()}/compare?ids=${first.id},${second.id},${third.id}`);
    expect(res.status, res.text).toBe(200);
    const cmp = res.body.data;
    expect(cmp.runs.map((r: { id: string }) => r.id)).toEqual([first.id, second.id, third.id]);
    const em = cmp.metrics.find((m: { metric: string }) => m.metric === "exact_match");
    expect(em.values[0].value).toBeCloseTo(0.5);
    expect(em.deltas[0]).toBeNull();
    expect(em.deltas[1].paired).toBe(true);
    expect(em.deltas[1].delta).toBeCloseTo(0.25);
    // Paired: every difference is 0 or +1, so the interval stays above 0.
    expect(em.deltas[1].ci_low).toBeGreaterThan(0);
    expect(em.deltas[2].paired).toBe(false);
    expect(em.deltas[2].delta).toBeCloseTo(-0.25);
    expect(em.deltas[2].ci_low).toBeLessThan(em.deltas[2].delta);
    expect(em.deltas[2].ci_high).toBeGreaterThan(em.deltas[2].delta);
    expect((await dev().get(`${base()}/compare?ids=${first.id}`)).status).toBe(400);
  });

  it("a gate's failing regression prompts: plain to Owner and Developer, masked to Finance (run, list, export)", async () => {
    const rule = await w.users.owner!.client.post(`/projects/${w.projectId}/evaluation-gate-rules`, {
      comparator: "pass_rate_at_least",
      threshold: 0.9,
      prompts: [
        { prompt: "Say hello", checks: [{ kind: "contains", text: "hello" }] },
        { prompt: "secret payroll prompt", checks: [{ kind: "exact", text: "routed to billing" }] },
      ],
    });
    expect(rule.status, rule.text).toBe(201);
    const created = await dev().post(base(), {
      kind: "gate",
      targets: [{ model_version_id: inputs.versionIds[0] }],
      gate_rule_ids: [rule.body.data.id],
    });
    expect(created.status, created.text).toBe(201);
    const runId = created.body.data.id as string;
    // The runner's part through the core verbs: start, answer each regression prompt, check, finish.
    await db()
      .update(tables.evaluationRuns)
      .set({ status: "running", startedAt: new Date(), samplesTotal: 2 })
      .where(eq(tables.evaluationRuns.id, runId));
    const ctx = server.systemCtx;
    const records = await regressionRecords(ctx, w.projectId, [rule.body.data.id]);
    const answers = ["hello there", "secret answer: the salary of Ada is 9000"];
    await recordEvaluationSamples({
      ctx,
      runId,
      samples: records.map((r, i) => {
        const verdict = checkRegressionAnswer(r.regression.checks, answers[i]!);
        return {
          target: "a",
          index: r.index,
          input: r.input,
          reference: null,
          output: answers[i]!,
          scores: {},
          judgeReason: null,
          slice: null,
          latencyMs: 5,
          promptTokens: null,
          completionTokens: null,
          error: null,
          regression: { rule_id: r.regression.ruleId, prompt_index: r.regression.promptIndex, ...verdict },
        };
      }),
    });
    expect((await finishEvaluationRun({ ctx, runId }))?.status).toBe("succeeded");

    for (const who of ["owner", "developer"] as const) {
      const res = await w.users[who]!.client.get(`/evaluations/${runId}`);
      expect(res.status, res.text).toBe(200);
      const [outcome] = res.body.data.gate.rules;
      expect(outcome.passed).toBe(false);
      expect(outcome.regression.failures).toEqual([
        {
          index: records[1]!.index,
          prompt_index: 1,
          prompt: "secret payroll prompt",
          reason:
            'checks[0] exact: is "secret answer: the salary of Ada is 9000", expected "routed to billing"',
          check: {
            index: 0,
            kind: "exact",
            failure: {
              code: "not_exact",
              expected: "routed to billing",
              got: "secret answer: the salary of Ada is 9000",
              detail: null,
            },
          },
        },
      ]);
      expect(outcome.reason).toContain("salary");
      expect(res.body.data.summary.sentence).toContain("salary");
    }

    const finance = w.users.finance!.client;
    const masked = await finance.get(`/evaluations/${runId}`);
    expect(masked.status, masked.text).toBe(200);
    const [outcome] = masked.body.data.gate.rules;
    // The verdict, the numbers and which check failed stay; the prompt and the quoted answer do not.
    expect(outcome).toMatchObject({ passed: false, value: 0.5, regression: { passed: 1, total: 2 } });
    expect(outcome.regression.failures).toEqual([
      {
        index: records[1]!.index,
        prompt_index: 1,
        prompt: "••••",
        reason: "checks[0] exact: ••••",
        check: {
          index: 0,
          kind: "exact",
          failure: { code: "not_exact", expected: "••••", got: "••••", detail: null },
        },
      },
    ]);
    expect(outcome.reason).toMatch(
      /^1 of 2 regression prompts passed: .*; failing: #1 \(checks\[0\] exact: ••••\)$/,
    );
    expect(masked.body.data.summary.sentence).toMatch(/^Gate failed \(1 of 2 regression prompts passed/);
    const leaks = /secret|payroll|salary|routed to billing/;
    expect(JSON.stringify(masked.body.data)).not.toMatch(leaks);
    const listed = await finance.get(`${base()}?kind=gate&limit=100`);
    expect(listed.status, listed.text).toBe(200);
    const inList = listed.body.data.find((r: { id: string }) => r.id === runId);
    expect(inList.gate.rules[0].regression.failures[0].prompt).toBe("••••");
    expect(JSON.stringify(inList)).not.toMatch(leaks);
    const samples = await finance.get(`/evaluations/${runId}/samples?gate_rule_id=${rule.body.data.id}`);
    expect(samples.status, samples.text).toBe(200);
    const failedSample = samples.body.data.find(
      (x: EvaluationSample) => x.regression && !x.regression.passed,
    );
    expect(failedSample.regression.checks[0]).toEqual({
      kind: "exact",
      passed: false,
      reason: "••••",
      failure: { code: "not_exact", expected: "••••", got: "••••", detail: null },
    });
    expect(samples.text).not.toMatch(leaks);
    const exported = await finance.get(`/evaluations/${runId}/export?format=json`);
    expect(exported.status).toBe(200);
    expect(exported.text).not.toMatch(leaks);
    expect(exported.body.gate.rules[0].regression.failures[0].reason).toBe("checks[0] exact: ••••");
    // The owner's list still reads it plain.
    const ownerList = await w.users.owner!.client.get(`${base()}?kind=gate&limit=100`);
    const plain = ownerList.body.data.find((r: { id: string }) => r.id === runId);
    expect(plain.gate.rules[0].regression.failures[0].prompt).toBe("secret payroll prompt");
  });
});
