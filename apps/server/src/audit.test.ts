import { permissionMatrix } from "@infera/core";
import { sql } from "@infera/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RouteEntry, routeRegistry } from "./http/define-route.js";
import { describeResponse, routeKey, send } from "./security/expectations.js";
import { routeFixtures } from "./security/fixtures/index.js";
import { createWorld, type World } from "./security/world.js";
import type { HttpClient } from "./testing/http.js";

/** Writes only the platform admin may make (platform-wide maintenance). */
const isPlatformOnly = (route: RouteEntry) =>
  route.action !== "public" && permissionMatrix[route.action].scope === "platform";

const writes: RouteEntry[] = [...routeRegistry]
  .filter((r) => ["POST", "PUT", "PATCH", "DELETE"].includes(r.method))
  .sort((x, y) => routeKey(x).localeCompare(routeKey(y)));

interface Row {
  id: string;
  action: string;
  resource_type: string;
  before: unknown;
  after: unknown;
  request_id: string | null;
}

describe("audit", () => {
  let world: World;
  let admin: HttpClient;
  const db = () => world.server.database.db;
  const rows = async <T>(q: ReturnType<typeof sql>) =>
    ((await db().execute(q)) as unknown as { rows: T[] }).rows;

  beforeAll(async () => {
    world = await createWorld();
    admin = await world.clientFor("tenant_admin");
  });
  afterAll(async () => world?.stop());

  it.each(writes.map((r) => [routeKey(r), r] as const))(
    "%s records exactly one event with its action, resource and before/after",
    async (_, route) => {
      const fixture = routeFixtures[routeKey(route)];
      expect(fixture, `add a fixture for "${routeKey(route)}" (security/README.md)`).toBeDefined();
      expect(fixture!.audit, `write route "${routeKey(route)}" needs audit: {…} or false`).toBeDefined();
      const req = await fixture!.setup(world.a);
      const client = fixture!.endsSession
        ? await world.freshClientFor("platform_admin")
        : route.path === "/tenants" || isPlatformOnly(route)
          ? world.platform
          : admin;
      const res = await send(client, route, req);
      expect(res.status, describeResponse(res)).toBe(fixture!.success);
      // The request's own events, by its request id: background jobs of the same world (an evaluation
      // run failing, a webhook delivered) write theirs at any moment under their own ids.
      const requestId = res.headers.get("x-request-id") ?? "";
      const events = await rows<Row>(
        sql`select id, action, resource_type, before, after, request_id from audit_events where request_id = ${requestId} order by id desc`,
      );
      const spec = fixture!.audit;
      if (spec === false) {
        expect(events).toEqual([]);
        return;
      }
      expect(events).toHaveLength(1);
      const [event] = events;
      expect(event!.action).toBe(spec!.action ?? route.action);
      expect(event!.resource_type).toBe(spec!.resourceType);
      expect(event!.before !== null, "before").toBe(spec!.before);
      expect(event!.after !== null, "after").toBe(spec!.after);
      expect(event!.request_id).toBe(res.headers.get("x-request-id"));
    },
  );

  it("records what changed: before and after of a project update, readable in the detail route", async () => {
    const project = await world.a.freshProject();
    const res = await admin.patch(`/projects/${project.id}`, { description: "new words", env: "test" });
    expect(res.status).toBe(200);
    const list = await admin.get(`/projects/${project.id}/audit-events?action=project.update`);
    expect(list.body.data).toHaveLength(1);
    const event = list.body.data[0];
    expect(event.before).toMatchObject({ description: "", env: "dev" });
    expect(event.after).toMatchObject({ description: "new words", env: "test" });
    expect(event.request_id).toBe(res.headers.get("x-request-id"));
    const detail = await admin.get(`/audit-events/${event.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.data).toEqual(event);
  });

  describe("lists", () => {
    let projectId: string;
    let other: string;
    let from: string;
    const UPDATES = 57;
    beforeAll(async () => {
      projectId = (await world.a.freshProject()).id;
      other = (await world.a.freshProject()).id;
      await new Promise((r) => setTimeout(r, 5));
      from = new Date().toISOString();
      for (let i = 0; i < UPDATES; i++) {
        const r = await admin.patch(`/projects/${projectId}`, { description: `step ${i}` });
        expect(r.status).toBe(200);
      }
      const owner = await world.clientFor("owner");
      expect((await owner.patch(`/projects/${projectId}`, { description: "by the owner" })).status).toBe(200);
    });

    const ids = (res: { body: { data: { id: string }[] } }) => res.body.data.map((e) => e.id);

    it("filters by project, action (exact and prefix), resource type, actor and time range", async () => {
      const all = await admin.get(`/projects/${projectId}/audit-events?limit=200`);
      expect(all.body.data).toHaveLength(UPDATES + 2); // create + updates + the owner's update
      const exact = await admin.get(`/projects/${projectId}/audit-events?action=project.update&limit=200`);
      expect(exact.body.data).toHaveLength(UPDATES + 1);
      const prefix = await admin.get(`/projects/${projectId}/audit-events?action=project.&limit=200`);
      expect(prefix.body.data).toHaveLength(UPDATES + 2);
      const star = await admin.get(`/projects/${projectId}/audit-events?action=project.*&limit=200`);
      expect(ids(star)).toEqual(ids(prefix));
      const none = await admin.get(`/projects/${projectId}/audit-events?action=project&limit=200`);
      expect(none.body.data).toHaveLength(0);
      const byType = await admin.get(
        `/tenants/${world.a.tenantId}/audit-events?resource_type=project&project_id=${projectId}&limit=200`,
      );
      expect(byType.body.data).toHaveLength(UPDATES + 2);
      const byProject = await admin.get(`/tenants/${world.a.tenantId}/audit-events?project_id=${other}`);
      expect(byProject.body.data.map((e: { project_id: string }) => e.project_id)).toEqual([other]);
      const byActor = await admin.get(
        `/projects/${projectId}/audit-events?actor=${encodeURIComponent(world.a.users.owner.email)}`,
      );
      expect(byActor.body.data).toHaveLength(1);
      expect(byActor.body.data[0].after.description).toBe("by the owner");
      const byActorId = await admin.get(
        `/projects/${projectId}/audit-events?actor_id=${world.a.users.owner.id}`,
      );
      expect(ids(byActorId)).toEqual(ids(byActor));
      const since = await admin.get(`/projects/${projectId}/audit-events?from=${from}&limit=200`);
      expect(since.body.data).toHaveLength(UPDATES + 1);
      const until = await admin.get(`/projects/${projectId}/audit-events?to=${from}&limit=200`);
      expect(until.body.data.map((e: { action: string }) => e.action)).toEqual(["project.create"]);
    });

    it("pages with a cursor: newest first, no duplicates, no gaps", async () => {
      const all = ids(await admin.get(`/projects/${projectId}/audit-events?limit=200`));
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const res: { status: number; body: { data: { id: string }[]; next_cursor: string | null } } =
          await admin.get(
            `/projects/${projectId}/audit-events?limit=7${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
          );
        expect(res.status).toBe(200);
        seen.push(...ids(res));
        cursor = res.body.next_cursor;
        pages++;
      } while (cursor && pages < 100);
      expect(seen).toEqual(all);
      expect(new Set(seen).size).toBe(seen.length);
      expect(pages).toBe(Math.ceil(all.length / 7));
    });

    it("exports the whole filter as CSV, and as JSON", async () => {
      const csv = await admin.get(`/projects/${projectId}/audit-events?format=csv&action=project.update`);
      expect(csv.status).toBe(200);
      expect(csv.headers.get("content-type")).toMatch(/^text\/csv/);
      const lines = csv.text.trim().split("\r\n");
      expect(lines[0]).toContain("action");
      expect(lines).toHaveLength(UPDATES + 2); // header + every update, beyond one page of 50
      const viaAccept = await admin.get(`/projects/${projectId}/audit-events?action=project.update`, {
        accept: "text/csv",
      });
      expect(viaAccept.text).toBe(csv.text);
      const json = await admin.get(
        `/projects/${projectId}/audit-events?format=json&action=project.update&limit=200`,
      );
      expect(json.headers.get("content-type")).toMatch(/^application\/json/);
      expect(json.body.data).toHaveLength(UPDATES + 1);
    });
  });

  describe("verify", () => {
    /** A tenant of its own so tampering breaks no other test's chain. */
    async function tenantWithEvents() {
      const t = await world.platform.post("/tenants", { name: world.a.unique("Audited") });
      const tenantId = t.body.data.id as string;
      for (let i = 0; i < 4; i++) {
        const r = await world.platform.patch(`/tenants/${tenantId}`, { name: world.a.unique("Audited") });
        expect(r.status).toBe(200);
      }
      const chain = await rows<{ id: string; chain_seq: number }>(
        sql`select id, chain_seq::int as chain_seq from audit_events where chain_key = ${tenantId} order by chain_seq`,
      );
      expect(chain).toHaveLength(5);
      const ok = await world.platform.get(`/tenants/${tenantId}/audit-events/verify`);
      expect(ok.body.data).toMatchObject({ intact: true, checked: 5, first_broken: null });
      return { tenantId, chain };
    }

    // The test's own DBA step: the append-only trigger refuses edits, so switch it off for a moment.
    async function asDba(q: ReturnType<typeof sql>) {
      await db().execute(sql`alter table audit_events disable trigger audit_events_append_only`);
      try {
        await db().execute(q);
      } finally {
        await db().execute(sql`alter table audit_events enable trigger audit_events_append_only`);
      }
    }

    it("refuses updates and deletes of events while the trigger is on", async () => {
      const [row] = await rows<{ id: string }>(sql`select id from audit_events limit 1`);
      await expect(
        db().execute(sql`update audit_events set action = 'x' where id = ${row!.id}`),
      ).rejects.toThrow();
      await expect(db().execute(sql`delete from audit_events where id = ${row!.id}`)).rejects.toThrow();
    });

    it("reports the edited row as the first broken link", async () => {
      const { tenantId, chain } = await tenantWithEvents();
      const victim = chain[2]!;
      await asDba(sql`update audit_events set after = '{"name":"forged"}'::jsonb where id = ${victim.id}`);
      const res = await world.platform.get(`/tenants/${tenantId}/audit-events/verify`);
      expect(res.body.data.intact).toBe(false);
      expect(res.body.data.first_broken).toMatchObject({ event_id: victim.id, chain_seq: victim.chain_seq });
    });

    it("reports a deleted row", async () => {
      const { tenantId, chain } = await tenantWithEvents();
      await asDba(sql`delete from audit_events where id = ${chain[1]!.id}`);
      const res = await world.platform.get(`/tenants/${tenantId}/audit-events/verify`);
      expect(res.body.data.intact).toBe(false);
      // The link after the gap no longer follows its predecessor.
      expect(res.body.data.first_broken.event_id).toBe(chain[2]!.id);
    });

    it("leaves other tenants' chains intact", async () => {
      const res = await admin.get(`/tenants/${world.a.tenantId}/audit-events/verify`);
      expect(res.body.data).toMatchObject({ intact: true, first_broken: null });
    });
  });
});
