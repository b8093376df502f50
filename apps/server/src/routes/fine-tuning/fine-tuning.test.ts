import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../main.js";
import type { HttpClient } from "../../testing/http.js";
import { startTestServer } from "../../testing/test-server.js";
import { createWorld, type World } from "../../testing/world.js";
import { putText, seedDataset } from "../datasets/dataset-test-helpers.js";
import { putBytes, seedModel, tinySafetensors } from "../models/model-test-helpers.js";
import { type JobInputs, minimalConfig, seedJob, seedJobInputs } from "./fine-tuning-test-helpers.js";

describe("fine-tuning jobs: submission, resolution, lists, permissions", () => {
  let server: RunningServer;
  let w: World;
  let other: World;
  let developer: HttpClient;
  let inputs: JobInputs;
  const jobsOf = (projectId: string) => `/projects/${projectId}/fine-tuning/jobs`;

  beforeAll(async () => {
    server = await startTestServer();
    w = await createWorld(server.url);
    other = await createWorld(server.url);
    developer = w.users.developer!.client;
    inputs = await seedJobInputs(developer, w.projectId);
  });
  afterAll(async () => server?.stop());

  it("creates a job from base model, dataset version and output name alone, with every default filled in", async () => {
    const body = minimalConfig(inputs);
    const res = await developer.post(jobsOf(w.projectId), body);
    expect(res.status, res.text).toBe(201);
    const job = res.body.data;
    expect(job).toMatchObject({
      id: expect.stringMatching(/^ftj_[0-9a-z]{26}$/),
      tenant_id: w.tenantId,
      project_id: w.projectId,
      name: null,
      status: "queued",
      base_model_id: inputs.modelId,
      // The tag `latest` was resolved to the version it points at, and that id is what is stored.
      base_model_version_id: inputs.versionId,
      dataset_id: inputs.datasetId,
      dataset_version_id: inputs.datasetVersionId,
      validation_dataset_version_id: null,
      stage: "sft",
      method: "lora",
      runtime: "reference",
      resource_class: "cpu-2",
      gpu_count: 0,
      priority: 0,
      output_model_id: null,
      output_model_name: body.output.model_name,
      artifact_type: "adapter",
      result_model_version_id: null,
      queue_position: expect.any(Number),
      eta_seconds: null,
      failure: null,
      attempt: 1,
      created_by: w.users.developer!.id,
      started_at: null,
      finished_at: null,
    });
    expect(job.queued_at).toBe(job.created_at);
    expect(job.config).toEqual({
      base_model: { model_id: inputs.modelId },
      dataset_version_id: inputs.datasetVersionId,
      validation_split: 0.1,
      max_length: 256,
      stage: "sft",
      method: "lora",
      lora: { rank: 8, alpha: 16, dropout: 0, target_modules: ["attn_q", "attn_v"] },
      epochs: 1,
      batch_size: 8,
      learning_rate: 1e-3,
      gradient_accumulation_steps: 1,
      weight_decay: 0,
      seed: 42,
      precision: "fp32",
      runtime: "reference",
      resource_class: "cpu-2",
      gpu_count: 0,
      ddp: false,
      checkpoint_interval_minutes: 10,
      output: { model_name: body.output.model_name, artifact_type: "adapter", move_latest: true },
      priority: 0,
    });
    expect(job.transitions).toEqual([
      {
        seq: 1,
        from: null,
        to: "queued",
        reason: "created",
        actor_id: w.users.developer!.id,
        at: job.created_at,
      },
    ]);
    const got = await w.users.viewer!.client.get(`/fine-tuning/jobs/${job.id}`);
    expect(got.status).toBe(200);
    // The scheduler's pass may have said why it waits meanwhile (the test server starts none: 0 at once).
    expect([null, "limit_overall"]).toContain(got.body.data.wait_reason);
    expect(got.body.data).toEqual({ ...job, wait_reason: got.body.data.wait_reason });
  });

  it("fills what the submitter left out with the base version's recommended settings; what was given wins", async () => {
    const m = await developer.post(`/projects/${w.projectId}/models`, {
      name: `rec-${Date.now().toString(36)}`,
    });
    const recommended = {
      epochs: 2,
      batch_size: 16,
      learning_rate: 0.005,
      warmup_ratio: 0.05,
      max_length: 128,
      lora: { rank: 4, target_modules: ["attn_q", "attn_k", "attn_v"] },
    };
    const v = await developer.post(`/models/${m.body.data.id}/versions`, {
      files: [
        { path: "model.safetensors", sha256: await putBytes(developer, w.projectId, tinySafetensors()) },
        {
          path: "fine_tune_defaults.json",
          sha256: await putBytes(developer, w.projectId, JSON.stringify(recommended)),
        },
      ],
    });
    expect(v.status, v.text).toBe(201);
    const base = { base_model: { model_id: m.body.data.id } };
    const plain = await developer.post(jobsOf(w.projectId), minimalConfig(inputs, base));
    expect(plain.status, plain.text).toBe(201);
    expect(plain.body.data.config).toMatchObject({
      epochs: 2,
      batch_size: 16,
      learning_rate: 0.005,
      warmup_ratio: 0.05,
      max_length: 128,
      lora: { rank: 4, alpha: 16, target_modules: ["attn_q", "attn_k", "attn_v"] },
    });
    const given = await developer.post(
      jobsOf(w.projectId),
      minimalConfig(inputs, { ...base, learning_rate: 0.0002, warmup_steps: 5, lora: { rank: 32 } }),
    );
    expect(given.status, given.text).toBe(201);
    expect(given.body.data.config).toMatchObject({ learning_rate: 0.0002, warmup_steps: 5, epochs: 2 });
    expect(given.body.data.config.warmup_ratio).toBeUndefined();
    expect(given.body.data.config.lora).toMatchObject({
      rank: 32,
      target_modules: ["attn_q", "attn_k", "attn_v"],
    });
    // A model without recommendations gets the platform's defaults.
    const platform = await developer.post(jobsOf(w.projectId), minimalConfig(inputs));
    expect(platform.body.data.config).toMatchObject({ learning_rate: 0.001, epochs: 1, lora: { rank: 8 } });
  });

  it("resolves a tag to the version it points at now, keeps that id when the tag moves, and takes a version id as is", async () => {
    const m = await seedModel(developer, w.projectId, { versions: 2 });
    const [v1, v2] = m.versionIds;
    const byLatest = await seedJob(developer, w.projectId, { ...inputs, modelId: m.modelId });
    const stable = await developer.put(`/models/${m.modelId}/tags/stable`, { version_id: v1 });
    expect(stable.status, stable.text).toBe(200);
    const byTag = await developer.post(
      jobsOf(w.projectId),
      minimalConfig(inputs, { base_model: { model_id: m.modelId, tag: "stable" } }),
    );
    expect(byTag.status, byTag.text).toBe(201);
    const byVersion = await developer.post(
      jobsOf(w.projectId),
      minimalConfig(inputs, { base_model: { version_id: v1 } }),
    );
    expect(byVersion.status, byVersion.text).toBe(201);
    expect(byTag.body.data).toMatchObject({ base_model_id: m.modelId, base_model_version_id: v1 });
    expect(byTag.body.data.config.base_model).toEqual({ model_id: m.modelId, tag: "stable" });
    expect(byVersion.body.data).toMatchObject({ base_model_id: m.modelId, base_model_version_id: v1 });

    expect((await developer.put(`/models/${m.modelId}/tags/latest`, { version_id: v1 })).status).toBe(200);
    const later = await developer.get(`/fine-tuning/jobs/${byLatest.id}`);
    expect(later.body.data.base_model_version_id).toBe(v2);

    const missingTag = await developer.post(
      jobsOf(w.projectId),
      minimalConfig(inputs, { base_model: { model_id: m.modelId, tag: "nope" } }),
    );
    expect(missingTag.status).toBe(404);
    expect(missingTag.body.error.message).toContain('tag "nope"');
  });

  it("answers another tenant's dataset and model ids exactly like unknown ids, and refuses another project's dataset", async () => {
    const theirs = await seedJobInputs(other.users.developer!.client, other.projectId);
    const elsewhere = await w.users.tenantAdmin!.client.post(`/tenants/${w.tenantId}/projects`, {
      name: `Elsewhere ${Date.now()}`,
      env: "dev",
    });
    const sibling = await seedDataset(w.users.tenantAdmin!.client, elsewhere.body.data.id);
    const unknown = {
      dsv: "dsv_00000000000000000000000000",
      mdl: "mdl_00000000000000000000000000",
      mv: "mv_00000000000000000000000000",
    };
    const attempt = (extra: Record<string, unknown>) =>
      w.users.tenantAdmin!.client.post(jobsOf(w.projectId), minimalConfig(inputs, extra));
    const shape = (
      res: { status: number; body: { error: { code: string; message: string } } },
      id: string,
    ) => ({
      status: res.status,
      code: res.body.error.code,
      message: res.body.error.message.replace(id, "<id>"),
    });
    const cases: [Record<string, unknown>, string, Record<string, unknown>, string][] = [
      [
        { dataset_version_id: theirs.datasetVersionId },
        theirs.datasetVersionId,
        { dataset_version_id: unknown.dsv },
        unknown.dsv,
      ],
      [
        { validation_dataset_version_id: theirs.datasetVersionId },
        theirs.datasetVersionId,
        { validation_dataset_version_id: unknown.dsv },
        unknown.dsv,
      ],
      [
        { base_model: { model_id: theirs.modelId } },
        theirs.modelId,
        { base_model: { model_id: unknown.mdl } },
        unknown.mdl,
      ],
      [
        { base_model: { version_id: theirs.versionId } },
        theirs.versionId,
        { base_model: { version_id: unknown.mv } },
        unknown.mv,
      ],
      [
        { output: { model_id: theirs.modelId } },
        theirs.modelId,
        { output: { model_id: unknown.mdl } },
        unknown.mdl,
      ],
      [
        { dataset_version_id: sibling.versionIds[0] },
        sibling.versionIds[0]!,
        { dataset_version_id: unknown.dsv },
        unknown.dsv,
      ],
    ];
    for (const [foreign, foreignId, missing, missingId] of cases) {
      const a = shape(await attempt(foreign), foreignId);
      const b = shape(await attempt(missing), missingId);
      expect(a, JSON.stringify(foreign)).toEqual(b);
      expect(a.status).toBe(404);
      expect(a.code).toBe("not_found");
    }
    // Another tenant's project itself is invisible too.
    const theirProject = await w.users.tenantAdmin!.client.post(
      jobsOf(other.projectId),
      minimalConfig(theirs),
    );
    expect(theirProject.status).toBe(404);
  });

  it("trains on a model shared in the tenant, but adds versions only to the project's own models", async () => {
    const elsewhere = await w.users.tenantAdmin!.client.post(`/tenants/${w.tenantId}/projects`, {
      name: `Shared ${Date.now()}`,
      env: "dev",
    });
    const shared = await seedModel(w.users.tenantAdmin!.client, elsewhere.body.data.id, {
      visibility: "tenant_shared",
    });
    const job = await developer.post(
      jobsOf(w.projectId),
      minimalConfig(inputs, { base_model: { model_id: shared.modelId } }),
    );
    expect(job.status, job.text).toBe(201);
    expect(job.body.data.base_model_version_id).toBe(shared.versionIds[0]);
    const into = await developer.post(
      jobsOf(w.projectId),
      minimalConfig(inputs, { output: { model_id: shared.modelId } }),
    );
    expect(into.status).toBe(404);
    const own = await developer.post(
      jobsOf(w.projectId),
      minimalConfig(inputs, { output: { model_id: inputs.modelId } }),
    );
    expect(own.status, own.text).toBe(201);
    expect(own.body.data).toMatchObject({ output_model_id: inputs.modelId, output_model_name: null });
  });

  it("refuses what the runtime cannot do, naming hf-peft, and what the resource class cannot hold", async () => {
    const bf16 = await developer.post(jobsOf(w.projectId), minimalConfig(inputs, { precision: "bf16" }));
    expect(bf16.status).toBe(422);
    expect(bf16.body.error.code).toBe("unprocessable_content");
    expect(bf16.body.error.message).toContain('runtime "reference" does not support precision bf16');
    expect(bf16.body.error.message).toContain("hf-peft");
    expect(bf16.body.error.details).toMatchObject({
      field: "precision",
      runtime: "reference",
      runtimes_that_can: ["hf-peft"],
    });
    const gpus = await developer.post(jobsOf(w.projectId), minimalConfig(inputs, { gpu_count: 1 }));
    expect(gpus.status).toBe(422);
    expect(gpus.body.error.message).toContain("hf-peft");

    const onCpu = await developer.post(
      jobsOf(w.projectId),
      minimalConfig(inputs, { runtime: "hf-peft", precision: "bf16", gpu_count: 2, ddp: true }),
    );
    expect(onCpu.status).toBe(422);
    expect(onCpu.body.error.message).toContain('resource class "cpu-2" has 0 GPU(s)');

    const unknownRuntime = await developer.post(
      jobsOf(w.projectId),
      minimalConfig(inputs, { runtime: "nope" }),
    );
    expect(unknownRuntime.status).toBe(422);
    expect(unknownRuntime.body.error.message).toContain("reference, hf-peft");

    const unknownClass = await developer.post(
      jobsOf(w.projectId),
      minimalConfig(inputs, { resource_class: "gpu-9000" }),
    );
    expect(unknownClass.status).toBe(422);
    expect(unknownClass.body.error.message).toContain('resource class "gpu-9000" does not exist');
    expect(unknownClass.body.error.details.resource_classes).toContain("cpu-2");

    const ddpAlone = await developer.post(jobsOf(w.projectId), minimalConfig(inputs, { ddp: true }));
    expect(ddpAlone.status).toBe(400);
    expect(JSON.stringify(ddpAlone.body.error.details)).toContain("ddp needs gpu_count of at least 2");
  });

  it("checks fields that exclude each other, the artifact a method makes, the output name and the records' format", async () => {
    const expect400 = async (extra: Record<string, unknown>, text: string) => {
      const res = await developer.post(jobsOf(w.projectId), minimalConfig(inputs, extra));
      expect(res.status, res.text).toBe(400);
      expect(res.body.error.code).toBe("validation_error");
      expect(JSON.stringify(res.body.error.details)).toContain(text);
    };
    await expect400(
      { validation_split: 0.2, validation_dataset_version_id: inputs.datasetVersionId },
      "not both",
    );
    await expect400({ warmup_ratio: 0.1, warmup_steps: 10 }, "warmup_ratio or warmup_steps");
    await expect400({ output: { model_name: "x", artifact_type: "full" } }, "adapter or merged");
    await expect400(
      { method: "full", output: { model_name: "x", artifact_type: "adapter" } },
      "must be full",
    );
    await expect400({ output: { model_name: "x", model_id: inputs.modelId } }, "model_name");
    await expect400({ base_model: { model_id: inputs.modelId, version_id: inputs.versionId } }, "version_id");
    await expect400({ learning_rate: 5 }, "learning_rate");
    await expect400({ lora: { rank: 0 } }, "rank");
    await expect400({ budget: { amount: 10 } }, "currency");

    const full = await developer.post(jobsOf(w.projectId), minimalConfig(inputs, { method: "full" }));
    expect(full.status, full.text).toBe(201);
    expect(full.body.data).toMatchObject({ method: "full", artifact_type: "full" });

    const taken = await developer.get(`/models/${inputs.modelId}`);
    const clash = await developer.post(
      jobsOf(w.projectId),
      minimalConfig(inputs, { output: { model_name: taken.body.data.name } }),
    );
    expect(clash.status).toBe(409);
    expect(clash.body.error.message).toContain(inputs.modelId);

    // Text records pretrain; SFT needs chats or prompt/completion pairs.
    const ds = await developer.post(`/projects/${w.projectId}/datasets`, { name: `text-${Date.now()}` });
    const sha256 = await putText(developer, w.projectId, '{"text":"one"}\n{"text":"two"}\n');
    const v = await developer.post(`/datasets/${ds.body.data.id}/versions`, {
      files: [{ sha256, name: "t.jsonl" }],
    });
    expect(v.status, v.text).toBe(201);
    const sft = await developer.post(
      jobsOf(w.projectId),
      minimalConfig(inputs, { dataset_version_id: v.body.data.id }),
    );
    expect(sft.status).toBe(422);
    expect(sft.body.error.message).toContain("stage pretrain");
    const pretrain = await developer.post(
      jobsOf(w.projectId),
      minimalConfig(inputs, { dataset_version_id: v.body.data.id, stage: "pretrain" }),
    );
    expect(pretrain.status, pretrain.text).toBe(201);
    const mixed = await developer.post(
      jobsOf(w.projectId),
      minimalConfig(inputs, { validation_dataset_version_id: v.body.data.id }),
    );
    expect(mixed.status).toBe(422);
  });

  it("takes a separate validation version instead of a split, and a budget, priority and name", async () => {
    const d = await seedDataset(developer, w.projectId, { versions: 2 });
    // An amount budget is counted at the class's hourly price, in its currency.
    const priced = await w.admin.post("/admin/resource-classes", {
      name: "cpu-cny",
      cpus: 2,
      memory_bytes: 4 * 1024 ** 3,
      hourly_price: 3,
      currency: "CNY",
    });
    expect(priced.status, priced.text).toBe(201);
    const res = await developer.post(
      jobsOf(w.projectId),
      minimalConfig(inputs, {
        name: "support bot v2",
        dataset_version_id: d.versionIds[0],
        validation_dataset_version_id: d.versionIds[1],
        budget: { amount: 12.5, currency: "CNY" },
        resource_class: "cpu-cny",
        priority: 5,
      }),
    );
    expect(res.status, res.text).toBe(201);
    expect(res.body.data).toMatchObject({
      name: "support bot v2",
      priority: 5,
      dataset_version_id: d.versionIds[0],
      validation_dataset_version_id: d.versionIds[1],
    });
    expect(res.body.data.config.validation_split).toBeUndefined();
    expect(res.body.data.config.budget).toEqual({ amount: 12.5, currency: "CNY" });
    const same = await developer.post(
      jobsOf(w.projectId),
      minimalConfig(inputs, {
        dataset_version_id: d.versionIds[0],
        validation_dataset_version_id: d.versionIds[0],
      }),
    );
    expect(same.status).toBe(422);
  });

  it("lets Owners and Developers submit, Viewers and Finance only read", async () => {
    const viewer = await w.users.viewer!.client.post(jobsOf(w.projectId), minimalConfig(inputs));
    expect(viewer.status).toBe(403);
    const finance = await w.users.finance!.client.post(jobsOf(w.projectId), minimalConfig(inputs));
    expect(finance.status).toBe(403);
    expect((await w.users.finance!.client.get(jobsOf(w.projectId))).status).toBe(200);
    expect((await w.users.owner!.client.post(jobsOf(w.projectId), minimalConfig(inputs))).status).toBe(201);
    expect((await w.users.member!.client.get(jobsOf(w.projectId))).status).toBe(404);
  });
});

describe("fine-tuning job lists", () => {
  let server: RunningServer;
  let w: World;
  let inputs: JobInputs;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    server = await startTestServer();
    w = await createWorld(server.url);
    inputs = await seedJobInputs(w.users.developer!.client, w.projectId);
    const dev = w.users.developer!.client;
    const owner = w.users.owner!.client;
    ids.a = (await seedJob(dev, w.projectId, inputs, { name: "alpha" })).id;
    ids.b = (await seedJob(dev, w.projectId, inputs, { name: "beta", method: "full" })).id;
    ids.c = (await seedJob(owner, w.projectId, inputs, { name: "gamma" })).id;
    ids.d = (await seedJob(owner, w.projectId, inputs, { name: "delta", method: "full" })).id;
    ids.e = (await seedJob(dev, w.projectId, inputs, { name: "epsilon" })).id;
    expect((await dev.post(`/fine-tuning/jobs/${ids.b}/cancel`)).status).toBe(200);
    expect((await owner.post(`/fine-tuning/jobs/${ids.c}/cancel`)).status).toBe(200);
  });
  afterAll(async () => server?.stop());

  const list = async (query = "", client?: HttpClient) => {
    const res = await (client ?? w.users.owner!.client).get(
      `/projects/${w.projectId}/fine-tuning/jobs${query}`,
    );
    expect(res.status, res.text).toBe(200);
    return res.body as { data: { id: string; name: string }[]; next_cursor: string | null };
  };
  const names = (page: { data: { name: string }[] }) => page.data.map((j) => j.name);

  it("lists newest first and walks cursor pages without gaps or repeats", async () => {
    expect(names(await list())).toEqual(["epsilon", "delta", "gamma", "beta", "alpha"]);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await list(`?limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      expect(page.data.length).toBeLessThanOrEqual(2);
      seen.push(...names(page));
      cursor = page.next_cursor;
    } while (cursor);
    expect(seen).toEqual(["epsilon", "delta", "gamma", "beta", "alpha"]);
    expect(names(await list("?sort=created_at"))).toEqual(["alpha", "beta", "gamma", "delta", "epsilon"]);
    const bad = await w.users.owner!.client.get(`/projects/${w.projectId}/fine-tuning/jobs?cursor=garbage`);
    expect(bad.status).toBe(400);
  });

  it("filters by status, method, creator, creation time and keyword, and exports CSV", async () => {
    expect(names(await list("?status=canceled"))).toEqual(["gamma", "beta"]);
    expect(names(await list("?status=queued&method=full"))).toEqual(["delta"]);
    expect(names(await list(`?created_by=${w.users.owner!.id}`))).toEqual(["delta", "gamma"]);
    expect(names(await list("?created_by=me", w.users.developer!.client))).toEqual([
      "epsilon",
      "beta",
      "alpha",
    ]);
    const c = (await w.users.owner!.client.get(`/fine-tuning/jobs/${ids.c}`)).body.data.created_at;
    expect(names(await list(`?created_after=${encodeURIComponent(c)}`))).toEqual([
      "epsilon",
      "delta",
      "gamma",
    ]);
    expect(names(await list(`?created_before=${encodeURIComponent(c)}`))).toEqual(["beta", "alpha"]);
    expect(names(await list("?q=eps"))).toEqual(["epsilon"]);
    expect(names(await list(`?q=${ids.a}`))).toEqual(["alpha"]);
    const badDate = await w.users.owner!.client.get(
      `/projects/${w.projectId}/fine-tuning/jobs?created_after=yesterday`,
    );
    expect(badDate.status).toBe(400);
    const csv = await w.users.owner!.client.get(
      `/projects/${w.projectId}/fine-tuning/jobs?format=csv&status=canceled`,
    );
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toMatch(/text\/csv/);
    expect(csv.text).toContain(ids.b);
    expect(csv.text).toContain(ids.c);
    expect(csv.text).not.toContain(ids.a);
  });

  it("with fine_tuning_own_jobs_only on, shows Developers and Viewers only their own jobs; Owners still see all", async () => {
    const owner = w.users.owner!.client;
    const dev = w.users.developer!.client;
    const viewer = w.users.viewer!.client;
    const policies = await owner.get(`/projects/${w.projectId}/policies`);
    expect(policies.body.data.fine_tuning_own_jobs_only).toBe(false);
    const on = await owner.put(`/projects/${w.projectId}/policies`, {
      prod_disallow_scale_to_zero: true,
      prod_force_alerts: true,
      prod_no_playground_logging: true,
      viewers_cannot_view_logs: true,
      fine_tuning_own_jobs_only: true,
    });
    expect(on.status, on.text).toBe(200);
    expect(on.body.data.fine_tuning_own_jobs_only).toBe(true);

    expect(names(await list("", dev))).toEqual(["epsilon", "beta", "alpha"]);
    expect(names(await list("", viewer))).toEqual([]);
    expect(names(await list("", owner))).toHaveLength(5);
    expect(names(await list("", w.users.tenantAdmin!.client))).toHaveLength(5);
    // Someone else's job is as invisible as an unknown one, for reading and acting.
    const foreign = await dev.get(`/fine-tuning/jobs/${ids.d}`);
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.message).toBe("fine-tuning job not found");
    expect((await dev.post(`/fine-tuning/jobs/${ids.d}/cancel`)).status).toBe(404);
    expect((await dev.post(`/fine-tuning/jobs/${ids.d}/clone`, {})).status).toBe(404);
    expect((await dev.get(`/fine-tuning/jobs/${ids.a}`)).status).toBe(200);
    expect((await owner.get(`/fine-tuning/jobs/${ids.a}`)).status).toBe(200);

    const off = await owner.put(`/projects/${w.projectId}/policies`, {
      prod_disallow_scale_to_zero: true,
      prod_force_alerts: true,
      prod_no_playground_logging: true,
      viewers_cannot_view_logs: true,
      fine_tuning_own_jobs_only: false,
    });
    expect(off.status).toBe(200);
    expect(names(await list("", viewer))).toHaveLength(5);
    expect((await dev.get(`/fine-tuning/jobs/${ids.d}`)).status).toBe(200);
  });
});
