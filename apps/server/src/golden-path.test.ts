import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "./main.js";
import { type HttpClient, httpClient, loginAs } from "./testing/http.js";
import { startTestServer, TEST_ADMIN } from "./testing/test-server.js";

describe("golden path: sign in, create a project, read it back in the audit log", () => {
  let server: RunningServer;
  let admin: HttpClient;
  let tenantId: string;

  beforeAll(async () => {
    server = await startTestServer();
    admin = await loginAs(server.url, TEST_ADMIN.email, TEST_ADMIN.password);
  });
  afterAll(async () => server?.stop());

  it("lands the bootstrap admin in a Default tenant with a Dev project", async () => {
    const me = await admin.get("/auth/me");
    expect(me.status).toBe(200);
    expect(me.body.data.user.is_platform_admin).toBe(true);
    expect(me.body.data.tenants).toHaveLength(1);
    tenantId = me.body.data.tenants[0].id;
    const projects = await admin.get(`/tenants/${tenantId}/projects`);
    expect(projects.body.data.map((p: { name: string }) => p.name)).toEqual(["Dev"]);
    expect(projects.body.data[0].role).toBe("owner");
  });

  it("creates a project and records the change with its after-state", async () => {
    const created = await admin.post(`/tenants/${tenantId}/projects`, {
      name: "Search <ranker> & co",
      env: "prod",
      description: "'; drop table x; --",
    });
    expect(created.status).toBe(201);
    expect(created.body.data.name).toBe("Search <ranker> & co");
    // The response names its audit record, so the console's toast can link to it.
    const eventId = created.headers.get("x-audit-event-id");
    const event = await admin.get(`/audit-events/${eventId}`);
    expect(event.body.data).toMatchObject({ action: "project.create", resource_id: created.body.data.id });
    const events = await admin.get(`/projects/${created.body.data.id}/audit-events`);
    expect(events.status).toBe(200);
    expect(events.body.data[0]).toMatchObject({
      action: "project.create",
      resource_id: created.body.data.id,
      actor_label: TEST_ADMIN.email,
    });
    expect(events.body.data[0].after.name).toBe("Search <ranker> & co");
    const verify = await admin.get(`/tenants/${tenantId}/audit-events/verify`);
    expect(verify.body.data).toMatchObject({ intact: true, first_broken: null });
  });

  it("answers a request id on every response, errors included", async () => {
    const res = await httpClient(server.url).get("/tenants");
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe("unauthenticated");
    expect(res.body.error.request_id).toBe(res.headers.get("x-request-id"));
  });
});
