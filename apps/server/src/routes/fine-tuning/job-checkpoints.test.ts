import { randomBytes } from "node:crypto";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { createClient } from "@infera/client";
import { beginCheckpointUpload, collectBlobGarbageOnSchedule, markWorkspacesRemoved } from "@infera/core";
import { and, eq, tables } from "@infera/db";
import { restoreCheckpoint, storeCheckpoint } from "@infera/worker";
import { extract } from "tar";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../main.js";
import type { HttpClient } from "../../testing/http.js";
import { startTestServer } from "../../testing/test-server.js";
import { createWorld, type World } from "../../testing/world.js";
import { type JobInputs, seedCheckpoint, seedJob, seedJobInputs } from "./fine-tuning-test-helpers.js";

/** The files of a tar archive: path → text (extracted with node-tar into a temporary folder). */
async function untar(bytes: Buffer): Promise<Record<string, string>> {
  const dir = await mkdtemp(join(tmpdir(), "infera-untar-"));
  await writeFile(join(dir, "a.tar"), bytes);
  await extract({ file: join(dir, "a.tar"), cwd: dir });
  const out: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true }))
    if (entry.isFile() && entry.name !== "a.tar")
      out[relative(dir, join(entry.parentPath, entry.name))] = await readFile(
        join(entry.parentPath, entry.name),
        "utf8",
      );
  await rm(dir, { recursive: true });
  return out;
}

describe("fine-tuning checkpoints: list from the event log, download as tar, removed by retention", () => {
  let server: RunningServer;
  let w: World;
  let other: World;
  let dev: HttpClient;
  let inputs: JobInputs;

  beforeAll(async () => {
    server = await startTestServer();
    w = await createWorld(server.url);
    other = await createWorld(server.url);
    dev = w.users.developer!.client;
    inputs = await seedJobInputs(dev, w.projectId);
  });
  afterAll(async () => server?.stop());

  const download = (jobId: string, name: string) =>
    fetch(`${server.url}/api/v1/fine-tuning/jobs/${jobId}/checkpoints/${name}/download`, {
      headers: { authorization: `Bearer ${w.users.developer!.client.token}` },
    });

  it("lists checkpoints oldest step first, marks pruned ones, and downloads one as a tar stream", async () => {
    const job = await seedJob(dev, w.projectId, inputs);
    const empty = await dev.get(`/fine-tuning/jobs/${job.id}/checkpoints`);
    expect(empty.status, empty.text).toBe(200);
    expect(empty.body.data).toEqual([]);
    const pruned = await seedCheckpoint(server, job.id, "step-00000010", 10);
    await seedCheckpoint(server, job.id, "step-00000020", 20, {
      "state.json": '{"step":20}\n',
      "weights.safetensors": "x".repeat(100_000),
    });
    await rm(pruned, { recursive: true });
    const res = await dev.get(`/fine-tuning/jobs/${job.id}/checkpoints`);
    expect(res.status, res.text).toBe(200);
    expect(res.body.data).toEqual([
      {
        name: "step-00000010",
        step: 10,
        reason: "steps",
        attempt: 1,
        time: expect.any(String),
        available: false,
        stored: false,
      },
      {
        name: "step-00000020",
        step: 20,
        reason: "steps",
        attempt: 1,
        time: expect.any(String),
        available: true,
        stored: false,
      },
    ]);

    const tar = await download(job.id, "step-00000020");
    expect(tar.status).toBe(200);
    expect(tar.headers.get("content-type")).toBe("application/x-tar");
    expect(tar.headers.get("content-disposition")).toContain(`${job.id}-step-00000020.tar`);
    const files = await untar(Buffer.from(await tar.arrayBuffer()));
    expect(files["step-00000020/state.json"]).toBe('{"step":20}\n');
    expect(files["step-00000020/weights.safetensors"]).toHaveLength(100_000);

    const gone = await download(job.id, "step-00000010");
    expect(gone.status).toBe(404);
    const body = (await gone.json()) as {
      error: { code: string; message: string; details: { reason: string } };
    };
    expect(body.error.code).toBe("not_found");
    expect(body.error.details.reason).toBe("checkpoint_removed");
    expect(body.error.message).toContain("keep_last");

    expect((await download(job.id, "step-99")).status).toBe(404);
    expect((await download(job.id, "..%2F")).status).toBe(404);
  });

  it("after retention removed the workspace, every checkpoint is unavailable and its download says why", async () => {
    const job = await seedJob(dev, w.projectId, inputs);
    const dir = await seedCheckpoint(server, job.id, "step-00000005", 5);
    await server.database.db
      .update(tables.fineTuneJobs)
      .set({ workspaceRemovedAt: new Date() })
      .where(eq(tables.fineTuneJobs.id, job.id));
    await rm(join(dir, "../../.."), { recursive: true, force: true });
    const res = await dev.get(`/fine-tuning/jobs/${job.id}/checkpoints`);
    expect(res.body.data.map((c: { available: boolean }) => c.available)).toEqual([false]);
    const gone = await download(job.id, "step-00000005");
    expect(gone.status).toBe(404);
    const body = (await gone.json()) as { error: { message: string; details: { reason: string } } };
    expect(body.error.details.reason).toBe("checkpoint_removed");
    expect(body.error.message).toContain("retention");
  });

  /** A checkpoint folder in the workspace, copied to the blob store as the worker does after its event. */
  const storeSeeded = async (jobId: string, step: number, files: Record<string, string>) => {
    const name = `step-${String(step).padStart(8, "0")}`;
    const dir = await seedCheckpoint(server, jobId, name, step, files);
    const upload = { jobId, attempt: 1, name, path: `output/checkpoints/${name}`, step };
    const stored = await storeCheckpoint(server.systemCtx, upload, dir);
    expect(stored).toMatchObject({ stored: true });
    return { name, dir, released: stored.released };
  };
  const workspaceOf = (jobId: string) => join(server.systemCtx.settings.fineTuningWorkspaceDir!, jobId);
  const gcNow = () =>
    collectBlobGarbageOnSchedule({
      ctx: { ...server.systemCtx, settings: { ...server.systemCtx.settings, blobGcGraceMinutes: 0 } },
    });

  it("a checkpoint stored in the blob store downloads without the workspace, belongs to the job's tenant, and is restored into an empty workspace", async () => {
    const job = await seedJob(dev, w.projectId, inputs);
    const weights = randomBytes(300_000).toString("base64");
    const ten = await storeSeeded(job.id, 10, {
      "state.json": '{"step":10}\n',
      "weights.safetensors": weights,
      "rng/state.bin": "seeded",
    });
    // The newest checkpoint's copy never completed: a worker killed mid-upload leaves it `uploading`.
    await seedCheckpoint(server, job.id, "step-00000020", 20);
    await beginCheckpointUpload({
      ctx: server.systemCtx,
      upload: {
        jobId: job.id,
        attempt: 1,
        name: "step-00000020",
        path: "output/checkpoints/step-00000020",
        step: 20,
      },
    });
    // The job's workspace is not on this node (it ran elsewhere, or the folder was lost).
    await rm(workspaceOf(job.id), { recursive: true, force: true });

    const list = await dev.get(`/fine-tuning/jobs/${job.id}/checkpoints`);
    expect(
      list.body.data.map((c: { name: string; available: boolean; stored: boolean }) => [
        c.name,
        c.available,
        c.stored,
      ]),
    ).toEqual([
      ["step-00000010", true, true],
      ["step-00000020", false, false],
    ]);
    const tar = await download(job.id, ten.name);
    expect(tar.status).toBe(200);
    expect(tar.headers.get("content-disposition")).toContain(`${job.id}-step-00000010.tar`);
    expect(await untar(Buffer.from(await tar.arrayBuffer()))).toEqual({
      "step-00000010/rng/state.bin": "seeded",
      "step-00000010/state.json": '{"step":10}\n',
      "step-00000010/weights.safetensors": weights,
    });
    const unstored = await download(job.id, "step-00000020");
    expect(unstored.status).toBe(404);
    expect(((await unstored.json()) as { error: { details: { reason: string } } }).error.details.reason).toBe(
      "checkpoint_removed",
    );

    // The blobs are the job's tenant's, and nothing of another tenant's names them.
    const f = tables.fineTuneCheckpointFiles;
    const files = await server.database.db.select().from(f).where(eq(f.jobId, job.id));
    expect(files.map((x) => x.path).sort()).toEqual(["rng/state.bin", "state.json", "weights.safetensors"]);
    const tb = tables.tenantBlobs;
    for (const file of files) {
      const holders = await server.database.db.select().from(tb).where(eq(tb.sha256, file.sha256));
      expect(holders.map((h) => [h.tenantId, h.source])).toEqual([[w.tenantId, "checkpoint"]]);
    }
    expect(
      (await other.users.owner!.client.get(`/fine-tuning/jobs/${job.id}/checkpoints/${ten.name}/download`))
        .status,
    ).toBe(404);

    // A resume on a node with an empty workspace gets the newest whole checkpoint back: not the
    // unfinished step 20, and not a stored one whose blob went missing.
    const broken = await storeSeeded(job.id, 15, {
      "state.json": '{"step":15}\n',
      "weights.safetensors": "lost",
    });
    const [lost] = await server.database.db
      .select()
      .from(f)
      .where(and(eq(f.jobId, job.id), eq(f.name, broken.name), eq(f.path, "weights.safetensors")));
    await server.systemCtx.blobs.delete(lost!.sha256);
    const empty = await mkdtemp(join(tmpdir(), "infera-node-b-"));
    expect(await restoreCheckpoint(server.systemCtx, job.id, empty)).toBe(10);
    const restored = join(empty, "output/checkpoints/step-00000010");
    expect(await readFile(join(restored, "weights.safetensors"), "utf8")).toBe(weights);
    expect(await readFile(join(restored, "rng/state.bin"), "utf8")).toBe("seeded");
    expect((await readdir(join(empty, "output/checkpoints"))).sort()).toEqual(["step-00000010"]);
    // Already there: nothing to do.
    expect(await restoreCheckpoint(server.systemCtx, job.id, empty)).toBeNull();
    await rm(empty, { recursive: true, force: true });
  });

  it("blob collection keeps a stored checkpoint's files until retention releases them", async () => {
    const job = await seedJob(dev, w.projectId, inputs);
    const content = `retained ${randomBytes(16).toString("hex")}`;
    const { name } = await storeSeeded(job.id, 7, { "state.json": content });
    const f = tables.fineTuneCheckpointFiles;
    const [file] = await server.database.db.select().from(f).where(eq(f.jobId, job.id));
    const kept = await gcNow();
    expect(kept.deleted!.blobs.map((b) => b.sha256)).not.toContain(file!.sha256);
    expect(await server.systemCtx.blobs.stat(file!.sha256)).not.toBeNull();

    await rm(workspaceOf(job.id), { recursive: true, force: true });
    await markWorkspacesRemoved(server.systemCtx, [job.id]);
    const list = await dev.get(`/fine-tuning/jobs/${job.id}/checkpoints`);
    expect(
      list.body.data.map((c: { available: boolean; stored: boolean }) => [c.available, c.stored]),
    ).toEqual([[false, false]]);
    const gone = await download(job.id, name);
    expect(gone.status).toBe(404);
    const body = (await gone.json()) as { error: { message: string; details: { reason: string } } };
    expect(body.error.details.reason).toBe("checkpoint_removed");
    expect(body.error.message).toContain("retention");

    const swept = await gcNow();
    expect(swept.deleted!.blobs.map((b) => b.sha256)).toContain(file!.sha256);
    expect(await server.systemCtx.blobs.stat(file!.sha256)).toBeNull();
    const tb = tables.tenantBlobs;
    expect(await server.database.db.select().from(tb).where(eq(tb.sha256, file!.sha256))).toEqual([]);
  });

  it("the blob store keeps a job's newest stored checkpoints (2 by default); older copies are released and collected", async () => {
    const job = await seedJob(dev, w.projectId, inputs);
    const frozen = `frozen base ${randomBytes(16).toString("hex")}`;
    const files = (step: number) => ({
      "frozen.bin": frozen,
      "weights.safetensors": `weights at ${step} ${randomBytes(16).toString("hex")}`,
    });
    // A copy a worker died in the middle of, older than what will be kept.
    await seedCheckpoint(server, job.id, "step-00000005", 5);
    await beginCheckpointUpload({
      ctx: server.systemCtx,
      upload: {
        jobId: job.id,
        attempt: 1,
        name: "step-00000005",
        path: "output/checkpoints/step-00000005",
        step: 5,
      },
    });
    const c = tables.fineTuneCheckpoints;
    const rows = async () =>
      (await server.database.db.select().from(c).where(eq(c.jobId, job.id)))
        .map((r) => `${r.name}:${r.state}`)
        .sort();
    await storeSeeded(job.id, 10, files(10));
    expect(await rows()).toEqual(["step-00000005:uploading", "step-00000010:stored"]);
    // Two stored: the dead `uploading` row below both would never be resumed from, so it goes.
    expect((await storeSeeded(job.id, 20, files(20))).released).toEqual(["step-00000005"]);
    expect(await rows()).toEqual(["step-00000010:stored", "step-00000020:stored"]);
    const f = tables.fineTuneCheckpointFiles;
    const digestOf = async (name: string, path: string) =>
      (
        await server.database.db
          .select()
          .from(f)
          .where(and(eq(f.jobId, job.id), eq(f.name, name), eq(f.path, path)))
      )[0]!.sha256;
    const tenWeights = await digestOf("step-00000010", "weights.safetensors");
    const frozenDigest = await digestOf("step-00000010", "frozen.bin");

    // The third stored copy pushes out the oldest.
    const dir30 = await seedCheckpoint(server, job.id, "step-00000030", 30, files(30));
    const upload30 = {
      jobId: job.id,
      attempt: 1,
      name: "step-00000030",
      path: "output/checkpoints/step-00000030",
      step: 30,
    };
    expect(await storeCheckpoint(server.systemCtx, upload30, dir30)).toMatchObject({
      stored: true,
      released: ["step-00000010"],
    });
    expect(await rows()).toEqual(["step-00000020:stored", "step-00000030:stored"]);

    // Off this node, the released checkpoint is gone and the kept ones still download.
    await rm(workspaceOf(job.id), { recursive: true, force: true });
    const list = await dev.get(`/fine-tuning/jobs/${job.id}/checkpoints`);
    expect(
      list.body.data.map((x: { name: string; available: boolean; stored: boolean }) => [
        x.name,
        x.available,
        x.stored,
      ]),
    ).toEqual([
      ["step-00000005", false, false],
      ["step-00000010", false, false],
      ["step-00000020", true, true],
      ["step-00000030", true, true],
    ]);
    const released = await download(job.id, "step-00000010");
    expect(released.status).toBe(404);
    const body = (await released.json()) as { error: { message: string; details: { reason: string } } };
    expect(body.error.details.reason).toBe("checkpoint_removed");
    expect(body.error.message).toContain("INFERA_FINETUNE_STORED_CHECKPOINTS");
    expect((await download(job.id, "step-00000020")).status).toBe(200);

    // Collection removes the released weights; the file the kept checkpoints share stays.
    const swept = await gcNow();
    const deleted = swept.deleted!.blobs.map((b) => b.sha256);
    expect(deleted).toContain(tenWeights);
    expect(deleted).not.toContain(frozenDigest);
    expect(await server.systemCtx.blobs.stat(tenWeights)).toBeNull();
    expect(await server.systemCtx.blobs.stat(frozenDigest)).not.toBeNull();
    const empty = await mkdtemp(join(tmpdir(), "infera-node-b-"));
    expect(await restoreCheckpoint(server.systemCtx, job.id, empty)).toBe(30);
    expect(await readFile(join(empty, "output/checkpoints/step-00000030/frozen.bin"), "utf8")).toBe(frozen);
    await rm(empty, { recursive: true, force: true });

    // The number kept is a setting.
    const keepThree = {
      ...server.systemCtx,
      settings: { ...server.systemCtx.settings, storedCheckpointsKept: 3 },
    };
    for (const step of [40, 50]) {
      const name = `step-000000${step}`;
      const d = await seedCheckpoint(server, job.id, name, step, files(step));
      await storeCheckpoint(
        keepThree,
        { jobId: job.id, attempt: 1, name, path: `output/checkpoints/${name}`, step },
        d,
      );
    }
    expect(await rows()).toEqual(["step-00000030:stored", "step-00000040:stored", "step-00000050:stored"]);
  });

  it("another tenant's job answers 404 on both routes", async () => {
    const job = await seedJob(dev, w.projectId, inputs);
    await seedCheckpoint(server, job.id, "step-00000001", 1);
    const stranger = other.users.owner!.client;
    expect((await stranger.get(`/fine-tuning/jobs/${job.id}/checkpoints`)).status).toBe(404);
    expect(
      (await stranger.get(`/fine-tuning/jobs/${job.id}/checkpoints/step-00000001/download`)).status,
    ).toBe(404);
  });

  it("artifacts: none until the job has an output version, then that version's files with sizes and download links", async () => {
    const job = await seedJob(dev, w.projectId, inputs);
    const before = await dev.get(`/fine-tuning/jobs/${job.id}/artifacts`);
    expect(before.status, before.text).toBe(200);
    expect(before.body.data).toEqual({ output_model_id: null, model_version_id: null, files: [] });
    // What a succeeded run records: the version it registered (here, any version of the project).
    await server.database.db
      .update(tables.fineTuneJobs)
      .set({ resultModelVersionId: inputs.versionId, outputModelId: inputs.modelId })
      .where(eq(tables.fineTuneJobs.id, job.id));
    const after = await dev.get(`/fine-tuning/jobs/${job.id}/artifacts`);
    expect(after.status, after.text).toBe(200);
    expect(after.body.data.model_version_id).toBe(inputs.versionId);
    expect(after.body.data.output_model_id).toBe(inputs.modelId);
    expect(after.body.data.files.length).toBeGreaterThan(0);
    for (const file of after.body.data.files) {
      expect(file).toEqual({
        path: expect.any(String),
        size_bytes: expect.any(Number),
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
        kind: expect.any(String),
        download_url: `/api/v1/model-versions/${inputs.versionId}/files/${encodeURIComponent(file.path)}`,
      });
      const bytes = await dev.get(file.download_url.slice("/api/v1".length));
      expect(bytes.status).toBe(200);
      expect(Number(bytes.headers.get("content-length") ?? bytes.text.length)).toBe(file.size_bytes);
    }
    expect((await other.users.owner!.client.get(`/fine-tuning/jobs/${job.id}/artifacts`)).status).toBe(404);
  });

  it("the typed client reads checkpoints, artifacts, metrics and validates a submission", async () => {
    const client = createClient({ baseUrl: server.url, token: w.users.developer!.client.token });
    const job = await seedJob(dev, w.projectId, inputs);
    await seedCheckpoint(server, job.id, "step-00000003", 3);
    expect((await client.fineTuning.jobs.checkpoints(job.id)).map((c) => [c.name, c.available])).toEqual([
      ["step-00000003", true],
    ]);
    const url = client.fineTuning.jobs.checkpointDownloadUrl(job.id, "step-00000003");
    const tar = await fetch(url, { headers: { authorization: `Bearer ${w.users.developer!.client.token}` } });
    expect(tar.status).toBe(200);
    expect(await client.fineTuning.jobs.artifacts(job.id)).toEqual({
      output_model_id: null,
      model_version_id: null,
      files: [],
    });
    expect(await client.fineTuning.jobs.metrics(job.id, { names: ["loss"], max_points: 10 })).toEqual({
      series: [{ name: "loss", points: [] }],
      downsampled: false,
    });
    const config = await client.fineTuning.jobs.config(job.id);
    const dry = await client.fineTuning.jobs.validate(w.projectId, config);
    expect(dry).toBeTruthy();
  });
});
