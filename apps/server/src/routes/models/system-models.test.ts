import { registerSystemModel } from "@infera/core";
import { seedUser } from "@infera/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUNDLED_MODEL_DIR, type RunningServer } from "../../main.js";
import { type HttpClient, loginAs } from "../../testing/http.js";
import { startTestServer, TEST_ADMIN } from "../../testing/test-server.js";

const PASSWORD = "a-long-enough-password-for-tests";

describe("system models: the bundled infera-tiny is registered at start", () => {
  let server: RunningServer;
  let platform: HttpClient;

  beforeAll(async () => {
    server = await startTestServer({}, { systemModelDir: BUNDLED_MODEL_DIR });
    platform = await loginAs(server.url, TEST_ADMIN.email, TEST_ADMIN.password);
  });
  afterAll(async () => server?.stop());

  it("a new tenant's project lists it as a system model, latest resolved to a gguf version", async () => {
    const tenantId = (await platform.post("/tenants", { name: `T ${Date.now()}` })).body.data.id;
    const email = `ta-${Date.now()}@example.test`;
    await seedUser(server.database.db, {
      email,
      password: PASSWORD,
      tenants: [{ tenantId, role: "tenant_admin" }],
    });
    const admin = await loginAs(server.url, email, PASSWORD);
    const projectId = (await admin.post(`/tenants/${tenantId}/projects`, { name: "Sys", env: "dev" })).body
      .data.id;
    const list = await admin.get(`/projects/${projectId}/models?scope=system`);
    const tiny = list.body.data.find((m: { name: string }) => m.name === "infera-tiny");
    expect(tiny).toMatchObject({ owner_type: "platform", visibility: "public", scope: "system" });
    const resolved = await admin.get(`/models/${tiny.id}/resolve?ref=latest`);
    expect(resolved.body.data.tag).toBe("latest");
    const version = (await admin.get(`/model-versions/${resolved.body.data.version_id}`)).body.data;
    expect(version).toMatchObject({ source: "system", format: "gguf" });
    expect(version.metadata.architecture).toBe("llama");
    expect(version.files.map((f: { path: string }) => f.path)).toContain("infera-tiny-f32.gguf");
    // Tenants read it but cannot change it.
    expect((await admin.patch(`/models/${tiny.id}`, { description: "mine" })).status).toBe(403);
    expect((await admin.delete(`/model-versions/${version.id}`)).status).toBe(403);
  });

  it("registering again (a restart, a second replica) adds nothing", async () => {
    const ctx = { ...server.systemCtx, requestId: "test" };
    const args = { ctx, dir: BUNDLED_MODEL_DIR, name: "infera-tiny", description: "again" };
    const [a, b] = await Promise.all([registerSystemModel(args), registerSystemModel(args)]);
    expect(a.created).toBe(false);
    expect(b.created).toBe(false);
    expect(a.versionId).toBe(b.versionId);
    const versions = await platform.get(`/models/${a.modelId}/versions`);
    expect(versions.body.data).toHaveLength(1);
  });
});
