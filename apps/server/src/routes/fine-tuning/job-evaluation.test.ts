import { finishFineTuneRun, transitionJob, withTransaction } from "@infera/core";
import { and, eq, tables } from "@infera/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../main.js";
import type { HttpClient } from "../../testing/http.js";
import { startTestServer } from "../../testing/test-server.js";
import { createWorld, type World } from "../../testing/world.js";
import { seedDataset } from "../datasets/dataset-test-helpers.js";
import { putBytes, tinySafetensors } from "../models/model-test-helpers.js";
import { type JobInputs, minimalConfig, seedJobInputs } from "./fine-tuning-test-helpers.js";

describe("fine-tuning asks for an evaluation of the version it produces", () => {
  let server: RunningServer;
  let w: World;
  let dev: HttpClient;
  let inputs: JobInputs;
  let evalVersion: string;
  let files: { path: string; sha256: string }[];

  const readJob = async (jobId: string, db = server.database.db) =>
    (await db.select().from(tables.fineTuneJobs).where(eq(tables.fineTuneJobs.id, jobId)))[0]!;
  const runsOf = (versionId: string) =>
    server.database.db
      .select()
      .from(tables.evaluationRuns)
      .where(eq(tables.evaluationRuns.modelVersionId, versionId));

  /** What the scheduler and the worker do around a run that succeeds: start it, then finish it with these files. */
  async function succeed(jobId: string) {
    for (const to of ["starting", "running"] as const)
      await withTransaction(server.systemCtx, async (tx) =>
        transitionJob(tx, await readJob(jobId, tx.db), to, to),
      );
    const job = await readJob(jobId);
    const done = await finishFineTuneRun({
      ctx: server.systemCtx,
      jobId,
      attempt: job.attempt,
      outcome: { kind: "succeeded", files },
    });
    expect(done?.status).toBe("succeeded");
    return (await readJob(jobId)) as typeof job & { resultModelVersionId: string; outputModelId: string };
  }

  async function createJob(extra: Record<string, unknown>) {
    const res = await dev.post(
      `/projects/${w.projectId}/fine-tuning/jobs`,
      minimalConfig(inputs, { method: "full", ...extra }),
    );
    expect(res.status, res.text).toBe(201);
    return res.body.data.id as string;
  }

  beforeAll(async () => {
    // The api only: nothing schedules or runs the jobs behind the test's back.
    server = await startTestServer({}, { apiOnly: true });
    w = await createWorld(server.url);
    dev = w.users.developer!.client;
    inputs = await seedJobInputs(dev, w.projectId);
    evalVersion = (await seedDataset(dev, w.projectId, { rows: 6 })).versionIds[0]!;
    files = [
      { path: "model.safetensors", sha256: await putBytes(dev, w.projectId, tinySafetensors()) },
      {
        path: "config.json",
        sha256: await putBytes(dev, w.projectId, '{"model_type":"llama","max_position_embeddings":64}'),
      },
    ];
  });
  afterAll(async () => server?.stop());

  it("checks the evaluation's dataset version against the job's project when the job is created", async () => {
    const other = await createWorld(server.url);
    const foreign = (await seedDataset(other.users.developer!.client, other.projectId, { rows: 2 }))
      .versionIds[0]!;
    const res = await dev.post(
      `/projects/${w.projectId}/fine-tuning/jobs`,
      minimalConfig(inputs, { evaluation: { dataset_version_id: foreign, gate: true } }),
    );
    expect(res.status).toBe(404);
    expect(res.body.error.message).toBe(`evaluation dataset version ${foreign} not found`);
    const judge = await dev.post(
      `/projects/${w.projectId}/fine-tuning/jobs`,
      minimalConfig(inputs, {
        evaluation: { dataset_version_id: evalVersion, metrics: [{ name: "judge" }] },
      }),
    );
    expect(judge.status).toBe(422);
    const badMetric = await dev.post(
      `/projects/${w.projectId}/fine-tuning/jobs`,
      minimalConfig(inputs, {
        evaluation: { dataset_version_id: evalVersion, metrics: [{ name: "no_such_metric" }] },
      }),
    );
    expect(badMetric.status).toBe(400);
  });

  it("queues an automatic run, then a gate run against prod, in the transaction of the job's success", async () => {
    const first = await createJob({
      evaluation: { dataset_version_id: evalVersion, metrics: [{ name: "contains" }] },
    });
    const config = await dev.get(`/fine-tuning/jobs/${first}/config`);
    expect(config.body.data.evaluation).toEqual({
      dataset_version_id: evalVersion,
      gate: false,
      metrics: [{ name: "contains" }],
    });
    const job1 = await succeed(first);
    const [auto, ...more] = await runsOf(job1.resultModelVersionId);
    expect(more).toEqual([]);
    expect(auto).toMatchObject({
      kind: "automatic",
      status: "queued",
      projectId: w.projectId,
      tenantId: w.tenantId,
      datasetVersionId: evalVersion,
      gatePassed: null,
    });
    expect(auto!.config).toMatchObject({
      dataset_version_id: evalVersion,
      metrics: [{ name: "contains" }],
      seed: 42,
    });
    expect(auto!.targets).toEqual([
      expect.objectContaining({ key: "a", model_version_id: job1.resultModelVersionId, role: "evaluated" }),
    ]);
    const [item] = await server.database.db
      .select()
      .from(tables.workItems)
      .where(and(eq(tables.workItems.kind, "evaluation.run"), eq(tables.workItems.idempotencyKey, auto!.id)));
    expect(item?.payload).toEqual({ run_id: auto!.id });
    const events = await w.admin.get(`/tenants/${w.tenantId}/audit-events?action=evaluation.create`);
    expect(events.body.data.map((e: { resource_id: string }) => e.resource_id)).toContain(auto!.id);

    // The first version becomes prod; the next job adds a version to the same model and asks for a gate.
    expect(
      (await dev.put(`/models/${job1.outputModelId}/tags/prod`, { version_id: job1.resultModelVersionId }))
        .status,
    ).toBe(200);
    const second = await createJob({
      output: { model_id: job1.outputModelId },
      evaluation: { dataset_version_id: evalVersion, gate: true },
    });
    const job2 = await succeed(second);
    const [gate] = await runsOf(job2.resultModelVersionId);
    expect(gate).toMatchObject({ kind: "gate", status: "queued", datasetVersionId: evalVersion });
    expect(gate!.config).toMatchObject({ metrics: [{ name: "exact_match" }] });
    expect(gate!.targets).toEqual([
      expect.objectContaining({ key: "a", model_version_id: job2.resultModelVersionId, role: "evaluated" }),
      expect.objectContaining({ key: "b", model_version_id: job1.resultModelVersionId, role: "baseline" }),
    ]);
  });

  it("starts no run for a job that asked for none", async () => {
    const job = await succeed(await createJob({}));
    expect(await runsOf(job.resultModelVersionId)).toEqual([]);
  });
});
