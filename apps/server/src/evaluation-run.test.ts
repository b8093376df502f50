import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { EvaluationTarget } from "@infera/contracts";
import { insertEvaluationRun, pickSubset, withTransaction } from "@infera/core";
import { and, asc, eq, tables } from "@infera/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUNDLED_MODEL_DIR, type RunningServer } from "./main.js";
import { putText } from "./routes/datasets/dataset-test-helpers.js";
import { startFixedAnswerUpstream } from "./testing/fixed-answer-upstream.js";
import { startTestServer } from "./testing/test-server.js";
import { createWorld, type World } from "./testing/world.js";

const TEST_SPLIT = new URL(
  "../../../packages/runtimes/assets/examples/support-routing/test.jsonl",
  import.meta.url,
);

/** Pids of live infera-serve processes whose arguments name `dir`. */
function replicaPids(dir: string): number[] {
  return execFileSync("ps", ["-eo", "pid=,stat=,args="], { encoding: "utf8" })
    .split("\n")
    .filter((l) => l.includes("infera-serve") && l.includes(dir) && !/^\s*\d+\s+Z/.test(l))
    .map((l) => Number(l.trim().split(/\s+/)[0]));
}

/**
 * The `evaluation.run` job through a real server: infera-tiny answering through a private
 * `infera-serve` of the worker, a service revision through the real gateway, a judge service of the
 * test's own, a resumed run generating only what is missing, and a cancel mid-run.
 */
describe("evaluation runs on the worker", () => {
  const dir = mkdtempSync(join(tmpdir(), "infera-eval-run-"));
  let server: RunningServer;
  let w: World;
  let tinyVersion: string;
  let tinyModel: string;
  let datasetId: string;
  let datasetVersionId: string;
  const cleanups: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    server = await startTestServer(
      { INFERA_DATA_DIR: dir, INFERA_WORKER_POLL_MS: "100", INFERA_UPSTREAM_CHECK_SECONDS: "1" },
      { systemModelDir: BUNDLED_MODEL_DIR },
    );
    w = await createWorld(server.url);
    const dev = w.users.developer!.client;
    const models = await dev.get(`/projects/${w.projectId}/models?scope=system`);
    tinyModel = models.body.data.find((m: { name: string }) => m.name === "infera-tiny").id;
    const [v] = await server.systemCtx.db
      .select({ id: tables.modelVersions.id })
      .from(tables.modelVersions)
      .where(eq(tables.modelVersions.modelId, tinyModel));
    tinyVersion = v!.id;
    const d = await dev.post(`/projects/${w.projectId}/datasets`, { name: "support-test" });
    datasetId = d.body.data.id;
    const sha256 = await putText(dev, w.projectId, readFileSync(TEST_SPLIT));
    const version = await dev.post(`/datasets/${datasetId}/versions`, {
      files: [{ sha256, name: "test.jsonl" }],
    });
    expect(version.status, version.text).toBe(201);
    datasetVersionId = version.body.data.id;
  }, 120_000);
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c().catch(() => {});
    await server?.stop();
    for (const pid of replicaPids(dir)) process.kill(-pid, "SIGKILL");
    rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  });

  const tinyTarget = (key: "a" | "b" = "a"): EvaluationTarget => ({
    key,
    kind: "model_version",
    model_id: tinyModel,
    model_version_id: tinyVersion,
    service_id: null,
    revision_id: null,
    label: "infera-tiny:latest",
    role: key === "a" ? "evaluated" : "compared",
  });

  /** What the create route will do: a queued run and its job, in one transaction. */
  const createRun = (
    targets: EvaluationTarget[],
    config: Record<string, unknown>,
    kind: "automatic" | "side_by_side" | "gate" = "automatic",
    before?: (tx: any, runId: string) => Promise<void>,
  ) =>
    withTransaction(server.systemCtx, async (tx) => {
      const id = await insertEvaluationRun(tx, {
        tenantId: w.tenantId,
        projectId: w.projectId,
        kind,
        name: null,
        targets,
        datasetId,
        datasetVersionId,
        config: { seed: 42, generation: { temperature: 0, top_p: 1, max_tokens: 8 }, ...config },
        createdBy: w.users.developer!.id,
      });
      await before?.(tx, id);
      return id;
    });

  const runRow = async (id: string) =>
    (
      await server.systemCtx.db.select().from(tables.evaluationRuns).where(eq(tables.evaluationRuns.id, id))
    )[0]!;
  const samplesOf = (id: string) =>
    server.systemCtx.db
      .select()
      .from(tables.evaluationSamples)
      .where(eq(tables.evaluationSamples.runId, id))
      .orderBy(asc(tables.evaluationSamples.target), asc(tables.evaluationSamples.index));
  const until = async (id: string, done: (r: any) => boolean, ms = 180_000) => {
    for (const end = Date.now() + ms; ; await new Promise((r) => setTimeout(r, 100))) {
      const r = await runRow(id);
      if (done(r)) return r;
      if (Date.now() > end) throw new Error(`run ${id}: ${JSON.stringify(r).slice(0, 1000)}`);
    }
  };
  const FINISHED = ["succeeded", "failed", "canceled"];

  it("generates with infera-tiny through a private infera-serve and scores the example test split", async () => {
    const id = await createRun([tinyTarget()], {
      sample_limit: 6,
      metrics: [
        { name: "exact_match" },
        { name: "contains" },
        { name: "latency_ms" },
        { name: "completion_tokens" },
      ],
    });
    const run = await until(id, (r) => FINISHED.includes(r.status));
    expect(run.error).toBeNull();
    expect(run).toMatchObject({ status: "succeeded", samplesTotal: 6, samplesDone: 6, gatePassed: null });
    expect(run.startedAt).not.toBeNull();
    expect(run.finishedAt).not.toBeNull();
    const samples = await samplesOf(id);
    expect(samples).toHaveLength(6);
    // The seeded subset: six distinct records of the 200, in the data's order.
    const indices = samples.map((s) => s.index);
    expect([...indices].sort((a, b) => a - b)).toEqual(indices);
    expect(new Set(indices).size).toBe(6);
    const lines = readFileSync(TEST_SPLIT, "utf8").trim().split("\n");
    for (const s of samples) {
      const record = JSON.parse(lines[s.index]!);
      expect(s.error).toBeNull();
      expect(typeof s.output).toBe("string");
      expect(s.reference).toBe(record.messages.at(-1).content);
      expect(s.input).toEqual(record.messages.slice(0, -1));
      expect(s.latencyMs).toBeGreaterThan(0);
      expect(s.completionTokens).toBeGreaterThan(0);
      expect(s.promptTokens).toBeGreaterThan(0);
      expect(s.scores.exact_match).toBe(s.output!.trim() === s.reference ? 1 : 0);
      expect(s.scores.latency_ms).toBe(s.latencyMs);
    }
    const summary = run.summary as any;
    expect(summary.metrics.a.exact_match.n).toBe(6);
    expect(summary.metrics.a.latency_ms.value).toBeGreaterThan(0);
    expect(summary.sentence).toMatch(/^exact match [\d.]+ \[[\d.]+, [\d.]+\] on 6 samples/);
    // The same sentence as data, for the console to say in its language.
    expect(summary.sentence_parts).toMatchObject({
      form: "single",
      metric: "exact_match",
      figure: { value: summary.metrics.a.exact_match.value, n: 6 },
    });
    const [audit] = await server.systemCtx.db
      .select()
      .from(tables.auditEvents)
      .where(and(eq(tables.auditEvents.resourceId, id), eq(tables.auditEvents.action, "evaluation.finish")));
    expect(audit).toMatchObject({ actorType: "system", projectId: w.projectId });
    // The replica was the run's own and is gone with it.
    expect(replicaPids(join(dir, "workspaces", "evaluations"))).toEqual([]);
    expect(readdirSync(join(dir, "workspaces", "evaluations"))).toEqual([]);
    // The same seed picks the same records.
    const again = await createRun([tinyTarget()], { sample_limit: 6, metrics: [{ name: "exact_match" }] });
    await until(again, (r) => FINISHED.includes(r.status));
    expect((await samplesOf(again)).map((s) => s.index)).toEqual(indices);
  }, 240_000);

  it("scores the references' loss and perplexity with infera-tiny's own replica", async () => {
    const id = await createRun([tinyTarget()], {
      sample_limit: 6,
      metrics: [{ name: "exact_match" }, { name: "loss" }, { name: "perplexity" }],
    });
    const run = await until(id, (r) => FINISHED.includes(r.status));
    expect(run.error).toBeNull();
    expect(run.status).toBe("succeeded");
    const samples = await samplesOf(id);
    let nll = 0;
    let tokens = 0;
    for (const s of samples) {
      expect(s.error).toBeNull();
      expect(Number.isFinite(s.scores.loss)).toBe(true);
      expect(s.scores.loss).toBeGreaterThan(0);
      expect(s.scores.perplexity).toBeCloseTo(Math.exp(s.scores.loss!), 9);
      // The reference's tokens and the end-of-turn token that closes it.
      expect(s.referenceTokens).toBeGreaterThanOrEqual(2);
      nll += s.scores.loss! * s.referenceTokens!;
      tokens += s.referenceTokens!;
    }
    const { loss, perplexity } = (run.summary as any).metrics.a;
    expect(loss.n).toBe(6);
    expect(perplexity.n).toBe(6);
    expect(loss.value).toBeCloseTo(nll / tokens, 9);
    expect(Math.abs(perplexity.value - Math.exp(loss.value))).toBeLessThan(1e-9 * perplexity.value);
    expect(loss.ci_low).toBeLessThanOrEqual(loss.value);
    expect(loss.ci_high).toBeGreaterThanOrEqual(loss.value);
  }, 240_000);

  it("a retried run generates only the samples it is missing", async () => {
    const lines = readFileSync(TEST_SPLIT, "utf8").trim().split("\n");
    const subset = pickSubset(
      lines.map((_, index) => ({ index })),
      5,
      42,
    ).map((r) => r.index);
    // Two samples of the subset written by an earlier attempt that was cut off (the run still running).
    const id = await createRun(
      [tinyTarget()],
      { sample_limit: 5, metrics: [{ name: "exact_match" }] },
      "automatic",
      async (tx, runId) => {
        await tx.db
          .update(tables.evaluationRuns)
          .set({ status: "running", samplesDone: 2 })
          .where(eq(tables.evaluationRuns.id, runId));
        for (const index of subset.slice(0, 2)) {
          const messages = JSON.parse(lines[index]!).messages;
          await tx.db.insert(tables.evaluationSamples).values({
            runId,
            target: "a",
            index,
            input: messages.slice(0, -1),
            reference: messages.at(-1).content,
            output: "from the first attempt",
            scores: { exact_match: 0 },
          });
        }
      },
    );
    const run = await until(id, (r) => FINISHED.includes(r.status));
    expect(run).toMatchObject({ status: "succeeded", samplesTotal: 5, samplesDone: 5 });
    const samples = await samplesOf(id);
    expect(samples.map((s) => s.index)).toEqual(subset);
    // The two written before stay as they were; the three others were generated once each.
    expect(samples.filter((s) => s.output === "from the first attempt").map((s) => s.index)).toEqual(
      subset.slice(0, 2),
    );
    expect(samples.slice(2).every((s) => s.output !== "from the first attempt" && s.latencyMs! > 0)).toBe(
      true,
    );
    expect((run.summary as any).metrics.a.exact_match.n).toBe(5);
  }, 240_000);

  it("a cancel stops the run within a batch; its samples are kept", async () => {
    const id = await createRun([tinyTarget()], {
      metrics: [{ name: "exact_match" }],
      generation: { temperature: 0, top_p: 1, max_tokens: 32 },
    });
    await until(id, (r) => r.samplesDone >= 8);
    // What the cancel route does to a running run.
    await server.systemCtx.db
      .update(tables.evaluationRuns)
      .set({ status: "canceling" })
      .where(eq(tables.evaluationRuns.id, id));
    const run = await until(id, (r) => FINISHED.includes(r.status), 60_000);
    expect(run.status).toBe("canceled");
    const samples = await samplesOf(id);
    expect(samples.length).toBeGreaterThanOrEqual(8);
    expect(samples.length).toBeLessThan(200);
    expect(run.summary).toBeNull();
    for (const end = Date.now() + 10_000; replicaPids(join(dir, "workspaces", "evaluations")).length; )
      if (Date.now() > end) throw new Error("the run's replica outlived its cancel");
      else await new Promise((r) => setTimeout(r, 100));
  }, 240_000);

  it("a service revision answers through the gateway, judged by a service of the project", async () => {
    const answers = await startFixedAnswerUpstream("billing", { chunks: 1 });
    const judge = await startFixedAnswerUpstream("Score: 4. Reason: it names a team", { chunks: 1 });
    cleanups.push(answers.close, judge.close);
    const owner = w.users.owner!.client;
    const service = async (name: string, baseUrl: string) => {
      const created = await owner.post(`/projects/${w.projectId}/services`, {
        name,
        exposure: "private",
        config: {
          model: { model_id: tinyModel, tag: "latest" },
          runtime: { kind: "openai-compatible", base_url: baseUrl },
          resources: { resource_class: "cpu-2" },
        },
      });
      expect(created.status, created.text).toBe(201);
      for (const end = Date.now() + 30_000; ; await new Promise((r) => setTimeout(r, 200))) {
        const svc = (await owner.get(`/services/${created.body.data.id}`)).body.data;
        if (svc.revisions[0].current_state === "ready") break;
        if (Date.now() > end) throw new Error("the service never became ready");
      }
      return { id: created.body.data.id as string, revisionId: created.body.data.revisions[0].id as string };
    };
    const bot = await service("router", answers.baseUrl);
    const grader = await service("grader", judge.baseUrl);
    const id = await createRun(
      [
        {
          key: "a",
          kind: "service_revision",
          model_id: null,
          model_version_id: null,
          service_id: bot.id,
          revision_id: bot.revisionId,
          label: "router@1",
          role: "evaluated",
        },
      ],
      {
        sample_limit: 10,
        metrics: [
          { name: "contains" },
          { name: "judge", judge_service_id: grader.id, rubric: "Is it the right team?" },
        ],
      },
    );
    const run = await until(id, (r) => FINISHED.includes(r.status));
    expect(run.error).toBeNull();
    expect(run.status).toBe("succeeded");
    const samples = await samplesOf(id);
    expect(samples).toHaveLength(10);
    for (const s of samples) {
      expect(s.output).toBe("billing0");
      expect(s.scores.contains).toBe(s.reference === "billing" ? 1 : 0);
      expect(s.scores.judge).toBe(4);
      expect(s.judgeReason).toMatch(/it names a team/);
      expect(s.completionTokens).toBe(1);
    }
    // Pinned to the revision, with the generation parameters; the judge saw prompt, reference and answer.
    const calls = answers.calls.filter((c) => c.path.endsWith("/chat/completions"));
    expect(calls).toHaveLength(10);
    expect(calls[0]!.body).toMatchObject({ temperature: 0, max_tokens: 8 });
    const graded = judge.calls.filter((c) => c.path.endsWith("/chat/completions"));
    expect(graded).toHaveLength(10);
    const content = graded[0]!.body.messages.at(-1).content as string;
    expect(content).toContain("Is it the right team?");
    expect(content).toContain("billing0");
    expect((run.summary as any).metrics.a.judge).toMatchObject({ value: 4, n: 10 });

    // A judge whose answer has no 1–5 score gives none, with a note; the run still succeeds.
    const unsure = await createRun([{ ...(run.targets as EvaluationTarget[])[0]! }], {
      sample_limit: 3,
      metrics: [{ name: "contains" }, { name: "judge", judge_service_id: bot.id }],
    });
    const ended = await until(unsure, (r) => FINISHED.includes(r.status));
    expect(ended.status).toBe("succeeded");
    for (const s of await samplesOf(unsure)) {
      expect(s.scores.judge).toBeUndefined();
      expect(s.judgeReason).toBe("the judge's answer had no 1–5 score: billing0");
    }
    expect((ended.summary as any).metrics.a.judge).toMatchObject({ value: null, n: 0 });

    // A judge of another project is never called: the run fails at its start.
    const foreign = await createRun([{ ...(run.targets as EvaluationTarget[])[0]! }], {
      sample_limit: 3,
      metrics: [{ name: "judge", judge_service_id: "svc_not_in_this_project" }],
    });
    const refused = await until(foreign, (r) => FINISHED.includes(r.status));
    expect(refused).toMatchObject({
      status: "failed",
      error: "the judge service svc_not_in_this_project does not exist in this project",
    });
  }, 240_000);
});
