import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { EvaluationTarget, GateOutcome, RegressionPrompt } from "@infera/contracts";
import { insertEvaluationRun, REGRESSION_INDEX_BASE, withTransaction } from "@infera/core";
import { asc, eq, tables } from "@infera/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUNDLED_MODEL_DIR, type RunningServer } from "./main.js";
import { startTestServer } from "./testing/test-server.js";
import { createWorld, type World } from "./testing/world.js";

function replicaPids(dir: string): number[] {
  return execFileSync("ps", ["-eo", "pid=,stat=,args="], { encoding: "utf8" })
    .split("\n")
    .filter((l) => l.includes("infera-serve") && l.includes(dir) && !/^\s*\d+\s+Z/.test(l))
    .map((l) => Number(l.trim().split(/\s+/)[0]));
}

const NEVER = "zz-never-said-zz";

/**
 * Gate rules `pass_rate_at_least` through a real server: infera-tiny answers each regression prompt
 * through the worker's private `infera-serve`, each answer is judged by its prompt's checks, the
 * outcome names the failing prompts, and a resumed run generates no prompt twice.
 */
describe("regression prompt gates on the worker", () => {
  const dir = mkdtempSync(join(tmpdir(), "infera-eval-regress-"));
  let server: RunningServer;
  let w: World;
  let tinyVersion: string;
  let tinyModel: string;

  beforeAll(async () => {
    server = await startTestServer(
      { INFERA_DATA_DIR: dir, INFERA_WORKER_POLL_MS: "100" },
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
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    for (const pid of replicaPids(dir)) process.kill(-pid, "SIGKILL");
    rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  });

  const runRow = async (id: string) =>
    (
      await server.systemCtx.db.select().from(tables.evaluationRuns).where(eq(tables.evaluationRuns.id, id))
    )[0]!;
  const until = async (id: string, ms = 180_000) => {
    for (const end = Date.now() + ms; ; await new Promise((r) => setTimeout(r, 100))) {
      const r = await runRow(id);
      if (["succeeded", "failed", "canceled"].includes(r.status)) return r;
      if (Date.now() > end) throw new Error(`run ${id}: ${JSON.stringify(r).slice(0, 1000)}`);
    }
  };
  const createRule = async (threshold: number, prompts: RegressionPrompt[]) => {
    // Rules are the project owner's to set.
    const res = await w.users.owner!.client.post(`/projects/${w.projectId}/evaluation-gate-rules`, {
      comparator: "pass_rate_at_least",
      threshold,
      prompts,
    });
    expect(res.status, res.text).toBe(201);
    return res.body.data.id as string;
  };

  it("passes or fails each rule by its prompts' checks and names the failing prompts", async () => {
    const dev = w.users.developer!.client;
    const strict = await createRule(0.9, [
      { prompt: "Hello", checks: [{ kind: "not_contains", text: NEVER }] },
      {
        prompt: "Route this ticket: my invoice is wrong",
        checks: [
          { kind: "not_contains", text: NEVER },
          { kind: "exact", text: "an answer infera-tiny never gives" },
        ],
      },
      {
        prompt: "Answer in JSON",
        checks: [{ kind: "json_schema", schema: { type: "object", required: ["route"] } }],
      },
    ]);
    const lenient = await createRule(1, [
      { prompt: "Good morning", checks: [{ kind: "not_contains", text: NEVER }] },
    ]);
    // No dataset: the regression prompts are the whole run.
    const created = await dev.post(`/projects/${w.projectId}/evaluations`, {
      kind: "gate",
      targets: [{ model_version_id: tinyVersion }],
      gate_rule_ids: [strict, lenient],
      generation: { max_tokens: 8 },
    });
    expect(created.status, created.text).toBe(201);
    const run = await until(created.body.data.id);
    expect(run.error).toBeNull();
    expect(run).toMatchObject({ status: "succeeded", samplesTotal: 4, samplesDone: 4, gatePassed: false });

    const got = await dev.get(`/evaluations/${run.id}`);
    const gate = got.body.data.gate as GateOutcome;
    const [s, l] = gate.rules;
    expect(s).toMatchObject({
      rule_id: strict,
      metric: "regression_pass_rate",
      comparator: "pass_rate_at_least",
      threshold: 0.9,
      passed: false,
      regression: { passed: 1, total: 3 },
    });
    expect(s!.value).toBeCloseTo(1 / 3, 10);
    expect(s!.ci_low!).toBeLessThanOrEqual(s!.value!);
    expect(s!.ci_high!).toBeGreaterThanOrEqual(s!.value!);
    expect(s!.regression!.failures.map((f) => [f.index, f.prompt_index, f.prompt])).toEqual([
      [REGRESSION_INDEX_BASE + 1, 1, "Route this ticket: my invoice is wrong"],
      [REGRESSION_INDEX_BASE + 2, 2, "Answer in JSON"],
    ]);
    expect(s!.regression!.failures[0]!.reason).toMatch(
      /^checks\[1\] exact: is ".*", expected "an answer infera-tiny never gives"$/,
    );
    expect(s!.regression!.failures[1]!.reason).toMatch(
      /^checks\[0\] json_schema: (is not valid JSON|does not conform)/,
    );
    expect(s!.reason).toMatch(/^1 of 3 regression prompts passed: 0\.33 .* below 0\.90; failing: #1 /);
    expect(l).toMatchObject({
      rule_id: lenient,
      passed: true,
      value: 1,
      regression: { passed: 1, total: 1, failures: [] },
    });
    expect(got.body.data.summary.sentence).toMatch(/^Gate failed \(1 of 3 regression prompts passed/);

    // The samples list shows a rule's failing prompts with each check's verdict (the Gate tab links here).
    const failing = await dev.get(`/evaluations/${run.id}/samples?gate_rule_id=${strict}&failed=true`);
    expect(failing.status, failing.text).toBe(200);
    expect(failing.body.data.map((x: { index: number }) => x.index)).toEqual([
      REGRESSION_INDEX_BASE + 1,
      REGRESSION_INDEX_BASE + 2,
    ]);
    expect(failing.body.data[0].regression).toMatchObject({
      rule_id: strict,
      prompt_index: 1,
      passed: false,
      checks: [
        { kind: "not_contains", passed: true, reason: null },
        { kind: "exact", passed: false },
      ],
    });
    expect(typeof failing.body.data[0].output).toBe("string");
    // The CSV report carries the same verdicts: a row per regression prompt with its rule, position,
    // verdict and the failed checks' reasons.
    const csv = await dev.get(`/evaluations/${run.id}/export?format=csv`);
    expect(csv.status, csv.text).toBe(200);
    const [header, ...lines] = csv.text.trim().split("\r\n");
    expect(header!.split(",").slice(-4)).toEqual([
      "regression_rule_id",
      "regression_prompt_index",
      "regression_passed",
      "regression_failed_checks",
    ]);
    expect(lines).toHaveLength(4);
    const routeRow = lines.find((l) => l.startsWith(`${REGRESSION_INDEX_BASE + 1},a,`))!;
    expect(routeRow).toContain(`,${strict},1,false,`);
    expect(routeRow).toMatch(/checks\[1\] exact: is .*expected ""?an answer infera-tiny never gives/);
    expect(lines.find((l) => l.startsWith(`${REGRESSION_INDEX_BASE},a,`))).toMatch(
      new RegExp(`,${strict},0,true,$`),
    );
    const ofLenient = await dev.get(`/evaluations/${run.id}/samples?gate_rule_id=${lenient}`);
    expect(ofLenient.body.data.map((x: { index: number }) => x.index)).toEqual([
      REGRESSION_INDEX_BASE + 1000,
    ]);
  }, 240_000);

  it("a resumed run generates only the regression prompts it is missing", async () => {
    const ruleId = await createRule(1, [
      { prompt: "First", checks: [{ kind: "exact", text: "from the first attempt" }] },
      { prompt: "Second", checks: [{ kind: "not_contains", text: NEVER }] },
    ]);
    const target: EvaluationTarget = {
      key: "a",
      kind: "model_version",
      model_id: tinyModel,
      model_version_id: tinyVersion,
      service_id: null,
      revision_id: null,
      label: "infera-tiny:latest",
      role: "evaluated",
    };
    // Prompt 0 was answered by an attempt that was cut off (the run still running): it stays as written.
    const id = await withTransaction(server.systemCtx, async (tx) => {
      const runId = await insertEvaluationRun(tx, {
        tenantId: w.tenantId,
        projectId: w.projectId,
        kind: "gate",
        name: null,
        targets: [target],
        datasetId: null,
        datasetVersionId: null,
        config: {
          seed: 42,
          generation: { temperature: 0, top_p: 1, max_tokens: 8 },
          gate_rule_ids: [ruleId],
        },
        createdBy: w.users.developer!.id,
      });
      await tx.db
        .update(tables.evaluationRuns)
        .set({ status: "running", samplesDone: 1 })
        .where(eq(tables.evaluationRuns.id, runId));
      await tx.db.insert(tables.evaluationSamples).values({
        runId,
        target: "a",
        index: REGRESSION_INDEX_BASE,
        input: "First",
        output: "from the first attempt",
        scores: {},
        regression: {
          rule_id: ruleId,
          prompt_index: 0,
          passed: true,
          checks: [{ kind: "exact", passed: true, reason: null }],
        },
      });
      return runId;
    });
    const run = await until(id);
    expect(run).toMatchObject({ status: "succeeded", samplesTotal: 2, samplesDone: 2, gatePassed: true });
    const samples = await server.systemCtx.db
      .select()
      .from(tables.evaluationSamples)
      .where(eq(tables.evaluationSamples.runId, id))
      .orderBy(asc(tables.evaluationSamples.index));
    expect(samples.map((x) => [x.index, x.output === "from the first attempt"])).toEqual([
      [REGRESSION_INDEX_BASE, true],
      [REGRESSION_INDEX_BASE + 1, false],
    ]);
    expect(samples[1]!.latencyMs).toBeGreaterThan(0);
  }, 240_000);
});
