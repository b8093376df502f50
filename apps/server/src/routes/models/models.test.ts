import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { registerReferenceKind } from "@infera/core";
import { seedServiceAccount, seedUser } from "@infera/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../main.js";
import { type HttpClient, httpClient, loginAs } from "../../testing/http.js";
import { startTestServer, TEST_ADMIN } from "../../testing/test-server.js";
import { putBytes, seedModel, tinySafetensors } from "./model-test-helpers.js";

const tinyDir = fileURLToPath(
  new URL("../../../../../packages/runtimes/assets/infera-tiny/", import.meta.url),
);
const PASSWORD = "a-long-enough-password-for-tests";

describe("model registry API", () => {
  let server: RunningServer;
  let platform: HttpClient;
  let tenantId: string;
  let projectId: string;
  let otherProjectId: string;
  let owner: HttpClient;
  let developer: HttpClient;
  let finance: HttpClient;
  let outsider: HttpClient;
  let n = 0;
  const unique = (p: string) => `${p}-${Date.now().toString(36)}-${++n}`;

  async function user(
    role: "tenant_admin" | "member" | "finance",
    projects: { projectId: string; role: "owner" | "developer" | "viewer" }[] = [],
    tenant = tenantId,
  ) {
    const email = `${unique("u")}@example.test`;
    await seedUser(server.database.db, {
      email,
      password: PASSWORD,
      tenants: [{ tenantId: tenant, role }],
      projects,
    });
    return loginAs(server.url, email, PASSWORD);
  }

  beforeAll(async () => {
    server = await startTestServer();
    platform = await loginAs(server.url, TEST_ADMIN.email, TEST_ADMIN.password);
    tenantId = (await platform.post("/tenants", { name: unique("Models") })).body.data.id;
    const other = (await platform.post("/tenants", { name: unique("Other") })).body.data.id;
    const ownerId = `${unique("owner")}@example.test`;
    const o = await seedUser(server.database.db, {
      email: ownerId,
      password: PASSWORD,
      tenants: [{ tenantId, role: "member" }],
    });
    const admin = await user("tenant_admin");
    projectId = (
      await admin.post(`/tenants/${tenantId}/projects`, { name: unique("P"), env: "prod", owner_id: o.id })
    ).body.data.id;
    otherProjectId = (
      await admin.post(`/tenants/${tenantId}/projects`, { name: unique("Q"), env: "dev", owner_id: o.id })
    ).body.data.id;
    owner = await loginAs(server.url, ownerId, PASSWORD);
    developer = await user("member", [{ projectId, role: "developer" }]);
    finance = await user("finance");
    outsider = await user("tenant_admin", [], other);
  });
  afterAll(async () => server?.stop());

  it("reads a version's recommended fine-tuning settings from fine_tune_defaults.json, and refuses bad ones", async () => {
    const weights = await readFile(`${tinyDir}model.safetensors`);
    const weightsSha = await putBytes(developer, projectId, weights);
    const recommended = await readFile(`${tinyDir}fine_tune_defaults.json`);
    const m = await developer.post(`/projects/${projectId}/models`, { name: unique("rec"), license: "MIT" });
    const version = (files: { path: string; sha256: string }[]) =>
      developer.post(`/models/${m.body.data.id}/versions`, { artifact_type: "full", files });
    const good = await version([
      { path: "model.safetensors", sha256: weightsSha },
      { path: "fine_tune_defaults.json", sha256: await putBytes(developer, projectId, recommended) },
    ]);
    expect(good.status, good.text).toBe(201);
    expect(good.body.data.metadata.fine_tune_defaults).toMatchObject({
      learning_rate: 0.005,
      lora: { target_modules: expect.arrayContaining(["attn_q", "ffn_down"]) },
    });
    const bad = await version([
      { path: "model.safetensors", sha256: weightsSha },
      {
        path: "fine_tune_defaults.json",
        sha256: await putBytes(developer, projectId, Buffer.from('{"learning_rate": 7, "lr_typo": 1}')),
      },
    ]);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^fine_tune_defaults.json holds settings Infera cannot use: /);
    expect(bad.body.error.message).toContain("learning_rate");
    const none = await version([{ path: "model.safetensors", sha256: weightsSha }]);
    expect(none.body.data.metadata.fine_tune_defaults ?? null).toBeNull();
  });

  it("registers the bundled model's files: format, digest and metadata come from the bytes", async () => {
    const files = [];
    for (const name of ["config.json", "tokenizer.json", "model.safetensors", "infera-tiny-f32.gguf"]) {
      const bytes = await readFile(`${tinyDir}${name}`);
      files.push({ path: name, sha256: await putBytes(developer, projectId, bytes), size: bytes.length });
    }
    const m = await developer.post(`/projects/${projectId}/models`, { name: unique("tiny"), license: "MIT" });
    expect(m.status).toBe(201);
    const v = await developer.post(`/models/${m.body.data.id}/versions`, {
      artifact_type: "full",
      files: files.map(({ path, sha256 }) => ({ path, sha256 })),
      notes: "bundled",
    });
    expect(v.status, v.text).toBe(201);
    const version = v.body.data;
    expect(version.format).toBe("gguf");
    expect(version.formats).toEqual(["gguf", "safetensors"]);
    expect(version.size).toBe(files.reduce((a, f) => a + f.size, 0));
    const lines = files
      .map((f) => `${f.path}:${f.sha256}`)
      .sort()
      .join("\n");
    expect(version.digest).toBe(createHash("sha256").update(lines).digest("hex"));
    expect(version.metadata.architecture).toBe("llama");
    expect(version.metadata.quantization).toBe("F32");
    expect(version.metadata.parameter_count).toBe(
      version.metadata.files["model.safetensors"].safetensors.parameter_count,
    );
    expect(version.metadata.context_length).toBeGreaterThan(0);
    expect(version.files.find((f: { path: string }) => f.path === "tokenizer.json").kind).toBe("json");
    expect(version.tags).toEqual(["latest"]);
    expect(version.source).toBe("upload");

    const list = await developer.get(`/projects/${projectId}/models?weight_format=gguf&quantization=f32`);
    expect(list.body.data.map((x: { id: string }) => x.id)).toContain(m.body.data.id);
    // The list row carries the newest version's size and context, for the console's columns.
    const row = list.body.data.find((x: { id: string }) => x.id === m.body.data.id);
    expect(row.latest_version).toEqual({
      id: version.id,
      artifact_type: "full",
      format: "gguf",
      size: version.size,
      parameter_count: version.metadata.parameter_count,
      context_length: version.metadata.context_length,
      quantization: "F32",
      created_at: version.created_at,
    });
    expect(row.version_count).toBe(1);
    expect((await developer.get(`/projects/${projectId}/models?weight_format=bin`)).body.data).toEqual([]);
    const byVersion = await developer.get(`/projects/${projectId}/models?q=${version.id}`);
    expect(byVersion.body.data.map((x: { id: string }) => x.id)).toEqual([m.body.data.id]);
    const csv = await developer.get(`/projects/${projectId}/models?format=csv`);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    expect(csv.text).toContain(m.body.data.name);
  });

  it("lists system, tenant-shared and own models; private ones stay in their project; other tenants see 404", async () => {
    const shared = await seedModel(owner, otherProjectId, { visibility: "tenant_shared" });
    const hidden = await seedModel(owner, otherProjectId);
    const system = await platform.post("/models", { name: unique("sys") });
    expect(system.status).toBe(201);
    const scopes = async (scope?: string) =>
      (
        await developer.get(`/projects/${projectId}/models?limit=200${scope ? `&scope=${scope}` : ""}`)
      ).body.data.map((x: { id: string }) => x.id);
    const all = await scopes();
    expect(all).toContain(shared.modelId);
    expect(all).toContain(system.body.data.id);
    expect(all).not.toContain(hidden.modelId);
    expect(await scopes("system")).toContain(system.body.data.id);
    expect(await scopes("tenant")).toEqual([shared.modelId]);
    // The developer of P reads the shared model of Q but cannot change it; the private one is invisible.
    expect((await developer.get(`/models/${shared.modelId}/versions`)).status).toBe(200);
    expect((await developer.patch(`/models/${shared.modelId}`, { description: "x" })).status).toBe(403);
    expect((await developer.get(`/models/${hidden.modelId}`)).status).toBe(404);
    expect((await outsider.get(`/models/${shared.modelId}`)).status).toBe(404);
    expect((await outsider.get(`/model-versions/${shared.versionIds[0]}`)).status).toBe(404);
    expect((await outsider.get(`/models/${system.body.data.id}`)).status).toBe(200);
    expect((await developer.patch(`/models/${system.body.data.id}`, { description: "x" })).status).toBe(403);
    const pub = await developer.post(`/projects/${projectId}/models`, {
      name: unique("p"),
      visibility: "public",
    });
    expect(pub.status).toBe(400);
    const dup = await developer.post(`/projects/${projectId}/models`, { name: "dup-name" });
    expect(dup.status).toBe(201);
    expect((await owner.post(`/projects/${otherProjectId}/models`, { name: "dup-name" })).status).toBe(409);
  });

  it("refuses path traversal, duplicate paths, unknown digests, no weights and headers that lie", async () => {
    const { modelId } = await seedModel(developer, projectId, { versions: 0 });
    const sha = await putBytes(developer, projectId, tinySafetensors());
    const post = (files: unknown) => developer.post(`/models/${modelId}/versions`, { files });
    for (const path of [
      "../etc/passwd",
      "/abs/model.safetensors",
      "a\\b.safetensors",
      "a/./b",
      "a//b",
      "x\u0001y",
    ]) {
      const res = await post([{ path, sha256: sha }]);
      expect(res.status, path).toBe(400);
      expect(res.body.error.code).toBe("validation_error");
    }
    expect(
      (
        await post([
          { path: "m.safetensors", sha256: sha },
          { path: "m.safetensors", sha256: sha },
        ])
      ).status,
    ).toBe(400);
    const missing = await post([{ path: "m.safetensors", sha256: "0".repeat(64) }]);
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toContain("no blob with sha256");
    const text = await putBytes(developer, projectId, Buffer.from("just some text"));
    const none = await post([{ path: "readme.txt", sha256: text }]);
    expect(none.status).toBe(400);
    expect(none.body.error.message).toContain("no weight file");

    const u64 = (v: bigint) => {
      const b = Buffer.alloc(8);
      b.writeBigUInt64LE(v);
      return b;
    };
    const u32 = (v: number) => {
      const b = Buffer.alloc(4);
      b.writeUInt32LE(v);
      return b;
    };
    const lyingGguf = Buffer.concat([
      Buffer.from("GGUF"),
      u32(3),
      u64(1n << 50n),
      u64(3n),
      Buffer.alloc(256),
    ]);
    const g = await post([{ path: "model.gguf", sha256: await putBytes(developer, projectId, lyingGguf) }]);
    expect(g.status).toBe(400);
    expect(g.body.error.message).toMatch(/GGUF header is not valid/);
    const json = '{"w":{"dtype":"F32","shape":[1000000000],"data_offsets":[0,4000000000]}}';
    const lyingSt = Buffer.concat([u64(BigInt(json.length)), Buffer.from(json), Buffer.alloc(16)]);
    const s = await post([
      { path: "model.safetensors", sha256: await putBytes(developer, projectId, lyingSt) },
    ]);
    expect(s.status).toBe(400);
    expect(s.body.error.message).toMatch(/safetensors header is not valid/);
    expect((await developer.get(`/models/${modelId}/versions`)).body.data).toEqual([]);
    expect((await developer.get("/models/mdl_00000000000000000000000000")).status).toBe(404);
    expect((await developer.get("/model-versions/mv_00000000000000000000000000")).status).toBe(404);
  });

  it("takes files from finished tus uploads, once each", async () => {
    const sa = await seedServiceAccount(server.database.db, { projectId, tenantId, role: "developer" });
    const bytes = tinySafetensors(32, 9);
    const b64 = (s: string) => Buffer.from(s).toString("base64");
    const tus = { authorization: `Bearer ${sa.token}`, "tus-resumable": "1.0.0" };
    const created = await fetch(`${server.url}/api/v1/uploads`, {
      method: "POST",
      headers: {
        ...tus,
        "upload-length": String(bytes.length),
        "upload-metadata": `project_id ${b64(projectId)},filename ${b64("model.safetensors")}`,
      },
    });
    expect(created.status).toBe(201);
    const uploadId = created.headers.get("location")!.split("/").pop()!;
    const sent = await fetch(`${server.url}/api/v1/uploads/${uploadId}`, {
      method: "PATCH",
      headers: { ...tus, "upload-offset": "0", "content-type": "application/offset+octet-stream" },
      body: bytes,
    });
    expect(sent.status).toBe(204);
    const client = httpClient(server.url, { token: sa.token });
    const { modelId } = await seedModel(developer, projectId, { versions: 0 });
    const v = await client.post(`/models/${modelId}/versions`, {
      files: [{ path: "model.safetensors", upload_id: uploadId }],
    });
    expect(v.status, v.text).toBe(201);
    expect(v.body.data.files[0]).toMatchObject({
      sha256: createHash("sha256").update(bytes).digest("hex"),
      size: bytes.length,
      kind: "safetensors",
    });
    expect(v.body.data.metadata.parameter_count).toBe(32);
    const again = await client.post(`/models/${modelId}/versions`, {
      files: [{ path: "model.safetensors", upload_id: uploadId }],
    });
    expect(again.status).toBe(409);
  });

  it("downloads files with Range, ETag and 416; Finance gets no content", async () => {
    const { modelId } = await seedModel(developer, projectId, { versions: 0 });
    const bytes = tinySafetensors(64, 7);
    const sha = await putBytes(developer, projectId, bytes);
    const v = await developer.post(`/models/${modelId}/versions`, {
      files: [{ path: "weights/part-1.safetensors", sha256: sha }],
    });
    expect(v.status, v.text).toBe(201);
    const url = `/model-versions/${v.body.data.id}/files/${encodeURIComponent("weights/part-1.safetensors")}`;
    const all = await developer.get(url);
    expect(all.status).toBe(200);
    expect(all.headers.get("etag")).toBe(`"${sha}"`);
    expect(all.headers.get("content-length")).toBe(String(bytes.length));
    const part = await developer.get(url, { range: "bytes=8-15" });
    expect(part.status).toBe(206);
    expect(part.headers.get("content-range")).toBe(`bytes 8-15/${bytes.length}`);
    expect(Buffer.from(part.text, "latin1").length).toBe(8);
    const tail = await developer.get(url, { range: "bytes=-4" });
    expect(tail.status).toBe(206);
    expect(tail.headers.get("content-range")).toBe(
      `bytes ${bytes.length - 4}-${bytes.length - 1}/${bytes.length}`,
    );
    const bad = await developer.get(url, { range: `bytes=${bytes.length}-` });
    expect(bad.status).toBe(416);
    expect(bad.headers.get("content-range")).toBe(`bytes */${bytes.length}`);
    expect((await developer.get(`/model-versions/${v.body.data.id}/files/nope.bin`)).status).toBe(404);
    expect((await finance.get(url)).status).toBe(403);
    expect((await finance.get(`/model-versions/${v.body.data.id}`)).status).toBe(200);
  });

  it("moves tags by ref, stores the version id, keeps history, rolls back, and resolves", async () => {
    const { modelId, versionIds } = await seedModel(developer, projectId, { versions: 3 });
    const [v1, v2, v3] = versionIds as [string, string, string];
    expect((await developer.get(`/models/${modelId}/resolve?ref=latest`)).body.data.version_id).toBe(v3);
    const put = await developer.put(`/models/${modelId}/tags/staging`, { ref: "latest" });
    expect(put.status, put.text).toBe(200);
    expect(put.body.data).toMatchObject({ current_version_id: null, target_version_id: v3, changed: true });
    const again = await developer.put(`/models/${modelId}/tags/staging`, { version_id: v1, reason: "older" });
    expect(again.body.data).toMatchObject({ current_version_id: v3, target_version_id: v1 });
    const tags = await developer.get(`/models/${modelId}/tags`);
    expect(tags.body.data.find((t: { tag: string }) => t.tag === "staging").version_id).toBe(v1);
    const history = await developer.get(`/models/${modelId}/tags/staging/history`);
    expect(history.body.data.map((h: { to_version_id: string }) => h.to_version_id)).toEqual([v1, v3]);
    expect(history.body.data[0]).toMatchObject({ from_version_id: v3, reason: "older", action: "set" });
    const back = await developer.post(`/models/${modelId}/tags/staging/rollback`, { steps: 1 });
    expect(back.body.data).toMatchObject({ current_version_id: v1, target_version_id: v3 });
    const toEntry = await developer.post(`/models/${modelId}/tags/staging/rollback`, {
      to_history_id: history.body.data[0].id,
    });
    expect(toEntry.body.data.target_version_id).toBe(v1);
    expect((await developer.get(`/models/${modelId}/resolve?ref=${v2}`)).body.data).toMatchObject({
      version_id: v2,
      tag: null,
    });
    expect((await developer.get(`/models/${modelId}/resolve?ref=nope`)).status).toBe(404);
    expect((await developer.put(`/models/${modelId}/tags/Bad Tag!`, { version_id: v1 })).status).toBe(404);
    expect((await developer.get(`/models/${modelId}/tags/never/history`)).status).toBe(404);
    expect((await developer.put(`/models/${modelId}/tags/x`, { version_id: v1, ref: "latest" })).status).toBe(
      400,
    );
    const other = await seedModel(developer, projectId);
    expect(
      (await developer.put(`/models/${modelId}/tags/x`, { version_id: other.versionIds[0] })).status,
    ).toBe(404);
    // The tag points at the version: deleting it answers resource_in_use with the tag.
    const del = await owner.delete(`/model-versions/${v1}`);
    expect(del.status).toBe(409);
    expect(del.body.error.details.dependants).toEqual([
      expect.objectContaining({ type: "model_tag", name: expect.stringContaining(":staging") }),
    ]);
    expect((await owner.delete(`/model-versions/${v2}`)).status).toBe(204);
    expect((await developer.delete(`/models/${modelId}/tags/staging`)).status).toBe(403);
    expect((await owner.delete(`/models/${modelId}/tags/staging`)).status).toBe(204);
    expect((await owner.delete(`/model-versions/${v1}`)).status).toBe(204);
  });

  it("a Dev project moves prod freely; in a Prod project the gate is on by default and stays on when a PUT leaves it out", async () => {
    const dev = await seedModel(owner, otherProjectId);
    const devPolicies = (await owner.get(`/projects/${otherProjectId}/policies`)).body.data;
    expect(devPolicies).toMatchObject({ env: "dev", prod_requires_passing_evaluation: true });
    // Stored on, in force only while the project is Prod (like every env policy).
    const moved = await owner.put(`/models/${dev.modelId}/tags/prod`, { version_id: dev.versionIds[0] });
    expect(moved.status, moved.text).toBe(200);
    expect(moved.body.data.gates).toEqual([]);

    const { modelId, versionIds } = await seedModel(developer, projectId);
    expect(
      (await owner.get(`/projects/${projectId}/policies`)).body.data.prod_requires_passing_evaluation,
    ).toBe(true);
    // The console saves the four switches it shows: the gate it does not send stays as it was.
    const four = {
      prod_disallow_scale_to_zero: true,
      prod_force_alerts: true,
      prod_no_playground_logging: true,
      viewers_cannot_view_logs: true,
    };
    const saved = await owner.put(`/projects/${projectId}/policies`, four);
    expect(saved.body.data.prod_requires_passing_evaluation).toBe(true);
    const refused = await developer.put(`/models/${modelId}/tags/prod`, { version_id: versionIds[0] });
    expect(refused.status).toBe(412);
    expect(refused.body.error.code).toBe("precondition_failed");
  });

  it("prod is gated by the project policy: 412, then an Owner forces it with a reason that the audit log keeps", async () => {
    const { modelId, versionIds } = await seedModel(developer, projectId, { versions: 2 });
    const [v1, v2] = versionIds as [string, string];
    const gateOff = {
      prod_disallow_scale_to_zero: true,
      prod_force_alerts: true,
      prod_no_playground_logging: true,
      viewers_cannot_view_logs: true,
      prod_requires_passing_evaluation: false,
    };
    expect((await owner.put(`/projects/${projectId}/policies`, gateOff)).status).toBe(200);
    expect((await developer.put(`/models/${modelId}/tags/prod`, { version_id: v1 })).status).toBe(200);
    const set = await owner.put(`/projects/${projectId}/policies`, {
      ...gateOff,
      prod_requires_passing_evaluation: true,
    });
    expect(set.body.data.prod_requires_passing_evaluation).toBe(true);
    const dry = await developer.put(`/models/${modelId}/tags/prod`, { version_id: v2, dry_run: true });
    expect(dry.status).toBe(200);
    expect(dry.body.data).toMatchObject({ current_version_id: v1, target_version_id: v2, dry_run: true });
    expect(dry.body.data.gates[0]).toMatchObject({ gate: "prod_requires_passing_evaluation", passed: false });
    const refused = await developer.put(`/models/${modelId}/tags/prod`, { version_id: v2 });
    expect(refused.status).toBe(412);
    expect(refused.body.error.code).toBe("precondition_failed");
    expect(
      (
        await developer.put(`/models/${modelId}/tags/prod`, {
          version_id: v2,
          force: true,
          reason: "hotfix now",
        })
      ).status,
    ).toBe(403);
    expect((await owner.put(`/models/${modelId}/tags/prod`, { version_id: v2, force: true })).status).toBe(
      400,
    );
    const forced = await owner.put(`/models/${modelId}/tags/prod`, {
      version_id: v2,
      force: true,
      reason: "hotfix for incident 42",
    });
    expect(forced.status, forced.text).toBe(200);
    expect(forced.body.data).toMatchObject({ forced: true, target_version_id: v2 });
    const event = await owner.get(`/audit-events/${forced.headers.get("x-audit-event-id")}`);
    expect(event.body.data).toMatchObject({ action: "model.tag.update", resource_type: "model_tag" });
    expect(event.body.data.after).toMatchObject({
      forced: true,
      reason: "hotfix for incident 42",
      version_id: v2,
    });
    // Back to a version that was prod before passes the gate.
    expect((await developer.post(`/models/${modelId}/tags/prod/rollback`, { steps: 1 })).status).toBe(200);
  });

  it("keeps the tag history a chain under concurrent moves", async () => {
    const { modelId, versionIds } = await seedModel(developer, projectId, { versions: 4 });
    const moves = Array.from({ length: 12 }, (_, i) =>
      developer.put(`/models/${modelId}/tags/canary`, { version_id: versionIds[i % 4], reason: `move ${i}` }),
    );
    const results = await Promise.all(moves);
    expect(results.map((r) => r.status)).toEqual(results.map(() => 200));
    const history = (
      await developer.get(`/models/${modelId}/tags/canary/history?limit=200`)
    ).body.data.reverse();
    expect(history[0].from_version_id).toBeNull();
    for (let i = 1; i < history.length; i++)
      expect(history[i].from_version_id).toBe(history[i - 1].to_version_id);
    const tag = (await developer.get(`/models/${modelId}/tags`)).body.data.find(
      (t: { tag: string }) => t.tag === "canary",
    );
    expect(tag.version_id).toBe(history[history.length - 1].to_version_id);
    expect(history.length).toBe(results.filter((r) => r.body.data.changed).length);
  });

  it("refuses deleting what a registered reference kind names; a project's delete lists its models", async () => {
    const { modelId, versionIds } = await seedModel(developer, projectId);
    // On this test server's own registry: nothing leaks into other test files.
    registerReferenceKind(server.systemCtx.registry, {
      type: "test_job",
      async find(_exec, target) {
        return target.type === "model_version" && target.id === versionIds[0]
          ? [
              {
                type: "fine_tuning_job",
                id: "ftj_test",
                name: "job uses it",
                project_id: projectId,
                href: "/x",
              },
            ]
          : [];
      },
    });
    try {
      const res = await owner.delete(`/models/${modelId}`);
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe("resource_in_use");
      expect(res.body.error.details.dependants).toEqual([expect.objectContaining({ id: "ftj_test" })]);
    } finally {
      server.systemCtx.registry.referenceKinds.delete("test_job");
    }
    expect((await owner.delete(`/models/${modelId}`)).status).toBe(204);
    const base = await seedModel(owner, otherProjectId, {
      visibility: "tenant_shared",
      tagLatest: false,
    });
    const derived = await seedModel(developer, projectId, { versions: 0 });
    const child = await developer.post(`/models/${derived.modelId}/versions`, {
      files: [{ path: "adapter.safetensors", sha256: base.weightsSha }],
      artifact_type: "adapter",
      base_model_version_id: base.versionIds[0],
    });
    expect(child.status, child.text).toBe(201);
    expect(child.body.data.base_model_version_id).toBe(base.versionIds[0]);
    const baseDelete = await owner.delete(`/model-versions/${base.versionIds[0]}`);
    expect(baseDelete.status).toBe(409);
    expect(baseDelete.body.error.details.dependants).toEqual([
      expect.objectContaining({ type: "model_version", id: child.body.data.id }),
    ]);
    const p = await owner.delete(`/projects/${projectId}`, {
      confirm_name: (await owner.get(`/projects/${projectId}`)).body.data.name,
    });
    expect(p.status).toBe(409);
    expect(p.body.error.details.dependants.some((d: { type: string }) => d.type === "model")).toBe(true);
  });
});
