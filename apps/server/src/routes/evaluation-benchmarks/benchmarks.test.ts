import { eq, tables } from "@infera/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../main.js";
import { startTestServer } from "../../testing/test-server.js";
import { createWorld, type World } from "../../testing/world.js";
import { chatJsonl, putText, seedDataset } from "../datasets/dataset-test-helpers.js";
import { type EvaluationInputs, seedEvaluationInputs } from "../evaluations/evaluation-test-helpers.js";

describe("evaluation benchmarks: /projects/{projectId}/evaluation-benchmarks, runs with benchmark_id", () => {
  let server: RunningServer;
  let w: World;
  let other: World;
  let inputs: EvaluationInputs;
  let otherData: { datasetId: string; versionIds: string[] };
  const owner = () => w.users.owner!.client;
  const dev = () => w.users.developer!.client;
  const base = () => `/projects/${w.projectId}/evaluation-benchmarks`;
  const runs = () => `/projects/${w.projectId}/evaluations`;
  const target = () => [{ model_version_id: inputs.versionIds[0] }];

  async function addVersion(datasetId: string, seed: number): Promise<string> {
    const sha256 = await putText(dev(), w.projectId, chatJsonl(5, seed));
    const v = await dev().post(`/datasets/${datasetId}/versions`, {
      files: [{ sha256, name: "more.jsonl" }],
    });
    expect(v.status, v.text).toBe(201);
    return v.body.data.id;
  }

  async function benchmark(body: Record<string, unknown>) {
    const res = await owner().post(base(), { name: `b-${Math.random().toString(36).slice(2, 8)}`, ...body });
    expect(res.status, res.text).toBe(201);
    return res.body.data as { id: string; name: string };
  }

  beforeAll(async () => {
    server = await startTestServer({}, { apiOnly: true });
    [w, other] = await Promise.all([createWorld(server.url), createWorld(server.url)]);
    inputs = await seedEvaluationInputs(dev(), w.projectId);
    otherData = await seedDataset(other.users.developer!.client, other.projectId, { versions: 1, rows: 3 });
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
  });

  it("registers, lists (search, cursor), reads, renames and deletes a benchmark; Owners write, Developers read", async () => {
    const created = await owner().post(base(), {
      name: "Support QA",
      description: "the support team's questions",
      dataset_id: inputs.datasetId,
      metrics: [{ name: "exact_match" }, { name: "contains" }],
      sample_limit: 4,
      generation: { temperature: 0, max_tokens: 12 },
    });
    expect(created.status, created.text).toBe(201);
    const b = created.body.data;
    expect(b).toMatchObject({
      name: "Support QA",
      project_id: w.projectId,
      dataset_id: inputs.datasetId,
      dataset_version_id: null,
      prompt_field: null,
      sample_limit: 4,
      generation: { temperature: 0, top_p: 1, max_tokens: 12 },
      created_by: w.users.owner!.id,
    });
    expect(b.id).toMatch(/^ebm_/);
    await benchmark({ dataset_id: inputs.datasetId, description: "second" });

    const dup = await owner().post(base(), { name: "support qa", dataset_id: inputs.datasetId });
    expect(dup.status, dup.text).toBe(409);
    expect(dup.body.error.details).toMatchObject({ field: "name" });
    const denied = await dev().post(base(), { name: "mine", dataset_id: inputs.datasetId });
    expect(denied.status, denied.text).toBe(403);

    const found = await dev().get(`${base()}?q=${encodeURIComponent("support team")}`);
    expect(found.status, found.text).toBe(200);
    expect(found.body.data.map((x: { id: string }) => x.id)).toEqual([b.id]);
    const first = await dev().get(`${base()}?limit=1`);
    expect(first.body.data).toHaveLength(1);
    expect(first.body.next_cursor).toBeTruthy();
    const second = await dev().get(`${base()}?limit=1&cursor=${encodeURIComponent(first.body.next_cursor)}`);
    expect(second.body.data).toHaveLength(1);
    expect(second.body.data[0].id).not.toBe(first.body.data[0].id);

    expect((await dev().get(`/evaluation-benchmarks/${b.id}`)).body.data.name).toBe("Support QA");
    const renamed = await owner().patch(`/evaluation-benchmarks/${b.id}`, { name: "Support QA v2" });
    expect(renamed.status, renamed.text).toBe(200);
    expect(renamed.body.data).toMatchObject({ name: "Support QA v2", sample_limit: 4 });
    expect((await dev().patch(`/evaluation-benchmarks/${b.id}`, { name: "x" })).status).toBe(403);
    expect((await dev().delete(`/evaluation-benchmarks/${b.id}`)).status).toBe(403);
    expect((await owner().delete(`/evaluation-benchmarks/${b.id}`)).status).toBe(204);
    expect((await dev().get(`/evaluation-benchmarks/${b.id}`)).status).toBe(404);
  });

  it("checks every id it names against the project (404) and its metrics and fields as a run would (422)", async () => {
    const theirs = await owner().post(base(), { name: "theirs", dataset_id: otherData.datasetId });
    expect(theirs.status, theirs.text).toBe(404);
    const theirVersion = await owner().post(base(), {
      name: "their version",
      dataset_id: inputs.datasetId,
      dataset_version_id: otherData.versionIds[0],
    });
    expect(theirVersion.status, theirVersion.text).toBe(404);
    const regex = await owner().post(base(), {
      name: "bad regex",
      dataset_id: inputs.datasetId,
      metrics: [{ name: "regex", pattern: "(unclosed" }],
    });
    expect(regex.status, regex.text).toBe(422);
    expect(regex.body.error.details).toMatchObject({ field: "metrics[0].pattern" });
    const judge = await owner().post(base(), {
      name: "bad judge",
      dataset_id: inputs.datasetId,
      metrics: [
        { name: "judge", judge_service_id: "svc_00000000000000000000000000", rubric: "Is it right?" },
      ],
    });
    expect(judge.status, judge.text).toBe(422);
    expect(judge.body.error.details).toMatchObject({ field: "metrics[0].judge_service_id" });

    const mine = await benchmark({ dataset_id: inputs.datasetId });
    const moved = await owner().patch(`/evaluation-benchmarks/${mine.id}`, {
      dataset_id: otherData.datasetId,
    });
    expect(moved.status, moved.text).toBe(404);
    // Tenant B's owner cannot read, change or delete A's benchmark: 404 like an unknown id.
    const b = other.users.owner!.client;
    expect((await b.get(`/evaluation-benchmarks/${mine.id}`)).status).toBe(404);
    expect((await b.patch(`/evaluation-benchmarks/${mine.id}`, { name: "mine now" })).status).toBe(404);
    expect((await b.delete(`/evaluation-benchmarks/${mine.id}`)).status).toBe(404);
  });

  it("a run from a benchmark takes the dataset's latest version, the fields and defaults; a rerun takes the latest again", async () => {
    const data = await seedDataset(dev(), w.projectId, { versions: 2, rows: 4 });
    const b = await benchmark({
      dataset_id: data.datasetId,
      metrics: [{ name: "contains" }, { name: "regex", pattern: "^It is" }],
      sample_limit: 3,
      generation: { temperature: 0.5, top_p: 0.9, max_tokens: 20, system_prompt: "Answer briefly." },
    });
    const res = await dev().post(runs(), { kind: "automatic", targets: target(), benchmark_id: b.id });
    expect(res.status, res.text).toBe(201);
    const run = res.body.data;
    expect(run).toMatchObject({
      benchmark_id: b.id,
      dataset_id: data.datasetId,
      dataset_version_id: data.versionIds[1],
    });
    expect(run.config).toMatchObject({
      benchmark_id: b.id,
      dataset_version_id: data.versionIds[1],
      metrics: [{ name: "contains" }, { name: "regex", pattern: "^It is" }],
      sample_limit: 3,
      generation: { temperature: 0.5, top_p: 0.9, max_tokens: 20, system_prompt: "Answer briefly." },
    });

    // The request's own metrics and sample limit win over the benchmark's.
    const own = await dev().post(runs(), {
      kind: "automatic",
      targets: target(),
      benchmark_id: b.id,
      metrics: [{ name: "exact_match" }],
      sample_limit: 2,
    });
    expect(own.status, own.text).toBe(201);
    expect(own.body.data.config).toMatchObject({ metrics: [{ name: "exact_match" }], sample_limit: 2 });
    expect(own.body.data.config.generation).toMatchObject({ temperature: 0.5 });

    // Listed by benchmark; runs without one are not.
    const plain = await dev().post(runs(), {
      kind: "automatic",
      targets: target(),
      dataset_version_id: inputs.datasetVersionId,
    });
    expect(plain.status, plain.text).toBe(201);
    expect(plain.body.data).toMatchObject({ benchmark_id: null });
    expect(plain.body.data.config).toMatchObject({
      metrics: [{ name: "exact_match" }],
      generation: { temperature: 0, top_p: 1, max_tokens: 64 },
    });
    const listed = await dev().get(`${runs()}?benchmark_id=${b.id}`);
    expect(listed.body.data.map((r: { id: string }) => r.id).sort()).toEqual(
      [run.id, own.body.data.id].sort(),
    );

    // A new version since: the rerun reads it, and keeps the benchmark and the configuration.
    const third = await addVersion(data.datasetId, 77);
    const rerun = await dev().post(`/evaluations/${run.id}/rerun`);
    expect(rerun.status, rerun.text).toBe(201);
    expect(rerun.body.data).toMatchObject({
      benchmark_id: b.id,
      dataset_version_id: third,
      rerun_of: run.id,
    });
    expect(rerun.body.data.config.metrics).toEqual(run.config.metrics);

    // Deleting the benchmark keeps its runs (and their benchmark_id); a rerun then names what is gone.
    expect((await owner().delete(`/evaluation-benchmarks/${b.id}`)).status).toBe(204);
    expect((await dev().get(`/evaluations/${run.id}`)).body.data.benchmark_id).toBe(b.id);
    const orphan = await dev().post(`/evaluations/${run.id}/rerun`);
    expect(orphan.status, orphan.text).toBe(404);
  });

  it("refuses benchmark_id with other data, and another tenant's benchmark, like an unknown one", async () => {
    const b = await benchmark({ dataset_id: inputs.datasetId });
    const both = await dev().post(runs(), {
      kind: "automatic",
      targets: target(),
      benchmark_id: b.id,
      dataset_version_id: inputs.datasetVersionId,
    });
    expect(both.status, both.text).toBe(422);
    expect(both.body.error.details).toMatchObject({ field: "benchmark_id" });
    const o = other.users.owner!.client;
    const theirs = await o.post(`/projects/${other.projectId}/evaluation-benchmarks`, {
      name: "theirs",
      dataset_id: otherData.datasetId,
    });
    expect(theirs.status, theirs.text).toBe(201);
    for (const id of [theirs.body.data.id, "ebm_00000000000000000000000000", "nope"]) {
      const res = await dev().post(runs(), { kind: "automatic", targets: target(), benchmark_id: id });
      expect(res.status, `${id}: ${res.text}`).toBe(404);
      expect(res.body.error.code).toBe("not_found");
    }
    const empty = await dev().post(`/projects/${w.projectId}/datasets`, { name: "empty-for-benchmark" });
    const onEmpty = await benchmark({ dataset_id: empty.body.data.id });
    const noVersion = await dev().post(runs(), {
      kind: "automatic",
      targets: target(),
      benchmark_id: onEmpty.id,
    });
    expect(noVersion.status, noVersion.text).toBe(422);
    expect(noVersion.body.error.message).toMatch(/no version yet/);
  });

  it("a pinned version stays the run's and cannot be deleted while pinned; the dataset neither", async () => {
    const data = await seedDataset(dev(), w.projectId, { versions: 2, rows: 3 });
    const b = await benchmark({ dataset_id: data.datasetId, dataset_version_id: data.versionIds[0] });
    const res = await dev().post(runs(), { kind: "automatic", targets: target(), benchmark_id: b.id });
    expect(res.status, res.text).toBe(201);
    expect(res.body.data.dataset_version_id).toBe(data.versionIds[0]);

    // Unpin the run's reference first: only the benchmark then holds the version.
    await server.systemCtx.db
      .delete(tables.evaluationRuns)
      .where(eq(tables.evaluationRuns.id, res.body.data.id));
    const held = await owner().delete(`/dataset-versions/${data.versionIds[0]}`);
    expect(held.status, held.text).toBe(409);
    expect(held.body.error.code).toBe("resource_in_use");
    expect(held.body.error.details.dependants).toEqual([
      expect.objectContaining({ type: "evaluation_benchmark", id: b.id }),
    ]);
    const dataset = await owner().delete(`/datasets/${data.datasetId}`);
    expect(dataset.status, dataset.text).toBe(409);

    const unpinned = await owner().patch(`/evaluation-benchmarks/${b.id}`, { dataset_version_id: null });
    expect(unpinned.status, unpinned.text).toBe(200);
    expect(unpinned.body.data.dataset_version_id).toBeNull();
    expect((await owner().delete(`/dataset-versions/${data.versionIds[0]}`)).status).toBe(204);

    // Another dataset without a version unpins: a version of the old dataset cannot stay pinned.
    const repinned = await owner().patch(`/evaluation-benchmarks/${b.id}`, {
      dataset_version_id: data.versionIds[1],
    });
    expect(repinned.body.data.dataset_version_id).toBe(data.versionIds[1]);
    const moved = await owner().patch(`/evaluation-benchmarks/${b.id}`, { dataset_id: inputs.datasetId });
    expect(moved.status, moved.text).toBe(200);
    expect(moved.body.data).toMatchObject({ dataset_id: inputs.datasetId, dataset_version_id: null });
    const mismatched = await owner().patch(`/evaluation-benchmarks/${b.id}`, {
      dataset_version_id: data.versionIds[1],
    });
    expect(mismatched.status, mismatched.text).toBe(404);
  });
});
