import type { FineTuneJobStatus } from "@infera/contracts";
import { DomainError, type JobChanges, transitionJob, withTransaction } from "@infera/core";
import { eq, tables } from "@infera/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../main.js";
import type { HttpClient } from "../../testing/http.js";
import { startTestServer } from "../../testing/test-server.js";
import { createWorld, type World } from "../../testing/world.js";
import { seedDataset } from "../datasets/dataset-test-helpers.js";
import { seedModel } from "../models/model-test-helpers.js";
import { type JobInputs, minimalConfig, seedJob, seedJobInputs } from "./fine-tuning-test-helpers.js";

describe("fine-tuning job lifecycle: cancel, retry, clone, delete, references, audit", () => {
  let server: RunningServer;
  let w: World;
  let dev: HttpClient;
  let inputs: JobInputs;

  const readRow = async (jobId: string, db = server.database.db) =>
    (await db.select().from(tables.fineTuneJobs).where(eq(tables.fineTuneJobs.id, jobId)))[0]!;
  /**
   * What the scheduler and worker will do: a transition through core's state machine, as the
   * platform, reading the row inside the transaction (PGlite has one connection).
   */
  const transition = (jobId: string, to: FineTuneJobStatus, reason: string, set: JobChanges = {}) =>
    withTransaction(server.systemCtx, async (tx) =>
      transitionJob(tx, await readRow(jobId, tx.db), to, reason, { set }),
    );
  const getJob = async (jobId: string, client = dev) => {
    const res = await client.get(`/fine-tuning/jobs/${jobId}`);
    expect(res.status, res.text).toBe(200);
    return res.body.data;
  };
  const steps = (job: { transitions: { from: string | null; to: string; reason: string }[] }) =>
    job.transitions.map((t) => `${t.from ?? "∅"}→${t.to}:${t.reason}`);

  beforeAll(async () => {
    server = await startTestServer();
    w = await createWorld(server.url);
    dev = w.users.developer!.client;
    inputs = await seedJobInputs(dev, w.projectId);
  });
  afterAll(async () => server?.stop());

  it("cancels a queued job at once; a second cancel answers 409 with the job's status", async () => {
    const { id } = await seedJob(dev, w.projectId, inputs);
    const res = await dev.post(`/fine-tuning/jobs/${id}/cancel`);
    expect(res.status, res.text).toBe(200);
    expect(res.body.data).toMatchObject({ id, status: "canceled", attempt: 1 });
    expect(res.body.data.finished_at).toBe(res.body.data.transitions[1].at);
    expect(steps(res.body.data)).toEqual(["∅→queued:created", "queued→canceled:canceled"]);
    expect(res.body.data.transitions[1].actor_id).toBe(w.users.developer!.id);
    const again = await dev.post(`/fine-tuning/jobs/${id}/cancel`);
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: "conflict", details: { status: "canceled" } });
    expect((await w.users.viewer!.client.post(`/fine-tuning/jobs/${id}/cancel`)).status).toBe(403);
  });

  it("moves a running job to canceling, which the worker ends as canceled; a starting job cancels at once", async () => {
    const { id } = await seedJob(dev, w.projectId, inputs);
    await transition(id, "starting", "scheduled");
    await transition(id, "running", "started");
    const running = await getJob(id);
    expect(running.status).toBe("running");
    expect(running.started_at).toBe(running.transitions[2].at);
    const res = await dev.post(`/fine-tuning/jobs/${id}/cancel`);
    expect(res.status, res.text).toBe(200);
    expect(res.body.data).toMatchObject({ status: "canceling", finished_at: null });
    const again = await dev.post(`/fine-tuning/jobs/${id}/cancel`);
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain("already being canceled");
    await transition(id, "canceled", "stopped after a checkpoint");
    const done = await getJob(id);
    expect(steps(done)).toEqual([
      "∅→queued:created",
      "queued→starting:scheduled",
      "starting→running:started",
      "running→canceling:canceled",
      "canceling→canceled:stopped after a checkpoint",
    ]);
    expect(done.transitions.map((t: { seq: number }) => t.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(done.transitions[4].actor_id).toBeNull();

    const starting = await seedJob(dev, w.projectId, inputs);
    await transition(starting.id, "starting", "scheduled");
    const canceled = await dev.post(`/fine-tuning/jobs/${starting.id}/cancel`);
    expect(canceled.body.data.status).toBe("canceled");
  });

  it("refuses transitions the table does not allow, and the writer holding a stale status loses with 409", async () => {
    const { id } = await seedJob(dev, w.projectId, inputs);
    const err = await transition(id, "succeeded", "finished").catch((e) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect(err.code).toBe("conflict");
    expect(err.message).toBe(
      "a queued job cannot become succeeded (it can become starting, canceled, failed)",
    );

    const stale = await readRow(id);
    await transition(id, "starting", "scheduled");
    const lost = await withTransaction(server.systemCtx, (tx) =>
      transitionJob(tx, stale, "canceled", "late"),
    ).catch((e) => e);
    expect(lost).toBeInstanceOf(DomainError);
    expect(lost.code).toBe("conflict");
    expect(lost.details).toEqual({ status: "starting", to: "canceled" });
    const job = await getJob(id);
    expect(job.status).toBe("starting");
    expect(steps(job)).toEqual(["∅→queued:created", "queued→starting:scheduled"]);

    await transition(id, "running", "started");
    await transition(id, "succeeded", "completed");
    const after = await transition(id, "queued", "again").catch((e) => e);
    expect(after.code).toBe("conflict");
    expect(after.message).toBe("a succeeded job cannot become queued");
    expect((await dev.post(`/fine-tuning/jobs/${id}/retry`)).status).toBe(409);
  });

  it("keeps one consistent timeline when a user's cancel races the worker finishing the job", async () => {
    for (let i = 0; i < 4; i++) {
      const { id } = await seedJob(dev, w.projectId, inputs);
      await transition(id, "starting", "scheduled");
      await transition(id, "running", "started");
      const [cancel, finish] = await Promise.allSettled([
        dev.post(`/fine-tuning/jobs/${id}/cancel`),
        transition(id, "succeeded", "completed"),
      ]);
      const job = await getJob(id);
      const chain = job.transitions as { seq: number; from: string | null; to: string }[];
      chain.forEach((t, k) => {
        expect(t.seq).toBe(k + 1);
        if (k > 0) expect(t.from).toBe(chain[k - 1]!.to);
      });
      expect(chain.at(-1)!.to).toBe(job.status);
      const cancelled = cancel.status === "fulfilled" && cancel.value.status === 200;
      if (!cancelled && cancel.status === "fulfilled") expect(cancel.value.status).toBe(409);
      // Whoever lost saw a 409; the job ends succeeded (the finish won or came after the cancel) or
      // canceling (the cancel won and the finish, read as running, was refused).
      if (finish.status === "rejected") {
        expect((finish.reason as DomainError).code).toBe("conflict");
        expect(job.status).toBe("canceling");
      } else expect(job.status).toBe("succeeded");
      expect(cancelled || finish.status === "fulfilled").toBe(true);
    }
  });

  it("retries a failed job under the same id: next attempt, failure cleared, timeline kept", async () => {
    const { id } = await seedJob(dev, w.projectId, inputs);
    expect((await dev.post(`/fine-tuning/jobs/${id}/retry`)).status).toBe(409);
    await transition(id, "starting", "scheduled");
    await transition(id, "running", "started");
    await transition(id, "failed", "runtime failed", {
      failureReason: "out_of_memory",
      failureMessage: "needs 9 GiB, the class has 4 GiB",
      failureSuggestion: "halve batch_size and double gradient_accumulation_steps",
    });
    const failed = await getJob(id);
    expect(failed).toMatchObject({
      status: "failed",
      failure: {
        reason: "out_of_memory",
        message: "needs 9 GiB, the class has 4 GiB",
        suggestion: "halve batch_size and double gradient_accumulation_steps",
      },
    });
    expect(failed.finished_at).not.toBeNull();
    expect((await w.users.viewer!.client.post(`/fine-tuning/jobs/${id}/retry`)).status).toBe(403);
    const res = await dev.post(`/fine-tuning/jobs/${id}/retry`);
    expect(res.status, res.text).toBe(200);
    expect(res.body.data).toMatchObject({
      id,
      status: "queued",
      attempt: 2,
      failure: null,
      started_at: null,
      finished_at: null,
      config: failed.config,
      base_model_version_id: failed.base_model_version_id,
    });
    expect(res.body.data.queued_at).toBe(res.body.data.transitions[4].at);
    expect(steps(res.body.data)).toEqual([
      "∅→queued:created",
      "queued→starting:scheduled",
      "starting→running:started",
      "running→failed:runtime failed",
      "failed→queued:retried",
    ]);
  });

  it("clones a job of any status into a new queued job, with overrides, resolving tags again", async () => {
    const m = await seedModel(dev, w.projectId, { versions: 2 });
    const source = await seedJob(dev, w.projectId, { ...inputs, modelId: m.modelId }, { name: "first try" });
    await transition(source.id, "starting", "scheduled");
    expect((await dev.put(`/models/${m.modelId}/tags/latest`, { version_id: m.versionIds[0] })).status).toBe(
      200,
    );
    const res = await dev.post(`/fine-tuning/jobs/${source.id}/clone`, { method: "full", epochs: 3 });
    expect(res.status, res.text).toBe(201);
    const clone = res.body.data;
    const original = await getJob(source.id);
    expect(clone.id).not.toBe(source.id);
    expect(clone).toMatchObject({
      status: "queued",
      attempt: 1,
      name: "first try",
      method: "full",
      artifact_type: "full",
      base_model_version_id: m.versionIds[0],
      dataset_version_id: inputs.datasetVersionId,
    });
    expect(original.base_model_version_id).toBe(m.versionIds[1]);
    expect(clone.config).toEqual({
      ...original.config,
      method: "full",
      epochs: 3,
      output: { ...original.config.output, artifact_type: "full" },
    });
    expect(steps(clone)).toEqual([`∅→queued:cloned from ${source.id}`]);

    const d = await seedDataset(dev, w.projectId, { versions: 2 });
    const withValidation = await dev.post(`/fine-tuning/jobs/${source.id}/clone`, {
      dataset_version_id: d.versionIds[0],
      validation_dataset_version_id: d.versionIds[1],
    });
    expect(withValidation.status, withValidation.text).toBe(201);
    expect(withValidation.body.data.config.validation_split).toBeUndefined();
    expect(withValidation.body.data.validation_dataset_version_id).toBe(d.versionIds[1]);

    const bad = await dev.post(`/fine-tuning/jobs/${source.id}/clone`, { ddp: true });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields[0].path).toBe("ddp");
    expect((await dev.post(`/fine-tuning/jobs/${source.id}/clone`, { surprise: 1 })).status).toBe(400);
    expect((await w.users.viewer!.client.post(`/fine-tuning/jobs/${source.id}/clone`, {})).status).toBe(403);
  });

  it("exports a configuration that imports as the same job", async () => {
    const { id } = await seedJob(dev, w.projectId, inputs, {
      name: "exported",
      lora: { rank: 16, alpha: 32 },
    });
    const exported = await w.users.viewer!.client.get(`/fine-tuning/jobs/${id}/config`);
    expect(exported.status).toBe(200);
    const job = await getJob(id);
    expect(exported.body.data).toEqual(job.config);
    expect(exported.body.data.lora).toEqual({
      rank: 16,
      alpha: 32,
      dropout: 0,
      target_modules: ["attn_q", "attn_v"],
    });
    const imported = await dev.post(`/projects/${w.projectId}/fine-tuning/jobs`, exported.body.data);
    expect(imported.status, imported.text).toBe(201);
    expect(imported.body.data.config).toEqual(job.config);
    expect(imported.body.data.id).not.toBe(id);
  });

  it("deletes only finished jobs; a model version the job registered stays", async () => {
    const { id } = await seedJob(dev, w.projectId, inputs);
    const refused = await dev.delete(`/fine-tuning/jobs/${id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.details).toEqual({ status: "queued" });
    const result = await seedModel(dev, w.projectId);
    await transition(id, "starting", "scheduled");
    await transition(id, "running", "started");
    await transition(id, "succeeded", "completed", { resultModelVersionId: result.versionIds[0] });
    expect((await getJob(id)).result_model_version_id).toBe(result.versionIds[0]);
    expect((await w.users.viewer!.client.delete(`/fine-tuning/jobs/${id}`)).status).toBe(403);
    expect((await dev.delete(`/fine-tuning/jobs/${id}`)).status).toBe(204);
    expect((await dev.get(`/fine-tuning/jobs/${id}`)).status).toBe(404);
    expect(
      await server.database.db
        .select()
        .from(tables.fineTuneJobTransitions)
        .where(eq(tables.fineTuneJobTransitions.jobId, id)),
    ).toEqual([]);
    expect((await dev.get(`/model-versions/${result.versionIds[0]}`)).status).toBe(200);
  });

  it("keeps the dataset and model versions a job uses from deletion, listing the job", async () => {
    const owner = w.users.owner!.client;
    const own = await seedJobInputs(dev, w.projectId);
    const d = await seedDataset(dev, w.projectId, { versions: 2 });
    const target = await seedModel(dev, w.projectId);
    const { id } = await seedJob(dev, w.projectId, own, {
      dataset_version_id: d.versionIds[0],
      validation_dataset_version_id: d.versionIds[1],
      output: { model_id: target.modelId },
    });
    const dependant = {
      type: "fine_tune_job",
      id,
      name: `${id} (queued)`,
      project_id: w.projectId,
      href: `/api/v1/fine-tuning/jobs/${id}`,
    };
    for (const path of [
      `/dataset-versions/${d.versionIds[0]}`,
      `/dataset-versions/${d.versionIds[1]}`,
      `/datasets/${d.datasetId}`,
      `/model-versions/${own.versionId}`,
      `/models/${target.modelId}`,
    ]) {
      const res = await owner.delete(path);
      expect(res.status, `${path}: ${res.text}`).toBe(409);
      expect(res.body.error.code).toBe("resource_in_use");
      expect(res.body.error.details.dependants, path).toContainEqual(dependant);
    }
    const usage = await dev.get(`/dataset-versions/${d.versionIds[0]}/usage`);
    expect(usage.body.data.dependants).toContainEqual(dependant);

    expect((await dev.post(`/fine-tuning/jobs/${id}/cancel`)).status).toBe(200);
    // A finished job no longer waits to add a version to its output model, but keeps its inputs.
    expect((await owner.delete(`/models/${target.modelId}`)).status).toBe(204);
    expect((await owner.delete(`/dataset-versions/${d.versionIds[1]}`)).status).toBe(409);
    expect((await dev.delete(`/fine-tuning/jobs/${id}`)).status).toBe(204);
    expect((await owner.delete(`/dataset-versions/${d.versionIds[1]}`)).status).toBe(204);
  });

  it("lists a project's jobs when it is deleted, and removes them with cascade", async () => {
    const admin = w.users.tenantAdmin!.client;
    const p = await admin.post(`/tenants/${w.tenantId}/projects`, {
      name: `Doomed ${Date.now()}`,
      env: "dev",
    });
    const projectId = p.body.data.id as string;
    const own = await seedJobInputs(admin, projectId);
    const { id } = await seedJob(admin, projectId, own);
    const refused = await admin.delete(`/projects/${projectId}`, { confirm_name: p.body.data.name });
    expect(refused.status).toBe(409);
    expect(
      refused.body.error.details.dependants.map((x: { type: string; id: string }) => `${x.type}:${x.id}`),
    ).toContain(`fine_tune_job:${id}`);
    const gone = await admin.delete(`/projects/${projectId}`, {
      confirm_name: p.body.data.name,
      cascade: true,
    });
    expect(gone.status, gone.text).toBe(204);
    expect(await readRow(id)).toBeUndefined();
  });

  it("records one audit event for every write, with the job before and after", async () => {
    const created = await dev.post(`/projects/${w.projectId}/fine-tuning/jobs`, minimalConfig(inputs));
    const id = created.body.data.id as string;
    expect((await dev.post(`/fine-tuning/jobs/${id}/cancel`)).status).toBe(200);
    expect((await dev.post(`/fine-tuning/jobs/${id}/retry`)).status).toBe(200);
    expect((await dev.post(`/fine-tuning/jobs/${id}/cancel`)).status).toBe(200);
    const clone = await dev.post(`/fine-tuning/jobs/${id}/clone`, {});
    expect((await dev.delete(`/fine-tuning/jobs/${id}`)).status).toBe(204);
    const events = await w.users.owner!.client.get(
      `/projects/${w.projectId}/audit-events?resource_id=${id}&limit=50`,
    );
    expect(events.status, events.text).toBe(200);
    const rows = [...events.body.data].reverse() as {
      action: string;
      resource_type: string;
      actor_id: string;
      before: { status: string } | null;
      after: { status: string } | null;
    }[];
    expect(rows.map((e) => [e.action, e.before?.status ?? null, e.after?.status ?? null])).toEqual([
      ["fine_tuning.job.create", null, "queued"],
      ["fine_tuning.job.cancel", "queued", "canceled"],
      ["fine_tuning.job.retry", "canceled", "queued"],
      ["fine_tuning.job.cancel", "queued", "canceled"],
      ["fine_tuning.job.delete", "canceled", null],
    ]);
    expect(
      rows.every((e) => e.resource_type === "fine_tune_job" && e.actor_id === w.users.developer!.id),
    ).toBe(true);
    const cloneEvents = await w.users.owner!.client.get(
      `/projects/${w.projectId}/audit-events?resource_id=${clone.body.data.id}`,
    );
    expect(cloneEvents.body.data).toHaveLength(1);
    expect(cloneEvents.body.data[0]).toMatchObject({
      action: "fine_tuning.job.create",
      after: { cloned_from: id },
    });
  });
});
