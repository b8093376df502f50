import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUNDLED_MODEL_DIR, type RunningProcess, type RunningServer } from "./main.js";
import { startTestServer } from "./testing/test-server.js";
import { createWorld, type World } from "./testing/world.js";

/**
 * The gateway role: with the api role, `/v1` is served on the API's port; alone (a data-plane
 * process over the same database), it serves `/v1` and the probes but not the control-plane API.
 */
describe("gateway role", () => {
  let both: RunningServer;
  let gatewayOnly: RunningProcess;
  let w: World;
  let secret: string;

  beforeAll(async () => {
    both = await startTestServer({}, { roles: ["api", "gateway"], systemModelDir: BUNDLED_MODEL_DIR });
    gatewayOnly = await startTestServer({}, { roles: ["gateway"], database: both.database });
    w = await createWorld(both.url);
    const key = await w.users.developer!.client.post(`/projects/${w.projectId}/api-keys`, { name: "roles" });
    expect(key.status, key.text).toBe(201);
    secret = key.body.data.secret;
    const svc = await w.users.owner!.client.post(`/projects/${w.projectId}/services`, {
      name: "listed",
      exposure: "private",
      config: {
        model: { model_id: (await systemModel(w)) ?? "", tag: "latest" },
        runtime: { kind: "openai-compatible", base_url: "http://127.0.0.1:9" },
        resources: { resource_class: "cpu-2" },
      },
    });
    expect(svc.status, svc.text).toBe(201);
  });
  afterAll(async () => {
    await gatewayOnly?.stop();
    await both?.stop();
  });

  it("api and gateway share one port: /v1/models lists the project's services", async () => {
    expect(both.roles).toEqual(["api", "gateway"]);
    expect(both.worker).toBeNull();
    const res = await fetch(`${both.url}/v1/models`, { headers: { authorization: `Bearer ${secret}` } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ object: "list", data: [{ id: "listed", object: "model" }] });
    const anonymous = await fetch(`${both.url}/v1/models`);
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as any).error.code).toBe("invalid_api_key");
    expect((await fetch(`${both.url}/api/v1/auth/me`)).status).toBe(401);
  });

  it("a gateway-only process serves /v1 and the probes, not the control-plane API", async () => {
    const url = gatewayOnly.url!;
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    expect((await fetch(`${url}/metrics`)).status).toBe(200);
    const models = await fetch(`${url}/v1/models`, { headers: { authorization: `Bearer ${secret}` } });
    expect(models.status).toBe(200);
    expect(((await models.json()) as any).data.map((m: any) => m.id)).toEqual(["listed"]);
    expect((await fetch(`${url}/api/v1/auth/me`)).status).toBe(404);
  });
});

async function systemModel(w: World): Promise<string | undefined> {
  const res = await w.users.owner!.client.get(`/projects/${w.projectId}/models?scope=system`);
  return res.body.data.find((m: { name: string }) => m.name === "infera-tiny")?.id;
}
