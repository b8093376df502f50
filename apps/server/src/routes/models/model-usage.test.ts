import { seedUser } from "@infera/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../main.js";
import { type HttpClient, loginAs } from "../../testing/http.js";
import { startTestServer, TEST_ADMIN } from "../../testing/test-server.js";
import { seedModel, storeBytes, tinySafetensors } from "./model-test-helpers.js";

const PASSWORD = "a-long-enough-password-for-tests";

describe("GET /models/{modelId}/usage", () => {
  let server: RunningServer;
  let platform: HttpClient;
  let n = 0;
  const unique = (p: string) => `${p}-${Date.now().toString(36)}-${++n}`;

  /** A tenant with one project whose Owner is a fresh user; returns the owner's client. */
  async function tenantWithOwner() {
    const tenantId = (await platform.post("/tenants", { name: unique("T") })).body.data.id as string;
    const email = `${unique("o")}@example.test`;
    const u = await seedUser(server.database.db, {
      email,
      password: PASSWORD,
      tenants: [{ tenantId, role: "tenant_admin" }],
    });
    const admin = await loginAs(server.url, email, PASSWORD);
    const res = await admin.post(`/tenants/${tenantId}/projects`, {
      name: unique("P"),
      env: "dev",
      owner_id: u.id,
    });
    if (res.status !== 201) throw new Error(`create project: ${res.status} ${res.text}`);
    const projectId = res.body.data.id as string;
    return { tenantId, projectId, client: admin };
  }

  beforeAll(async () => {
    server = await startTestServer();
    platform = await loginAs(server.url, TEST_ADMIN.email, TEST_ADMIN.password);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("lists what derives from the model's versions, not its own versions and tags", async () => {
    const a = await tenantWithOwner();
    const base = await seedModel(a.client, a.projectId);
    expect((await a.client.get(`/models/${base.modelId}/usage`)).body.data).toEqual({ dependants: [] });
    const derived = await seedModel(a.client, a.projectId, { versions: 0 });
    const child = await a.client.post(`/models/${derived.modelId}/versions`, {
      files: [{ path: "adapter.safetensors", sha256: base.weightsSha }],
      artifact_type: "adapter",
      base_model_version_id: base.versionIds[0],
    });
    expect(child.status, child.text).toBe(201);
    const usage = await a.client.get(`/models/${base.modelId}/usage`);
    expect(usage.status).toBe(200);
    expect(usage.body.data.dependants).toEqual([
      expect.objectContaining({ type: "model_version", id: child.body.data.id, project_id: a.projectId }),
    ]);
    // The same list a delete refuses with.
    const del = await a.client.delete(`/models/${base.modelId}`);
    expect(del.status).toBe(409);
    expect(del.body.error.details.dependants).toEqual(usage.body.data.dependants);
  });

  it("shows each tenant only its own uses of a public system model, and hides private models from outsiders", async () => {
    const sys = (await platform.post("/models", { name: unique("sys") })).body.data.id as string;
    // A system model's file, stored as the bootstrap stores it: every tenant may name it.
    const sha = await storeBytes(server.blobs, tinySafetensors(4, 7));
    const sysVersion = await platform.post(`/models/${sys}/versions`, {
      files: [{ path: "model.safetensors", sha256: sha }],
    });
    expect(sysVersion.status, sysVersion.text).toBe(201);
    const a = await tenantWithOwner();
    const b = await tenantWithOwner();
    const adapter = await seedModel(b.client, b.projectId, { versions: 0 });
    const derived = await b.client.post(`/models/${adapter.modelId}/versions`, {
      files: [{ path: "adapter.safetensors", sha256: sha }],
      artifact_type: "adapter",
      base_model_version_id: sysVersion.body.data.id,
    });
    expect(derived.status, derived.text).toBe(201);
    const forB = await b.client.get(`/models/${sys}/usage`);
    expect(forB.body.data.dependants.map((d: { id: string }) => d.id)).toEqual([derived.body.data.id]);
    expect((await a.client.get(`/models/${sys}/usage`)).body.data.dependants).toEqual([]);
    expect((await platform.get(`/models/${sys}/usage`)).body.data.dependants).toHaveLength(1);

    const own = await seedModel(b.client, b.projectId);
    const outsider = await a.client.get(`/models/${own.modelId}/usage`);
    expect(outsider.status).toBe(404);
  });
});
