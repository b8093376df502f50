import type { RunningServer } from "@infera/server";
import { type HttpClient, loginAs, startTestServer, TEST_ADMIN } from "@infera/server/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedAuditEvents } from "./lib/seed-audit-events.js";

describe("benchmark seeding: audit events written straight to the table", () => {
  let server: RunningServer;
  let admin: HttpClient;
  let tenantId: string;

  beforeAll(async () => {
    server = await startTestServer();
    admin = await loginAs(server.url, TEST_ADMIN.email, TEST_ADMIN.password);
    const tenant = await admin.post("/tenants", { name: "Seeded history" });
    tenantId = tenant.body.data.id;
    await seedAuditEvents(server.database.db, {
      tenantId,
      count: 1000,
      batchSize: 300,
      from: new Date(Date.now() - 86_400_000),
      to: new Date(Date.now() - 1000),
      actors: [{ id: "usr_a", label: "a@example.com" }],
      projectIds: ["proj_a", "proj_b"],
    });
  });
  afterAll(async () => server?.stop());

  it("continues the tenant's hash chain so that verify reports it intact", async () => {
    const verify = await admin.get(`/tenants/${tenantId}/audit-events/verify`);
    expect(verify.body.data).toMatchObject({ intact: true, checked: 1001, first_broken: null });
  });

  it("leaves the chain open to the next real write", async () => {
    await admin.patch(`/tenants/${tenantId}`, { name: "Seeded history 2" });
    const verify = await admin.get(`/tenants/${tenantId}/audit-events/verify`);
    expect(verify.body.data).toMatchObject({ intact: true, checked: 1002 });
  });

  it("writes rows the list reads back, filters included", async () => {
    const page = await admin.get(`/tenants/${tenantId}/audit-events?limit=50&action=project.member.update`);
    expect(page.status).toBe(200);
    expect(page.body.data).toHaveLength(50);
    expect(new Set(page.body.data.map((e: { action: string }) => e.action))).toEqual(
      new Set(["project.member.update"]),
    );
    expect(page.body.next_cursor).toEqual(expect.any(String));
  });
});
