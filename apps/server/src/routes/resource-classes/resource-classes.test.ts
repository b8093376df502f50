import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../main.js";
import { type HttpClient, loginAs, type TestResponse } from "../../testing/http.js";
import { startTestServer, TEST_ADMIN } from "../../testing/test-server.js";
import { createWorld, type World } from "../../testing/world.js";
import { minimalConfig, seedJobInputs } from "../fine-tuning/fine-tuning-test-helpers.js";

describe("resource classes", () => {
  let server: RunningServer;
  let platform: HttpClient;
  let w: World;

  beforeAll(async () => {
    server = await startTestServer();
    platform = await loginAs(server.url, TEST_ADMIN.email, TEST_ADMIN.password);
    w = await createWorld(server.url);
  });
  afterAll(async () => server?.stop());

  it("comes with cpu-2: 2 CPUs, 4 GiB, no GPU, free; every signed-in caller may list it", async () => {
    const res = await w.users.member!.client.get("/fine-tuning/resource-classes");
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual([
      expect.objectContaining({
        name: "cpu-2",
        cpus: 2,
        memory_bytes: 4 * 2 ** 30,
        gpu_model: null,
        gpu_count: 0,
        gpu_memory_bytes: null,
        hourly_price: 0,
        currency: "USD",
        enabled: true,
      }),
    ]);
  });

  it("lets the platform admin define, change and disable classes, each change audited; jobs then use them", async () => {
    const body = {
      name: "1xa100-80g",
      display_name: "1 × A100 80 GB",
      cpus: 16,
      memory_bytes: 128 * 2 ** 30,
      gpu_model: "NVIDIA A100 80GB",
      gpu_count: 1,
      gpu_memory_bytes: 80 * 2 ** 30,
      hourly_price: 2.75,
      currency: "USD",
    };
    expect((await w.users.tenantAdmin!.client.post("/admin/resource-classes", body)).status).toBe(403);
    const created = await platform.post("/admin/resource-classes", body);
    expect(created.status, created.text).toBe(201);
    expect(created.body.data).toMatchObject({ ...body, enabled: true });
    expect((await platform.post("/admin/resource-classes", body)).status).toBe(409);
    const noModel = await platform.post("/admin/resource-classes", {
      name: "gpu-x",
      cpus: 1,
      memory_bytes: 1,
      gpu_count: 1,
    });
    expect(noModel.status).toBe(400);
    const badName = await platform.post("/admin/resource-classes", {
      name: "Big GPU",
      cpus: 1,
      memory_bytes: 1,
    });
    expect(badName.status).toBe(400);

    const inputs = await seedJobInputs(w.users.developer!.client, w.projectId);
    const job = await w.users.developer!.client.post(
      `/projects/${w.projectId}/fine-tuning/jobs`,
      minimalConfig(inputs, {
        runtime: "hf-peft",
        precision: "bf16",
        gpu_count: 1,
        resource_class: "1xa100-80g",
      }),
    );
    expect(job.status, job.text).toBe(201);
    expect(job.body.data).toMatchObject({ runtime: "hf-peft", resource_class: "1xa100-80g", gpu_count: 1 });

    const changed = await platform.patch("/admin/resource-classes/1xa100-80g", {
      hourly_price: 3,
      enabled: false,
    });
    expect(changed.status, changed.text).toBe(200);
    expect(changed.body.data).toMatchObject({
      name: "1xa100-80g",
      hourly_price: 3,
      enabled: false,
      gpu_count: 1,
    });
    expect((await platform.patch("/admin/resource-classes/nope", { cpus: 2 })).status).toBe(404);
    expect((await platform.patch("/admin/resource-classes/1xa100-80g", { gpu_model: null })).status).toBe(
      400,
    );

    // Disabled: hidden from members, shown to the platform admin, refused to new jobs.
    const listed = (await w.users.member!.client.get("/fine-tuning/resource-classes")).body.data;
    expect(listed.map((c: { name: string }) => c.name)).toEqual(["cpu-2"]);
    const all = (await platform.get("/fine-tuning/resource-classes")).body.data;
    expect(all.map((c: { name: string }) => c.name)).toEqual(["1xa100-80g", "cpu-2"]);
    const refused = await w.users.developer!.client.post(
      `/projects/${w.projectId}/fine-tuning/jobs`,
      minimalConfig(inputs, { runtime: "hf-peft", gpu_count: 1, resource_class: "1xa100-80g" }),
    );
    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toContain("is disabled");

    const events = await platform.get("/tenants/platform/audit-events?resource_type=resource_class");
    expect(events.status, events.text).toBe(200);
    expect(events.body.data.map((e: { action: string }) => e.action)).toEqual([
      "resource_class.update",
      "resource_class.create",
    ]);
    expect(events.body.data[0]).toMatchObject({
      before: { hourly_price: 2.75, enabled: true },
      after: { hourly_price: 3, enabled: false },
    });
  });

  it("pages through classes by name", async () => {
    for (const name of ["cls-a", "cls-b", "cls-c"])
      expect(
        (await platform.post("/admin/resource-classes", { name, cpus: 1, memory_bytes: 2 ** 30 })).status,
      ).toBe(201);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: TestResponse = await platform.get(
        `/fine-tuning/resource-classes?limit=2${cursor ? `&cursor=${cursor}` : ""}`,
      );
      expect(res.status).toBe(200);
      seen.push(...res.body.data.map((c: { name: string }) => c.name));
      cursor = res.body.next_cursor;
    } while (cursor);
    expect(seen).toEqual([...seen].sort());
    expect(seen).toEqual(expect.arrayContaining(["cls-a", "cls-b", "cls-c", "cpu-2"]));
    expect(new Set(seen).size).toBe(seen.length);
  });
});
