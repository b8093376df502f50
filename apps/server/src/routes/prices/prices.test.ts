import { and, eq, tables } from "@infera/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../main.js";
import { startTestServer } from "../../testing/test-server.js";
import { createWorld, type World } from "../../testing/world.js";
import { seedModel } from "../models/model-test-helpers.js";

describe("price table: tenant admins set and remove prices of model versions and resource classes", () => {
  let server: RunningServer;
  let w: World;
  let other: World;
  let versionId: string;
  let otherVersionId: string;

  beforeAll(async () => {
    server = await startTestServer({}, { apiOnly: true });
    [w, other] = await Promise.all([createWorld(server.url), createWorld(server.url)]);
    versionId = (await seedModel(w.users.developer!.client, w.projectId, { name: "priced", versions: 2 }))
      .versionIds[1]!;
    otherVersionId = (await seedModel(other.users.developer!.client, other.projectId)).versionIds[0]!;
  }, 120_000);
  afterAll(async () => server?.stop());

  const admin = () => w.users.tenantAdmin!.client;
  const pathOf = (tenantId: string) => `/tenants/${tenantId}/prices`;
  const auditOf = (resourceId: string) =>
    server.database.db
      .select()
      .from(tables.auditEvents)
      .where(and(eq(tables.auditEvents.resourceType, "price"), eq(tables.auditEvents.resourceId, resourceId)))
      .orderBy(tables.auditEvents.chainSeq);

  it("sets a model version's token prices, replaces them by subject, and audits before and after", async () => {
    const set = await admin().put(pathOf(w.tenantId), {
      subject_kind: "model_version",
      subject_id: versionId,
      input_per_million: 0.5,
      output_per_million: 1.5,
    });
    expect(set.status, set.text).toBe(200);
    expect(set.body.data).toMatchObject({
      tenant_id: w.tenantId,
      subject_kind: "model_version",
      subject_id: versionId,
      subject_label: "priced v2",
      input_per_million: 0.5,
      output_per_million: 1.5,
      per_hour: null,
      currency: "USD",
      updated_by: w.users.tenantAdmin!.id,
    });
    const again = await admin().put(pathOf(w.tenantId), {
      subject_kind: "model_version",
      subject_id: versionId,
      output_per_million: 2,
    });
    expect(again.status, again.text).toBe(200);
    expect(again.body.data).toMatchObject({
      id: set.body.data.id,
      input_per_million: null,
      output_per_million: 2,
    });
    const events = await auditOf(set.body.data.id);
    expect(events.map((e) => [e.action, e.before !== null, e.after !== null])).toEqual([
      ["price.set", false, true],
      ["price.set", true, true],
    ]);
    expect(events[1]!.before).toMatchObject({ input_per_million: 0.5, output_per_million: 1.5 });
    expect(events[1]!.after).toMatchObject({ input_per_million: null, output_per_million: 2 });
  });

  it("prices a resource class per hour; lists, filters and pages the table for every tenant role", async () => {
    const set = await admin().put(pathOf(w.tenantId), {
      subject_kind: "resource_class",
      subject_id: "cpu-2",
      per_hour: 0.36,
    });
    expect(set.status, set.text).toBe(200);
    expect(set.body.data).toMatchObject({
      subject_label: "2 CPUs, 4 GiB",
      per_hour: 0.36,
      input_per_million: null,
    });
    for (const who of ["member", "finance", "viewer"] as const) {
      const list = await w.users[who]!.client.get(pathOf(w.tenantId));
      expect(list.status, list.text).toBe(200);
      expect(list.body.data.map((p: { subject_kind: string }) => p.subject_kind).sort()).toEqual([
        "model_version",
        "resource_class",
      ]);
    }
    const classes = await admin().get(`${pathOf(w.tenantId)}?subject_kind=resource_class`);
    expect(classes.body.data).toHaveLength(1);
    const first = await admin().get(`${pathOf(w.tenantId)}?limit=1`);
    expect(first.body.data).toHaveLength(1);
    expect(first.body.data[0].subject_kind).toBe("resource_class"); // most recently changed first
    const second = await admin().get(`${pathOf(w.tenantId)}?limit=1&cursor=${first.body.next_cursor}`);
    expect(second.body.data[0].subject_kind).toBe("model_version");
    expect(second.body.next_cursor).toBeNull();
    // Another tenant's table shows none of it.
    expect((await other.users.tenantAdmin!.client.get(pathOf(other.tenantId))).body.data).toEqual([]);
  });

  it("refuses subjects the tenant cannot name (404) and amounts that do not fit the subject (400)", async () => {
    const put = (body: Record<string, unknown>) => admin().put(pathOf(w.tenantId), body);
    const otherTenants = await put({
      subject_kind: "model_version",
      subject_id: otherVersionId,
      input_per_million: 1,
    });
    expect(otherTenants.status, otherTenants.text).toBe(404);
    expect((await put({ subject_kind: "resource_class", subject_id: "gpu-9000", per_hour: 1 })).status).toBe(
      404,
    );
    for (const body of [
      { subject_kind: "model_version", subject_id: versionId },
      { subject_kind: "model_version", subject_id: versionId, input_per_million: 1, per_hour: 2 },
      { subject_kind: "resource_class", subject_id: "cpu-2" },
      { subject_kind: "resource_class", subject_id: "cpu-2", per_hour: 1, output_per_million: 1 },
      { subject_kind: "resource_class", subject_id: "cpu-2", per_hour: -1 },
      { subject_kind: "dataset", subject_id: "x", per_hour: 1 },
      { subject_kind: "resource_class", subject_id: "cpu-2", per_hour: 1, extra: true },
    ]) {
      const res = await put(body);
      expect(res.status, `${JSON.stringify(body)}: ${res.text}`).toBe(400);
      expect(res.body.error.code).toBe("validation_error");
    }
  });

  it("lets only tenant admins write; another tenant's admin gets 404 for the table and its prices", async () => {
    const body = { subject_kind: "resource_class", subject_id: "cpu-2", per_hour: 1 };
    for (const who of ["member", "finance", "owner"] as const)
      expect((await w.users[who]!.client.put(pathOf(w.tenantId), body)).status).toBe(403);
    expect((await other.users.tenantAdmin!.client.put(pathOf(w.tenantId), body)).status).toBe(404);
    const list = await admin().get(`${pathOf(w.tenantId)}?subject_kind=resource_class`);
    const id = list.body.data[0].id as string;
    expect((await other.users.tenantAdmin!.client.delete(`/prices/${id}`)).status).toBe(404);
    expect((await w.users.finance!.client.delete(`/prices/${id}`)).status).toBe(403);
    expect((await admin().delete(`/prices/${id}`)).status).toBe(204);
    expect((await admin().delete(`/prices/${id}`)).status).toBe(404);
    const events = await auditOf(id);
    expect(events.at(-1)).toMatchObject({ action: "price.delete", after: null });
    expect(events.at(-1)!.before).toMatchObject({ subject_id: "cpu-2", per_hour: 0.36 });
  });

  it("answers every price in the tenant's currency, set with PATCH /tenants/{id}", async () => {
    const patched = await admin().patch(`/tenants/${w.tenantId}`, { currency: "EUR" });
    expect(patched.status, patched.text).toBe(200);
    expect(patched.body.data.currency).toBe("EUR");
    expect((await admin().patch(`/tenants/${w.tenantId}`, { currency: "euro" })).status).toBe(400);
    const list = await admin().get(pathOf(w.tenantId));
    expect(list.body.data.every((p: { currency: string }) => p.currency === "EUR")).toBe(true);
    const usage = await w.users.viewer!.client.get(`/projects/${w.projectId}/usage`);
    expect(usage.body.data.currency).toBe("EUR");
  });
});
