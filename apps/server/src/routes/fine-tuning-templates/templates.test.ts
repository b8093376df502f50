import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../main.js";
import type { HttpClient, TestResponse } from "../../testing/http.js";
import { startTestServer } from "../../testing/test-server.js";
import { createWorld, type World } from "../../testing/world.js";
import { type JobInputs, minimalConfig, seedJobInputs } from "../fine-tuning/fine-tuning-test-helpers.js";

describe("fine-tuning templates: saved job configurations of a project, and jobs created from them", () => {
  let server: RunningServer;
  let w: World;
  let other: World;
  let dev: HttpClient;
  let inputs: JobInputs;
  let n = 0;

  beforeAll(async () => {
    server = await startTestServer();
    w = await createWorld(server.url);
    other = await createWorld(server.url);
    dev = w.users.developer!.client;
    inputs = await seedJobInputs(w.users.owner!.client, w.projectId);
  });
  afterAll(async () => server?.stop());

  const templates = `/projects/${"PROJECT"}/fine-tuning/templates`;
  const listPath = () => templates.replace("PROJECT", w.projectId);
  const create = async (extra: Record<string, unknown> = {}, client = dev) => {
    n += 1;
    const res = await client.post(listPath(), {
      name: `tpl-${n}`,
      config: minimalConfig(inputs, { epochs: 2, lora: { rank: 16, alpha: 32 } }),
      ...extra,
    });
    expect(res.status, res.text).toBe(201);
    return res.body.data as { id: string; name: string; config: Record<string, any> };
  };

  it("creates, reads, lists, renames, replaces the config of and deletes a template", async () => {
    const created = await dev.post(listPath(), {
      name: "LoRA small",
      description: "rank 16 on the chat set",
      config: minimalConfig(inputs, { epochs: 2, lora: { rank: 16 } }),
    });
    expect(created.status, created.text).toBe(201);
    const t = created.body.data;
    expect(t).toMatchObject({
      id: expect.stringMatching(/^ftt_[0-9a-z]{26}$/),
      project_id: w.projectId,
      tenant_id: w.tenantId,
      name: "LoRA small",
      description: "rank 16 on the chat set",
      created_by: w.users.developer!.id,
      config: { epochs: 2, dataset_version_id: inputs.datasetVersionId },
    });
    // Kept as given: settings it leaves out are not frozen at the platform's defaults.
    expect(t.config.learning_rate).toBeUndefined();

    const viewer = w.users.viewer!.client;
    expect((await viewer.get(`/fine-tuning/templates/${t.id}`)).body.data).toEqual(t);
    const listed = await viewer.get(`${listPath()}?q=small`);
    expect(listed.status, listed.text).toBe(200);
    expect(listed.body.data.map((x: { id: string }) => x.id)).toEqual([t.id]);

    const renamed = await dev.patch(`/fine-tuning/templates/${t.id}`, { name: "LoRA tiny" });
    expect(renamed.status, renamed.text).toBe(200);
    expect(renamed.body.data).toMatchObject({
      name: "LoRA tiny",
      description: t.description,
      config: t.config,
    });
    const replaced = await dev.patch(`/fine-tuning/templates/${t.id}`, {
      config: minimalConfig(inputs, { method: "full" }),
    });
    expect(replaced.body.data.config).toMatchObject({ method: "full" });
    expect(replaced.body.data.config.lora).toBeUndefined();

    expect((await dev.delete(`/fine-tuning/templates/${t.id}`)).status).toBe(204);
    expect((await viewer.get(`/fine-tuning/templates/${t.id}`)).status).toBe(404);
  });

  it("refuses a name the project already has (ignoring case) with 409 template_name_taken, on create and rename", async () => {
    const a = await create({ name: "Baseline" });
    const dup = await dev.post(listPath(), { name: "baseline", config: minimalConfig(inputs) });
    expect(dup.status, dup.text).toBe(409);
    expect(dup.body.error).toMatchObject({ code: "conflict", details: { reason: "template_name_taken" } });
    expect(dup.body.error.message).toContain("baseline");
    const b = await create();
    const rename = await dev.patch(`/fine-tuning/templates/${b.id}`, { name: "BASELINE" });
    expect(rename.status).toBe(409);
    expect(rename.body.error.details.reason).toBe("template_name_taken");
    // Another project may use the name.
    const elsewhere = await other.users.developer!.client.post(
      `/projects/${other.projectId}/fine-tuning/templates`,
      { name: "Baseline", config: minimalConfig(inputs) },
    );
    expect(elsewhere.status, elsewhere.text).toBe(201);
    expect(a.id).not.toBe(elsewhere.body.data.id);
  });

  it("checks the configuration with the job's rules and names the field; a name is 2–64 characters", async () => {
    const bad = async (config: Record<string, unknown>, field: string) => {
      const res = await dev.post(listPath(), { name: `bad-${++n}`, config });
      expect(res.status, res.text).toBe(400);
      expect(res.body.error.code).toBe("validation_error");
      expect(res.body.error.details.fields.map((f: { path: string }) => f.path)).toContain(field);
    };
    await bad(minimalConfig(inputs, { epochs: -1 }), "config.epochs");
    await bad(minimalConfig(inputs, { lora: { rank: 0 } }), "config.lora.rank");
    await bad(minimalConfig(inputs, { warmup_ratio: 0.1, warmup_steps: 5 }), "config.warmup_steps");
    // The job's name is not part of a template.
    await bad(minimalConfig(inputs, { name: "job" }), "config");
    const { output: _, ...noOutput } = minimalConfig(inputs);
    await bad(noOutput, "config.output");
    for (const name of ["x", "y".repeat(65)]) {
      const res = await dev.post(listPath(), { name, config: minimalConfig(inputs) });
      expect(res.status).toBe(400);
      expect(res.body.error.details.fields[0].path).toBe("name");
    }
  });

  it("lets viewers read but not write, and answers 404 for another tenant's template", async () => {
    const t = await create();
    const viewer = w.users.viewer!.client;
    const refused = await viewer.post(listPath(), { name: "viewer-made", config: minimalConfig(inputs) });
    expect(refused.status).toBe(403);
    expect((await viewer.patch(`/fine-tuning/templates/${t.id}`, { description: "x" })).status).toBe(403);
    expect((await viewer.delete(`/fine-tuning/templates/${t.id}`)).status).toBe(403);

    const stranger = other.users.owner!.client;
    for (const res of [
      await stranger.get(`/fine-tuning/templates/${t.id}`),
      await stranger.patch(`/fine-tuning/templates/${t.id}`, { description: "x" }),
      await stranger.delete(`/fine-tuning/templates/${t.id}`),
    ])
      expect(res.status, res.text).toBe(404);
    expect((await stranger.get(listPath())).status).toBe(404);
  });

  it("creates a job from a template: the request's fields override it, lora merged one level", async () => {
    const t = await create();
    const res = await dev.post(`/projects/${w.projectId}/fine-tuning/jobs`, {
      template_id: t.id,
      name: "from template",
      epochs: 3,
      lora: { rank: 4 },
      output: { model_name: `from-template-${n}` },
    });
    expect(res.status, res.text).toBe(201);
    const job = res.body.data;
    expect(job).toMatchObject({ template_id: t.id, name: "from template" });
    expect(job.config).toMatchObject({
      epochs: 3,
      lora: { rank: 4, alpha: 32 },
      base_model: { model_id: inputs.modelId },
      dataset_version_id: inputs.datasetVersionId,
      output: { model_name: `from-template-${n}` },
    });
    // Recorded on the job and in its detail after the template is gone.
    expect((await dev.delete(`/fine-tuning/templates/${t.id}`)).status).toBe(204);
    const read = await dev.get(`/fine-tuning/jobs/${job.id}`);
    expect(read.body.data.template_id).toBe(t.id);
    // The dry run takes the same body.
    const t2 = await create();
    const dry = await dev.post(`/projects/${w.projectId}/fine-tuning/jobs/validate`, {
      template_id: t2.id,
      epochs: 4,
    });
    expect(dry.status, dry.text).toBe(200);
    expect(dry.body.data.config).toMatchObject({ epochs: 4, lora: { rank: 16, alpha: 32 } });
    // A job without a template says so.
    const plain = await dev.post(`/projects/${w.projectId}/fine-tuning/jobs`, minimalConfig(inputs));
    expect(plain.body.data.template_id).toBeNull();
  });

  it("refuses a template of another project or tenant (404), and a merge that is not a valid configuration (400)", async () => {
    const strangerTemplate = await other.users.owner!.client.post(
      `/projects/${other.projectId}/fine-tuning/templates`,
      { name: "theirs", config: minimalConfig(inputs) },
    );
    expect(strangerTemplate.status, strangerTemplate.text).toBe(201);
    const jobs = `/projects/${w.projectId}/fine-tuning/jobs`;
    const foreign = await dev.post(jobs, { template_id: strangerTemplate.body.data.id });
    expect(foreign.status, foreign.text).toBe(404);
    const unknown = await dev.post(jobs, { template_id: "ftt_00000000000000000000000000" });
    expect(unknown.status).toBe(404);

    const t = await create();
    const invalid = await dev.post(jobs, { template_id: t.id, ddp: true });
    expect(invalid.status, invalid.text).toBe(400);
    expect(invalid.body.error.details.fields.map((f: { path: string }) => f.path)).toContain("ddp");
    // Without a template the required fields are still required.
    const bare = await dev.post(jobs, { epochs: 2 });
    expect(bare.status).toBe(400);
    expect(bare.body.error.details.fields.map((f: { path: string }) => f.path)).toEqual(
      expect.arrayContaining(["base_model", "dataset_version_id", "output"]),
    );
  });

  it("pages the list with a cursor and sorts by name", async () => {
    const project = await w.users.tenantAdmin!.client.post(`/tenants/${w.tenantId}/projects`, {
      name: `paged-${n}`,
      env: "dev",
    });
    expect(project.status, project.text).toBe(201);
    const path = `/projects/${project.body.data.id}/fine-tuning/templates`;
    const admin = w.users.tenantAdmin!.client;
    for (const name of ["gamma", "alpha", "delta", "beta", "epsilon"]) {
      const res = await admin.post(path, { name, config: minimalConfig(inputs) });
      expect(res.status, res.text).toBe(201);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: TestResponse = await admin.get(
        `${path}?limit=2&sort=name${cursor ? `&cursor=${cursor}` : ""}`,
      );
      expect(res.status, res.text).toBe(200);
      expect(res.body.data.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.data.map((x: { name: string }) => x.name));
      cursor = res.body.next_cursor;
    } while (cursor);
    expect(seen).toEqual(["alpha", "beta", "delta", "epsilon", "gamma"]);
  });

  it("audits every write with the template before and after", async () => {
    const t = await create();
    await dev.patch(`/fine-tuning/templates/${t.id}`, { description: "edited" });
    await dev.delete(`/fine-tuning/templates/${t.id}`);
    const events = await w.users.owner!.client.get(
      `/projects/${w.projectId}/audit-events?resource_id=${t.id}`,
    );
    expect(events.status, events.text).toBe(200);
    const rows = [...events.body.data].reverse();
    expect(
      rows.map((e: any) => [
        e.action,
        e.resource_type,
        e.before?.description ?? null,
        e.after?.description ?? null,
      ]),
    ).toEqual([
      ["fine_tuning.template.create", "fine_tune_template", null, ""],
      ["fine_tuning.template.update", "fine_tune_template", "", "edited"],
      ["fine_tuning.template.delete", "fine_tune_template", "edited", null],
    ]);
    expect(rows.every((e: any) => e.actor_id === w.users.developer!.id)).toBe(true);
  });

  it("answers a form body with 415 and malformed JSON with 400, not 500", async () => {
    const form = await dev.post(listPath(), "name=x&config=y", {
      "content-type": "application/x-www-form-urlencoded",
    });
    expect(form.status, form.text).toBe(415);
    expect(form.body.error.code).toBe("unsupported_media_type");
    const t = await create();
    const patch = await dev.request("PATCH", `/fine-tuning/templates/${t.id}`, "name=x", {
      "content-type": "multipart/form-data; boundary=x",
    });
    expect(patch.status, patch.text).toBe(415);
    const broken = await dev.post(listPath(), '{"name": ', { "content-type": "application/json" });
    expect(broken.status).toBe(400);
  });
});
