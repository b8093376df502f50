import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { createClient } from "@infera/client";
import { eq, tables } from "@infera/db";
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
      },
      {
        name: "step-00000020",
        step: 20,
        reason: "steps",
        attempt: 1,
        time: expect.any(String),
        available: true,
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
