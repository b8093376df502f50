import { randomBytes } from "node:crypto";
import { eq, tables } from "@infera/db";
import { storeCheckpoint } from "@infera/worker";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chatJsonl } from "../routes/datasets/dataset-test-helpers.js";
import { seedCheckpoint, seedJob, seedJobInputs } from "../routes/fine-tuning/fine-tuning-test-helpers.js";
import { tinySafetensors } from "../routes/models/model-test-helpers.js";
import type { TestResponse } from "../testing/http.js";
import { createWorld, type FixtureWorld, type World } from "./world.js";

/**
 * File references by digest stay inside the tenant: tenant B naming a blob that only tenant A holds
 * gets exactly the answer of a digest stored nowhere — no read of A's bytes, and no oracle.
 */
describe("security: a version names only blobs its tenant holds", () => {
  let world: World;
  beforeAll(async () => {
    world = await createWorld();
  });
  afterAll(async () => world?.stop());

  const unknownDigest = () => randomBytes(32).toString("hex");

  /** The envelope with what must differ taken out: the request id and the digest asked for. */
  const answer = (res: TestResponse, sha256: string) => {
    const text = JSON.stringify(res.body).replaceAll(sha256, "<sha256>");
    const body = JSON.parse(text);
    delete body.error.request_id;
    return { status: res.status, body };
  };

  async function newModel(w: FixtureWorld) {
    const m = await w.admin.post(`/projects/${w.projectId}/models`, { name: w.unique("model") });
    expect(m.status, m.text).toBe(201);
    return m.body.data.id as string;
  }
  async function newDataset(w: FixtureWorld) {
    const d = await w.admin.post(`/projects/${w.projectId}/datasets`, { name: w.unique("dataset") });
    expect(d.status, d.text).toBe(201);
    return d.body.data.id as string;
  }

  it("model versions: another tenant's digest answers as an unknown one, and nothing of A's is readable", async () => {
    const { a, b } = world;
    const sha256 = await a.heldBlob(tinySafetensors(16, 901));
    // A may name it...
    const own = await a.admin.post(`/models/${await newModel(a)}/versions`, {
      files: [{ path: "model.safetensors", sha256 }],
    });
    expect(own.status, own.text).toBe(201);
    // ...B may not, and cannot tell it from a digest that exists nowhere.
    const modelB = await newModel(b);
    const post = (digest: string) =>
      b.admin.post(`/models/${modelB}/versions`, { files: [{ path: "model.safetensors", sha256: digest }] });
    const foreign = await post(sha256);
    const unknown = unknownDigest();
    const missing = await post(unknown);
    expect(foreign.status, foreign.text).toBe(400);
    expect(foreign.body.error.code).toBe("validation_error");
    expect(answer(foreign, sha256)).toEqual(answer(missing, unknown));
    expect((await b.admin.get(`/models/${modelB}/versions`)).body.data).toEqual([]);
  });

  it("dataset versions and validation: another tenant's digest answers as an unknown one", async () => {
    const { a, b } = world;
    const sha256 = await a.heldBlob(chatJsonl(3, 902));
    const own = await a.admin.post(`/datasets/${await newDataset(a)}/versions`, {
      files: [{ sha256, name: "train.jsonl" }],
    });
    expect(own.status, own.text).toBe(201);
    const datasetB = await newDataset(b);
    for (const path of [`/datasets/${datasetB}/versions`, `/datasets/${datasetB}/versions/validate`]) {
      const post = (digest: string) =>
        b.admin.post(path, { files: [{ sha256: digest, name: "train.jsonl" }] });
      const foreign = await post(sha256);
      const unknown = unknownDigest();
      const missing = await post(unknown);
      expect(foreign.status, `${path}: ${foreign.text}`).toBe(400);
      expect(foreign.body.error.code).toBe("validation_error");
      expect(answer(foreign, sha256), path).toEqual(answer(missing, unknown));
    }
    expect((await b.admin.get(`/datasets/${datasetB}/versions`)).body.data).toEqual([]);
  });

  it("a fine-tuning job's stored checkpoint files are its tenant's: B naming one answers as an unknown digest", async () => {
    const { a, b } = world;
    const job = await seedJob(a.admin, a.projectId, await seedJobInputs(a.admin, a.projectId));
    const name = "step-00000004";
    const dir = await seedCheckpoint(world.server, job.id, name, 4, {
      "weights.safetensors": `checkpoint weights ${randomBytes(16).toString("hex")}`,
    });
    const upload = { jobId: job.id, attempt: 1, name, path: `output/checkpoints/${name}`, step: 4 };
    expect(await storeCheckpoint(world.server.systemCtx, upload, dir)).toMatchObject({ stored: true });
    const f = tables.fineTuneCheckpointFiles;
    const [file] = await world.server.database.db.select().from(f).where(eq(f.jobId, job.id));
    expect(await world.server.systemCtx.blobs.stat(file!.sha256)).not.toBeNull();

    const modelB = await newModel(b);
    const post = (digest: string) =>
      b.admin.post(`/models/${modelB}/versions`, { files: [{ path: "model.safetensors", sha256: digest }] });
    const foreign = await post(file!.sha256);
    const unknown = unknownDigest();
    const missing = await post(unknown);
    expect(foreign.status, foreign.text).toBe(400);
    expect(answer(foreign, file!.sha256)).toEqual(answer(missing, unknown));
    // Nor does B reach the checkpoint through A's job.
    expect((await b.admin.get(`/fine-tuning/jobs/${job.id}/checkpoints/${name}/download`)).status).toBe(404);
  });

  it("the same bytes uploaded by B are B's to name: the store stays shared underneath", async () => {
    const { a, b } = world;
    const bytes = tinySafetensors(16, 903);
    const sha256 = await a.heldBlob(bytes);
    expect(await b.heldBlob(bytes)).toBe(sha256);
    const v = await b.admin.post(`/models/${await newModel(b)}/versions`, {
      files: [{ path: "model.safetensors", sha256 }],
    });
    expect(v.status, v.text).toBe(201);
  });
});
