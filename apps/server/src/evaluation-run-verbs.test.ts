import type { EvaluationTarget } from "@infera/contracts";
import {
  beginEvaluationRun,
  type EvaluationSampleWrite,
  failEvaluationRun,
  finishEvaluationRun,
  insertEvaluationRun,
  recordEvaluationSamples,
  withTransaction,
} from "@infera/core";
import { and, eq, tables } from "@infera/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUNDLED_MODEL_DIR, type RunningServer } from "./main.js";
import { startTestServer } from "./testing/test-server.js";
import { createWorld, type World } from "./testing/world.js";

/**
 * The runner's core verbs on an API-only server (no worker takes the runs): begin, batches of
 * samples written once each, the end with metrics, slices and a gate, failures and cancels — and
 * two ends racing for the same run (row locks: both engines).
 */
describe("evaluation run verbs", () => {
  let server: RunningServer;
  let w: World;
  let tinyModel: string;
  let tinyVersion: string;

  beforeAll(async () => {
    server = await startTestServer({}, { apiOnly: true, systemModelDir: BUNDLED_MODEL_DIR });
    w = await createWorld(server.url);
    const models = await w.users.developer!.client.get(`/projects/${w.projectId}/models?scope=system`);
    tinyModel = models.body.data.find((m: { name: string }) => m.name === "infera-tiny").id;
    const [v] = await server.systemCtx.db
      .select({ id: tables.modelVersions.id })
      .from(tables.modelVersions)
      .where(eq(tables.modelVersions.modelId, tinyModel));
    tinyVersion = v!.id;
  }, 120_000);
  afterAll(() => server?.stop());

  const target = (key: "a" | "b"): EvaluationTarget => ({
    key,
    kind: "model_version",
    model_id: tinyModel,
    model_version_id: tinyVersion,
    service_id: null,
    revision_id: null,
    label: `tiny-${key}`,
    role: key === "a" ? "evaluated" : "baseline",
  });
  const PROMPTS = ["one", "two", "three", "four"];
  const create = (config: Record<string, unknown>, kind: "automatic" | "gate" = "automatic", keys = ["a"]) =>
    withTransaction(server.systemCtx, (tx) =>
      insertEvaluationRun(tx, {
        tenantId: w.tenantId,
        projectId: w.projectId,
        kind,
        name: null,
        targets: keys.map((k) => target(k as "a" | "b")),
        datasetId: null,
        datasetVersionId: null,
        config: { prompts: PROMPTS, metrics: [{ name: "exact_match" }], seed: 7, ...config },
        createdBy: w.users.developer!.id,
      }),
    );
  const row = async (id: string) =>
    (
      await server.systemCtx.db.select().from(tables.evaluationRuns).where(eq(tables.evaluationRuns.id, id))
    )[0]!;
  const setStatus = (id: string, status: "canceling" | "running") =>
    server.systemCtx.db.update(tables.evaluationRuns).set({ status }).where(eq(tables.evaluationRuns.id, id));
  const sample = (
    target: "a" | "b",
    index: number,
    output: string | null,
    extra: Partial<EvaluationSampleWrite> = {},
  ) => ({
    target,
    index,
    input: PROMPTS[index]!,
    reference: PROMPTS[index]!,
    output,
    scores: output === null ? {} : { exact_match: output === PROMPTS[index] ? 1 : 0 },
    judgeReason: null,
    slice: null,
    latencyMs: 10,
    promptTokens: 3,
    completionTokens: 1,
    error: output === null ? "HTTP 500: boom" : null,
    ...extra,
  });

  it("begin moves a queued run to running with its plan; a retry lists what is written", async () => {
    const id = await create({ sample_limit: 3 }, "automatic", ["a", "b"]);
    const start = await beginEvaluationRun({ ctx: server.systemCtx, runId: id });
    if (start.kind !== "run") throw new Error(JSON.stringify(start));
    expect(start.plan.records.map((r) => r.input)).toHaveLength(3);
    expect(start.plan.records.every((r) => r.reference === null)).toBe(true);
    expect(start.plan.generators.map((g) => g.key)).toEqual(["a", "b"]);
    expect(start.plan.generators[0]).toMatchObject({ kind: "model_version", adapter: null });
    expect(start.plan.existing).toEqual([]);
    expect(start.plan.logContent).toBe(true);
    const r = await row(id);
    expect(r).toMatchObject({ status: "running", samplesTotal: 6, samplesDone: 0 });
    expect(r.startedAt).not.toBeNull();

    const idx = start.plan.records[0]!.index;
    const first = await recordEvaluationSamples({
      ctx: server.systemCtx,
      runId: id,
      samples: [sample("a", idx, "x")],
    });
    expect(first).toMatchObject({ status: "running", written: true, samplesDone: 1 });
    // The same sample again (a retried batch) changes nothing.
    const again = await recordEvaluationSamples({
      ctx: server.systemCtx,
      runId: id,
      samples: [sample("a", idx, "y")],
    });
    expect(again.samplesDone).toBe(1);
    const [kept] = await server.systemCtx.db
      .select()
      .from(tables.evaluationSamples)
      .where(eq(tables.evaluationSamples.runId, id));
    expect(kept!.output).toBe("x");

    const retried = await beginEvaluationRun({ ctx: server.systemCtx, runId: id });
    if (retried.kind !== "run") throw new Error(JSON.stringify(retried));
    expect(retried.plan.existing).toEqual([`a:${idx}`]);
    // The same seeded subset.
    expect(retried.plan.records).toEqual(start.plan.records);
    expect((await row(id)).startedAt).toEqual(r.startedAt);

    // A cancel: the next batch is refused with the status, and the end is `canceled`, samples kept.
    await setStatus(id, "canceling");
    const refused = await recordEvaluationSamples({
      ctx: server.systemCtx,
      runId: id,
      samples: [sample("b", idx, "x")],
    });
    expect(refused).toMatchObject({ status: "canceling", written: false });
    const ended = await finishEvaluationRun({ ctx: server.systemCtx, runId: id });
    expect(ended).toMatchObject({ status: "canceled", summary: null });
    expect(ended!.finishedAt).not.toBeNull();
    expect(await beginEvaluationRun({ ctx: server.systemCtx, runId: id })).toMatchObject({ kind: "skip" });
    const [audit] = await server.systemCtx.db
      .select()
      .from(tables.auditEvents)
      .where(and(eq(tables.auditEvents.resourceId, id), eq(tables.auditEvents.action, "evaluation.cancel")));
    expect(audit).toMatchObject({ actorType: "system" });
  });

  it("a run canceled before a worker took it ends canceled at begin", async () => {
    const id = await create({});
    await setStatus(id, "canceling");
    expect(await beginEvaluationRun({ ctx: server.systemCtx, runId: id })).toEqual({
      kind: "skip",
      reason: "the run was canceled",
    });
    expect((await row(id)).status).toBe("canceled");
  });

  it("the end summarizes each target and slice, and a gate decides by the project's rules with paired deltas", async () => {
    const other = await server.systemCtx.db
      .insert(tables.evaluationGateRules)
      .values([
        {
          id: `egr_all_${w.tag}`,
          tenantId: w.tenantId,
          projectId: w.projectId,
          modelId: null,
          metric: "exact_match",
          comparator: "at_least",
          threshold: 0.5,
        },
        {
          id: `egr_prod_${w.tag}`,
          tenantId: w.tenantId,
          projectId: w.projectId,
          modelId: tinyModel,
          metric: "exact_match",
          comparator: "not_worse_than_prod",
          margin: 0,
        },
        {
          id: `egr_else_${w.tag}`,
          tenantId: w.tenantId,
          projectId: w.projectId,
          modelId: "mdl_someone_else",
          metric: "exact_match",
          comparator: "at_least",
          threshold: 1,
        },
      ])
      .returning();
    expect(other).toHaveLength(3);
    const id = await create({ slice_field: "team" }, "gate", ["a", "b"]);
    await beginEvaluationRun({ ctx: server.systemCtx, runId: id });
    // a: 3 of 4 right; b (prod): 2 of 4; slices "x" (0, 1) and "y" (2, 3).
    const slice = (i: number) => (i < 2 ? "x" : "y");
    await recordEvaluationSamples({
      ctx: server.systemCtx,
      runId: id,
      samples: [
        ...[0, 1, 2, 3].map((i) => sample("a", i, i === 3 ? "wrong" : PROMPTS[i]!, { slice: slice(i) })),
        ...[0, 1, 2, 3].map((i) => sample("b", i, i >= 2 ? "wrong" : PROMPTS[i]!, { slice: slice(i) })),
      ],
    });
    const ended = await finishEvaluationRun({ ctx: server.systemCtx, runId: id });
    expect(ended).toMatchObject({ status: "succeeded", gatePassed: true, samplesDone: 8 });
    const summary = ended!.summary as any;
    expect(summary.metrics.a.exact_match).toMatchObject({ value: 0.75, n: 4 });
    expect(summary.metrics.b.exact_match).toMatchObject({ value: 0.5, n: 4 });
    expect(summary.slices.x.a.exact_match.value).toBe(1);
    expect(summary.slices.y.a.exact_match.value).toBe(0.5);
    expect(summary.slices.y.b.exact_match.value).toBe(0);
    expect(summary.sentence).toMatch(
      /^Gate passed: tiny-a and tiny-b are within noise on exact match: tiny-a ahead by 0\.25/,
    );
    const gate = ended!.gate as any;
    // The rule of another model does not apply.
    expect(gate.rules.map((r: any) => r.rule_id).sort()).toEqual(
      [`egr_all_${w.tag}`, `egr_prod_${w.tag}`].sort(),
    );
    expect(gate.rules.find((r: any) => r.comparator === "not_worse_than_prod")).toMatchObject({
      passed: true,
      baseline_value: 0.5,
    });
    const [audit] = await server.systemCtx.db
      .select()
      .from(tables.auditEvents)
      .where(and(eq(tables.auditEvents.resourceId, id), eq(tables.auditEvents.action, "evaluation.finish")));
    expect(audit).toMatchObject({ actorType: "system", projectId: w.projectId });
    expect((audit!.after as any).gate_passed).toBe(true);

    // The rules a run names are the only ones: the strict rule of the other model fails it.
    const named = await create({ gate_rule_ids: [`egr_else_${w.tag}`] }, "gate", ["a"]);
    await beginEvaluationRun({ ctx: server.systemCtx, runId: named });
    await recordEvaluationSamples({
      ctx: server.systemCtx,
      runId: named,
      samples: [0, 1, 2, 3].map((i) => sample("a", i, i === 3 ? "wrong" : PROMPTS[i]!)),
    });
    const failedGate = await finishEvaluationRun({ ctx: server.systemCtx, runId: named });
    expect(failedGate).toMatchObject({ status: "succeeded", gatePassed: false });
    expect((failedGate!.summary as any).sentence).toMatch(
      /^Gate failed \(exact_match 0\.75 \[0\.25, 1\] is below 1\)/,
    );
  });

  it("a run whose every sample failed ends failed; a failure of a canceling run ends canceled", async () => {
    const id = await create({});
    await beginEvaluationRun({ ctx: server.systemCtx, runId: id });
    await recordEvaluationSamples({
      ctx: server.systemCtx,
      runId: id,
      samples: [0, 1, 2, 3].map((i) => sample("a", i, null)),
    });
    const ended = await finishEvaluationRun({ ctx: server.systemCtx, runId: id });
    expect(ended).toMatchObject({
      status: "failed",
      error: "every sample failed; the first: HTTP 500: boom",
    });
    expect(await failEvaluationRun({ ctx: server.systemCtx, runId: id, message: "late" })).toBeNull();

    const other = await create({});
    await beginEvaluationRun({ ctx: server.systemCtx, runId: other });
    expect(
      await failEvaluationRun({ ctx: server.systemCtx, runId: other, message: "no model" }),
    ).toMatchObject({
      status: "failed",
      error: "no model",
    });
    const canceling = await create({});
    await beginEvaluationRun({ ctx: server.systemCtx, runId: canceling });
    await setStatus(canceling, "canceling");
    expect(await failEvaluationRun({ ctx: server.systemCtx, runId: canceling, message: "x" })).toMatchObject({
      status: "canceled",
    });
  });

  it("two ends racing for one run: one writes it, the other finds it over", async () => {
    const id = await create({});
    await beginEvaluationRun({ ctx: server.systemCtx, runId: id });
    await recordEvaluationSamples({
      ctx: server.systemCtx,
      runId: id,
      samples: [0, 1, 2, 3].map((i) => sample("a", i, PROMPTS[i]!)),
    });
    const ends = await Promise.all([
      finishEvaluationRun({ ctx: server.systemCtx, runId: id }),
      finishEvaluationRun({ ctx: server.systemCtx, runId: id }),
    ]);
    expect(ends.filter(Boolean)).toHaveLength(1);
    const audits = await server.systemCtx.db
      .select()
      .from(tables.auditEvents)
      .where(and(eq(tables.auditEvents.resourceId, id), eq(tables.auditEvents.action, "evaluation.finish")));
    expect(audits).toHaveLength(1);
  });
});
