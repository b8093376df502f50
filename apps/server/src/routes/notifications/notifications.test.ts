import { createNotifications, pruneNotifications, type ServiceContext } from "@infera/core";
import { eq, inArray, tables } from "@infera/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../main.js";
import { httpClient, loginAs } from "../../testing/http.js";
import { startTestServer } from "../../testing/test-server.js";
import { createWorld, unique, type World } from "../../testing/world.js";

/** Reads an SSE answer and yields its messages (event, id, data) as they arrive. */
async function* readMessages(res: Response) {
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let cut = buffer.indexOf("\n\n");
      while (cut >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        const msg: Record<string, string> = {};
        for (const line of block.split("\n")) {
          const i = line.indexOf(":");
          if (i > 0) msg[line.slice(0, i)] = line.slice(i + 1).trimStart();
        }
        if (msg.event) yield msg;
        cut = buffer.indexOf("\n\n");
      }
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
}

/** The next `n` messages, failing instead of hanging when they do not come. */
async function take(messages: AsyncGenerator<Record<string, string>>, n: number, ms = 10_000) {
  const out: Record<string, string>[] = [];
  const deadline = Date.now() + ms;
  while (out.length < n) {
    const next = await Promise.race([
      messages.next(),
      new Promise<"timeout">((r) => setTimeout(() => r("timeout"), Math.max(0, deadline - Date.now()))),
    ]);
    if (next === "timeout") throw new Error(`got ${out.length} of ${n} messages: ${JSON.stringify(out)}`);
    if (next.done) break;
    out.push(next.value);
  }
  return out;
}

describe("notifications", () => {
  let server: RunningServer;
  let w: World;
  let other: World;
  beforeAll(async () => {
    server = await startTestServer();
    [w, other] = [await createWorld(server.url), await createWorld(server.url)];
  });
  afterAll(async () => server?.stop());

  /** A fresh member of the world's tenant, signed in with a bearer token. */
  async function freshPerson(world: World = w, name?: string) {
    const email = `${unique("person")}@example.test`;
    const res = await world.admin.post(`/tenants/${world.tenantId}/users`, {
      email,
      password: world.password,
      role: "member",
      ...(name ? { name } : {}),
    });
    expect(res.status, res.text).toBe(201);
    const client = await loginAs(server.url, email, world.password);
    return { id: res.body.data.user_id as string, email, client };
  }

  async function freshProject(world: World = w) {
    const res = await world.users.tenantAdmin!.client.post(`/tenants/${world.tenantId}/projects`, {
      name: unique("Project "),
      env: "dev",
      owner_id: world.users.owner!.id,
    });
    expect(res.status, res.text).toBe(201);
    return { id: res.body.data.id as string, name: res.body.data.name as string };
  }

  /** Adds `userId` to a fresh project as its owner would: one notification each. */
  async function addTo(userId: string, role = "viewer", world: World = w) {
    const project = await freshProject(world);
    const res = await world.users.owner!.client.post(`/projects/${project.id}/members`, {
      user_id: userId,
      role,
    });
    expect(res.status, res.text).toBe(201);
    return project;
  }

  it("adding a member gives them a notification of it, in the same transaction", async () => {
    const person = await freshPerson();
    const project = await freshProject();
    const added = await w.users.owner!.client.post(`/projects/${project.id}/members`, {
      email: person.email,
      role: "developer",
    });
    expect(added.status).toBe(201);
    const list = await person.client.get("/me/notifications");
    expect(list.status).toBe(200);
    expect(list.body.data).toHaveLength(1);
    expect(list.body.data[0]).toMatchObject({
      kind: "project.member.added",
      params: { project_name: project.name, role: "developer", added_by: "owner" },
      resource: { type: "project", id: project.id, tenant_id: w.tenantId, project_id: project.id },
      read_at: null,
    });
    expect(list.body.data[0].id).toMatch(/^ntf_[0-9a-z]{26}$/);
    // A refused add (already a member) rolls back: no second notification.
    const again = await w.users.owner!.client.post(`/projects/${project.id}/members`, {
      email: person.email,
      role: "viewer",
    });
    expect(again.status).toBe(409);
    expect((await person.client.get("/me/notifications")).body.data).toHaveLength(1);
    // The one who added them is told nothing, and neither is someone adding themselves.
    const admin = w.users.tenantAdmin!;
    const self = await admin.client.post(`/projects/${project.id}/members`, {
      user_id: admin.id,
      role: "owner",
    });
    expect(self.status).toBe(201);
    expect((await admin.client.get("/me/notifications/unread-count")).body.data.unread).toBe(0);
  });

  it("tells the owner and members named when a project is created for them", async () => {
    const person = await freshPerson();
    const res = await w.users.tenantAdmin!.client.post(`/tenants/${w.tenantId}/projects`, {
      name: unique("Made for "),
      env: "dev",
      owner_id: person.id,
      members: [{ user_id: w.users.member!.id, role: "viewer" }],
    });
    expect(res.status).toBe(201);
    const mine = (await person.client.get("/me/notifications")).body.data;
    expect(mine.map((n: { params: { role: string } }) => n.params.role)).toEqual(["owner"]);
    const theirs = (await w.users.member!.client.get("/me/notifications")).body.data;
    expect(theirs[0]).toMatchObject({ params: { project_name: res.body.data.name, role: "viewer" } });
  });

  it("lists newest first in cursor pages, counts the unread, marks some or all up to a seq read", async () => {
    const person = await freshPerson();
    for (const role of ["viewer", "developer", "owner"]) await addTo(person.id, role);
    const count = await person.client.get("/me/notifications/unread-count");
    expect(count.body.data.unread).toBe(3);

    const first = await person.client.get("/me/notifications?limit=2");
    expect(first.body.data.map((n: { params: { role: string } }) => n.params.role)).toEqual([
      "owner",
      "developer",
    ]);
    expect(first.body.data[0].seq).toBe(count.body.data.last_seq);
    expect(first.body.data[0].seq).toBeGreaterThan(first.body.data[1].seq);
    const second = await person.client.get(`/me/notifications?limit=2&cursor=${first.body.next_cursor}`);
    expect(second.body.data.map((n: { params: { role: string } }) => n.params.role)).toEqual(["viewer"]);
    expect(second.body.next_cursor).toBeNull();
    const csv = await person.client.get("/me/notifications?format=csv");
    expect(csv.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(csv.text.split("\r\n").filter(Boolean)).toHaveLength(4);
    expect(csv.text).toContain("project.member.added");
    const [newest, middle] = first.body.data;
    const [oldest] = second.body.data;

    const one = await person.client.post("/me/notifications/read", { ids: [middle.id] });
    expect(one.status).toBe(200);
    expect(one.body.data).toEqual({ marked: 1, unread: 2 });
    const unread = await person.client.get("/me/notifications?unread_only=true");
    expect(unread.body.data.map((n: { id: string }) => n.id)).toEqual([newest.id, oldest.id]);
    const read = (await person.client.get("/me/notifications")).body.data;
    expect(read.find((n: { id: string }) => n.id === middle.id).read_at).toEqual(expect.any(String));

    // "Mark all read" up to the oldest leaves the newer one unread: one arriving meanwhile stays new.
    const upTo = await person.client.post("/me/notifications/read", { up_to_seq: oldest.seq });
    expect(upTo.body.data).toEqual({ marked: 1, unread: 1 });
    const all = await person.client.post("/me/notifications/read", { up_to_seq: newest.seq });
    expect(all.body.data).toEqual({ marked: 1, unread: 0 });
    expect((await person.client.get("/me/notifications?unread_only=true")).body.data).toEqual([]);

    const bad = await person.client.post("/me/notifications/read", { ids: [middle.id], up_to_seq: 3 });
    expect(bad.status).toBe(400);
    expect((await person.client.post("/me/notifications/read", {})).status).toBe(400);
  });

  it("never shows or marks another user's notifications, in this tenant or another; service accounts have none", async () => {
    const alice = await freshPerson();
    const bob = await freshPerson();
    const stranger = await freshPerson(other);
    await addTo(alice.id);
    await addTo(stranger.id, "viewer", other);
    const aliceList = (await alice.client.get("/me/notifications")).body.data;
    expect(aliceList).toHaveLength(1);
    const strangerList = (await stranger.client.get("/me/notifications")).body.data;
    expect(strangerList).toHaveLength(1);

    expect((await bob.client.get("/me/notifications")).body.data).toEqual([]);
    expect((await bob.client.get("/me/notifications/unread-count")).body.data).toEqual({
      unread: 0,
      last_seq: 0,
    });
    // Marking someone else's ids (or "everything" up to a huge seq) changes nothing of theirs.
    const ids = [aliceList[0].id, strangerList[0].id];
    expect((await bob.client.post("/me/notifications/read", { ids })).body.data).toEqual({
      marked: 0,
      unread: 0,
    });
    expect((await bob.client.post("/me/notifications/read", { up_to_seq: 1e12 })).body.data.marked).toBe(0);
    expect((await stranger.client.post("/me/notifications/read", { ids })).body.data).toEqual({
      marked: 1,
      unread: 0,
    });
    expect((await alice.client.get("/me/notifications/unread-count")).body.data.unread).toBe(1);
    // The platform admin and a tenant admin see only their own too.
    const admins = [w.admin, w.users.tenantAdmin!.client, other.users.tenantAdmin!.client];
    for (const admin of admins) {
      const theirs = (await admin.get("/me/notifications")).body.data.map((n: { id: string }) => n.id);
      expect(theirs).not.toContain(aliceList[0].id);
      expect(theirs).not.toContain(strangerList[0].id);
    }

    const sa = await w.users.tenantAdmin!.client.post(`/projects/${w.projectId}/service-accounts`, {
      name: unique("robot"),
      role: "owner",
    });
    const token = await w.users.tenantAdmin!.client.post(
      `/projects/${w.projectId}/service-accounts/${sa.body.data.id}/tokens`,
      {},
    );
    const robot = httpClient(server.url, { token: token.body.data.token });
    for (const path of ["/me/notifications", "/me/notifications/unread-count", "/me/notifications/stream"]) {
      const res = await robot.get(path);
      expect(res.status, path).toBe(403);
      expect(res.body.error.message).toMatch(/service account/);
    }
    expect((await httpClient(server.url).get("/me/notifications")).status).toBe(401);
  });

  it("streams a notification created after connecting, only the user's own, and resumes from Last-Event-ID with exactly the missed ones", async () => {
    const person = await freshPerson();
    const bystander = await freshPerson();
    await addTo(person.id); // an old one: a stream opened without `after` starts after it
    const controllers: AbortController[] = [];
    const stream = (headers: Record<string, string> = {}, query = "") => {
      // Aborting the request is how a reader leaves: a pending read then fails instead of hanging.
      const controller = new AbortController();
      controllers.push(controller);
      return fetch(`${server.url}/api/v1/me/notifications/stream${query}`, {
        headers: { authorization: `Bearer ${person.client.token}`, ...headers },
        signal: controller.signal,
      });
    };

    const res = await stream();
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const messages = readMessages(res);
    const [ready] = await take(messages, 1);
    expect(ready!.event).toBe("ready");
    const start = JSON.parse(ready!.data!).after as number;
    expect(start).toBe((await person.client.get("/me/notifications/unread-count")).body.data.last_seq);

    await addTo(bystander.id); // someone else's: never on this stream
    const project = await addTo(person.id, "developer");
    const [live] = await take(messages, 1);
    expect(live).toMatchObject({ event: "notification" });
    const first = JSON.parse(live!.data!);
    expect(first).toMatchObject({ kind: "project.member.added", params: { project_name: project.name } });
    expect(live!.id).toBe(String(first.seq));
    controllers[0]!.abort();

    // Disconnected: two more happen; the reconnect with Last-Event-ID gets exactly those two.
    await addTo(person.id, "viewer");
    await addTo(bystander.id);
    await addTo(person.id, "owner");
    const again = readMessages(await stream({ "last-event-id": live!.id! }, "?after=0"));
    const got = await take(again, 3);
    expect(got[0]!.event).toBe("ready");
    expect(got.slice(1).map((m) => JSON.parse(m.data!).params.role)).toEqual(["viewer", "owner"]);
    expect(Number(got[1]!.id)).toBeGreaterThan(Number(live!.id));
    // ...and nothing else follows: no duplicate, no bystander's.
    await expect(take(again, 1, 1_500)).rejects.toThrow(/got 0 of 1/);
    controllers[1]!.abort();

    // ?follow=false sends what there is after `after`, then ends.
    const once = await (await stream({}, `?after=${start}&follow=false`)).text();
    expect(once.match(/event: notification/g)).toHaveLength(3);
    expect(once).toContain("event: end");
  });

  it("ends the stream when its session signs out, and a reconnect is refused", async () => {
    const person = await freshPerson();
    const login = await httpClient(server.url).post("/auth/login", {
      email: person.email,
      password: w.password,
      issue_token: true,
    });
    const token = login.body.data.token as string;
    const res = await fetch(`${server.url}/api/v1/me/notifications/stream`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const messages = readMessages(res);
    expect((await take(messages, 1))[0]!.event).toBe("ready");
    // Another session of the same person wakes the stream too, which stays open for it.
    expect((await person.client.post("/auth/logout")).status).toBe(204);
    expect((await httpClient(server.url, { token }).post("/auth/logout")).status).toBe(204);
    const rest = await take(messages, 5, 5_000);
    expect(rest.map((m) => m.event)).toEqual(["end"]);
    const retry = await fetch(`${server.url}/api/v1/me/notifications/stream`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(retry.status).toBe(401);
    await retry.body?.cancel();
  });

  it("gives a user's notifications seqs in commit order when two transactions write at once", async () => {
    const person = await freshPerson();
    const ctx: ServiceContext = server.systemCtx;
    const resource = {
      type: "project" as const,
      id: w.projectId,
      tenant_id: w.tenantId,
      project_id: w.projectId,
    };
    const make = (role: "viewer" | "owner") => ({
      userIds: [person.id],
      kind: "project.member.added" as const,
      params: { project_name: "P", role, added_by: "test" },
      resource,
    });
    let releaseFirst!: () => void;
    const firstMayCommit = new Promise<void>((r) => {
      releaseFirst = r;
    });
    let firstInserted!: () => void;
    const firstHasInserted = new Promise<void>((r) => {
      firstInserted = r;
    });
    const order: string[] = [];
    // A transaction of the server's own database, as a feature's verb would open it.
    type Tx = Parameters<typeof createNotifications>[0];
    const inTransaction = <T>(fn: (tx: Tx) => Promise<T>) =>
      ctx.db.transaction((db) => fn({ ...ctx, db, inTransaction: true } as Tx));
    const first = inTransaction(async (tx) => {
      const [row] = await createNotifications(tx, make("viewer"));
      firstInserted();
      await firstMayCommit;
      order.push("first commits");
      return row!;
    });
    await firstHasInserted;
    const second = inTransaction(async (tx) => {
      const [row] = await createNotifications(tx, make("owner"));
      order.push("second inserted");
      return row!;
    });
    // The second waits for the first's lock (PostgreSQL) or its turn on the one connection (PGlite).
    await new Promise((r) => setTimeout(r, 300));
    expect(order).toEqual([]);
    releaseFirst();
    const [a, b] = await Promise.all([first, second]);
    expect(order).toEqual(["first commits", "second inserted"]);
    expect(b.seq).toBeGreaterThan(a.seq);
  });
  it("prunes notifications past the retention in batches, read or not, and keeps the rest; a worker schedules it daily", async () => {
    const person = await freshPerson();
    for (let i = 0; i < 3; i++) await addTo(person.id);
    const db = server.database.db;
    const n = tables.notifications;
    const mine = await db.select().from(n).where(eq(n.userId, person.id)).orderBy(n.seq);
    expect(mine).toHaveLength(3);
    // The two oldest are 100 days old, one of them read.
    const old = mine.slice(0, 2).map((r) => r.id);
    await db
      .update(n)
      .set({ createdAt: new Date(Date.now() - 100 * 86_400_000) })
      .where(inArray(n.id, old));
    await db.update(n).set({ readAt: new Date() }).where(eq(n.id, old[0]!));

    // Batches of one: both go (rows of other suites are younger than 90 days), the newest stays.
    expect(await pruneNotifications({ ctx: server.systemCtx, days: 90, batchSize: 1 })).toBe(2);
    expect(await pruneNotifications({ ctx: server.systemCtx, days: 90, batchSize: 1 })).toBe(0);
    const list = await person.client.get("/me/notifications");
    expect(list.status, list.text).toBe(200);
    expect(list.body.data.map((x: { id: string }) => x.id)).toEqual([mine[2]!.id]);

    const [schedule] = await db
      .select()
      .from(tables.workSchedules)
      .where(eq(tables.workSchedules.name, "notifications.prune"));
    expect(schedule).toMatchObject({
      kind: "notifications.prune",
      payload: { days: 90 },
      intervalSeconds: 86_400,
    });
  });
});
