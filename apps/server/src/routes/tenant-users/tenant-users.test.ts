import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../main.js";
import { httpClient, loginAs } from "../../testing/http.js";
import { startTestServer } from "../../testing/test-server.js";
import { createWorld, unique, type World } from "../../testing/world.js";

describe("tenant users", () => {
  let server: RunningServer;
  let w: World;
  beforeAll(async () => {
    server = await startTestServer();
    w = await createWorld(server.url);
  });
  afterAll(async () => server?.stop());

  const admin = () => w.users.tenantAdmin!.client;
  const newEmail = () => `${unique("u")}@example.test`;

  it("a platform admin creates a user with a password who can then sign in, and it is recorded", async () => {
    const email = newEmail();
    const res = await w.admin.post(`/tenants/${w.tenantId}/users`, {
      email: `  ${email.toUpperCase()} `,
      name: "Ada <script>",
      password: "a long enough password",
      role: "finance",
    });
    expect(res.status).toBe(201);
    expect(res.body.outcome).toBe("added");
    expect(res.body.data).toMatchObject({ email, name: "Ada <script>", role: "finance", status: "active" });
    const ada = await loginAs(server.url, email, "a long enough password");
    expect((await ada.get(`/tenants/${w.tenantId}`)).body.data.role).toBe("finance");
    const events = await admin().get(
      `/tenants/${w.tenantId}/audit-events?action=tenant.user.create&resource_id=${w.tenantId}/${res.body.data.user_id}`,
    );
    expect(events.body.data).toHaveLength(1);
    expect(events.body.data[0].after).toMatchObject({ email, role: "finance", account_created: true });
    expect(JSON.stringify(events.body.data[0])).not.toContain("a long enough password");
  });

  /** A user of another tenant, made by the platform admin: their own password, not in w's tenant. */
  async function userOfAnotherTenant() {
    const other = await w.admin.post("/tenants", { name: `Other ${unique()}` });
    const email = newEmail();
    const created = await w.admin.post(`/tenants/${other.body.data.id}/users`, {
      email,
      password: "their own password",
    });
    expect(created.status).toBe(201);
    return { email, userId: created.body.data.user_id as string };
  }

  it("a tenant admin adding another tenant's user only invites them: no membership until they accept", async () => {
    const { email, userId } = await userOfAnotherTenant();
    const res = await admin().post(`/tenants/${w.tenantId}/users`, { email, role: "finance" });
    expect(res.status).toBe(202);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.body).toMatchObject({
      outcome: "invited",
      data: { email, role: "finance", status: "pending" },
    });
    expect(res.body.data.token).toMatch(/^inf_inv_/);

    const listed = await admin().get(`/tenants/${w.tenantId}/users?q=${encodeURIComponent(email)}`);
    expect(listed.body.data).toEqual([]);
    const them = await loginAs(server.url, email, "their own password");
    expect((await them.get(`/tenants/${w.tenantId}`)).status).toBe(404);
    // The invitation is in the tenant's list and was recorded, never with its token.
    const pending = await admin().get(`/tenants/${w.tenantId}/invitations?q=${encodeURIComponent(email)}`);
    expect(pending.body.data.map((i: { id: string }) => i.id)).toEqual([res.body.data.id]);
    const events = await admin().get(
      `/tenants/${w.tenantId}/audit-events?action=tenant.invitation.create&resource_id=${res.body.data.id}`,
    );
    expect(events.body.data).toHaveLength(1);
    expect(events.text).not.toContain(res.body.data.token);
    // Asking again while it is pending, or with a password, changes nothing.
    const again = await admin().post(`/tenants/${w.tenantId}/users`, { email });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/pending invitation/);

    const accepted = await them.post(`/invitations/${res.body.data.token}/accept`, {});
    expect(accepted.status).toBe(200);
    expect(accepted.body.data).toMatchObject({ user_id: userId, role: "finance", account_created: false });
    expect((await them.get(`/tenants/${w.tenantId}`)).body.data.role).toBe("finance");
    const member = await admin().get(`/tenants/${w.tenantId}/users?q=${encodeURIComponent(email)}`);
    expect(member.body.data.map((u: { user_id: string }) => u.user_id)).toEqual([userId]);
    const already = await admin().post(`/tenants/${w.tenantId}/users`, { email });
    expect(already.status).toBe(409);
    expect(already.body.error.message).toMatch(/already in this tenant/);
  });

  it("answers alike for an email with an account elsewhere and an unknown one", async () => {
    const elsewhere = (await userOfAnotherTenant()).email;
    const unknown = newEmail();
    const a = await admin().post(`/tenants/${w.tenantId}/users`, { email: elsewhere, name: "A" });
    const b = await admin().post(`/tenants/${w.tenantId}/users`, { email: unknown, name: "A" });
    // Everything but ids, times, tokens and the email itself is the same, headers included
    // (each names the audit event it recorded).
    const strip = (res: typeof a, email: string) =>
      JSON.parse(
        res.text
          .replaceAll(email, "<email>")
          .replace(/"(inv|usr)_[A-Za-z0-9]+"/g, '"<id>"')
          .replace(/inf_inv_[A-Za-z0-9_-]+/g, "<token>")
          .replace(/"\d{4}-\d\d-\d\dT[\d:.]+Z"/g, '"<time>"'),
      );
    expect(a.status).toBe(202);
    expect(b.status).toBe(a.status);
    expect(strip(b, unknown)).toEqual(strip(a, elsewhere));
    const headers = (res: typeof a) =>
      [...res.headers.entries()].filter(
        ([k]) => !["date", "x-request-id", "x-audit-event-id", "content-length"].includes(k),
      );
    expect(headers(b)).toEqual(headers(a));
    expect(a.headers.get("x-audit-event-id")).toMatch(/^aud_/);
    // A password is refused the same way for both.
    const pa = await admin().post(`/tenants/${w.tenantId}/users`, {
      email: newEmail(),
      password: "an admin-chosen password",
    });
    const pb = await admin().post(`/tenants/${w.tenantId}/users`, {
      email: (await userOfAnotherTenant()).email,
      password: "an admin-chosen password",
    });
    expect(pa.status).toBe(400);
    expect(pb.status).toBe(400);
    expect(pb.body.error.message).toBe(pa.body.error.message);
    expect(pb.body.error.details).toEqual(pa.body.error.details);

    // The unknown email becomes an account when its owner accepts.
    const accepted = await httpClient(server.url).post(`/invitations/${b.body.data.token}/accept`, {
      name: "Newcomer",
      password: "a brand new password",
    });
    expect(accepted.body.data).toMatchObject({ email: unknown, account_created: true });
    const newcomer = await loginAs(server.url, unknown, "a brand new password");
    expect((await newcomer.get(`/tenants/${w.tenantId}`)).body.data.role).toBe("member");
  });

  it("a platform admin still adds an existing account directly, and it is recorded", async () => {
    const { email, userId } = await userOfAnotherTenant();
    const withPassword = await w.admin.post(`/tenants/${w.tenantId}/users`, {
      email,
      password: "an admin-chosen password",
    });
    expect(withPassword.status).toBe(400);
    expect(withPassword.body.error.message).toMatch(/already exists: leave out password/);
    const added = await w.admin.post(`/tenants/${w.tenantId}/users`, { email, role: "member" });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ outcome: "added", data: { user_id: userId, status: "active" } });
    await loginAs(server.url, email, "their own password");
    const events = await admin().get(
      `/tenants/${w.tenantId}/audit-events?action=tenant.user.create&resource_id=${w.tenantId}/${userId}`,
    );
    expect(events.body.data[0].after).toMatchObject({ email, account_created: false });
    expect((await w.admin.post(`/tenants/${w.tenantId}/users`, { email })).status).toBe(409);
  });

  it("explains invalid input field by field", async () => {
    const password = await admin().post(`/tenants/${w.tenantId}/users`, {
      email: newEmail(),
      password: "an admin-chosen password",
    });
    expect(password.status).toBe(400);
    expect(password.body.error.details.fields).toEqual([
      { path: "password", message: "must be left out: the user is invited" },
    ]);
    const bad = await admin().post(`/tenants/${w.tenantId}/users`, {
      email: "not-an-email",
      password: "short",
      role: "owner",
    });
    expect(bad.status).toBe(400);
    const paths = bad.body.error.details.fields.map((f: { path: string }) => f.path).sort();
    expect(paths).toEqual(["email", "password", "role"]);
    const empty = await admin().patch(`/tenants/${w.tenantId}/users/${w.users.member!.id}`, {});
    expect(empty.status).toBe(400);
    expect(JSON.stringify(empty.body.error.details)).toContain("nothing to update");
  });

  it("lists with filters, search, sort and pagination; members may read", async () => {
    const all = await w.users.member!.client.get(`/tenants/${w.tenantId}/users?limit=200`);
    expect(all.status).toBe(200);
    const emails = all.body.data.map((u: { email: string }) => u.email);
    expect(emails).toEqual([...emails].sort());
    const finance = await admin().get(`/tenants/${w.tenantId}/users?role=finance`);
    expect(finance.body.data.every((u: { role: string }) => u.role === "finance")).toBe(true);
    expect(finance.body.data.map((u: { user_id: string }) => u.user_id)).toContain(w.users.finance!.id);
    const q = await admin().get(
      `/tenants/${w.tenantId}/users?q=${encodeURIComponent(w.users.viewer!.email)}`,
    );
    expect(q.body.data.map((u: { user_id: string }) => u.user_id)).toEqual([w.users.viewer!.id]);
    const page1 = await admin().get(`/tenants/${w.tenantId}/users?sort=-created_at&limit=2`);
    const page2 = await admin().get(
      `/tenants/${w.tenantId}/users?sort=-created_at&limit=2&cursor=${page1.body.next_cursor}`,
    );
    const ids = [...page1.body.data, ...page2.body.data].map((u: { user_id: string }) => u.user_id);
    expect(new Set(ids).size).toBe(4);
    const created = [...page1.body.data, ...page2.body.data].map((u: { created_at: string }) => u.created_at);
    expect(created).toEqual([...created].sort().reverse());
    const badSort = await admin().get(`/tenants/${w.tenantId}/users?sort=password`);
    expect(badSort.status).toBe(400);
    expect(
      (await w.users.member!.client.post(`/tenants/${w.tenantId}/users`, { email: newEmail() })).status,
    ).toBe(403);
  });

  it("disabling a user stops them acting in the tenant and signs them out when disabled everywhere", async () => {
    const email = newEmail();
    const res = await w.admin.post(`/tenants/${w.tenantId}/users`, {
      email,
      password: "a long enough password",
    });
    const userId = res.body.data.user_id;
    const bob = await loginAs(server.url, email, "a long enough password");
    expect((await bob.get(`/tenants/${w.tenantId}/projects`)).status).toBe(200);
    const disabled = await admin().patch(`/tenants/${w.tenantId}/users/${userId}`, { status: "disabled" });
    expect(disabled.status).toBe(200);
    expect(disabled.body.data.status).toBe("disabled");
    // Their only tenant: the session is gone.
    expect((await bob.get("/auth/me")).status).toBe(401);
    const filtered = await admin().get(`/tenants/${w.tenantId}/users?status=disabled`);
    expect(filtered.body.data.map((u: { user_id: string }) => u.user_id)).toContain(userId);
    expect((await admin().patch(`/tenants/${w.tenantId}/users/${userId}`, { status: "active" })).status).toBe(
      200,
    );
    const back = await loginAs(server.url, email, "a long enough password");
    expect((await back.get(`/tenants/${w.tenantId}/projects`)).status).toBe(200);
  });

  it("a user disabled in one tenant but active in another keeps the session, without access to the first", async () => {
    const other = await w.admin.post("/tenants", { name: `Second ${unique()}` });
    const email = newEmail();
    const res = await w.admin.post(`/tenants/${w.tenantId}/users`, {
      email,
      password: "a long enough password",
    });
    expect((await w.admin.post(`/tenants/${other.body.data.id}/users`, { email })).status).toBe(201);
    const carol = await loginAs(server.url, email, "a long enough password");
    await admin().patch(`/tenants/${w.tenantId}/users/${res.body.data.user_id}`, { status: "disabled" });
    expect((await carol.get("/auth/me")).status).toBe(200);
    expect((await carol.get(`/tenants/${w.tenantId}/projects`)).status).toBe(404);
    expect((await carol.get(`/tenants/${other.body.data.id}/projects`)).status).toBe(200);
  });

  it("keeps at least one active Tenant Admin", async () => {
    const self = w.users.tenantAdmin!;
    const demote = await self.client.patch(`/tenants/${w.tenantId}/users/${self.id}`, { role: "member" });
    expect(demote.status).toBe(409);
    expect(demote.body.error.message).toMatch(/at least one active Tenant Admin/);
    const disable = await self.client.patch(`/tenants/${w.tenantId}/users/${self.id}`, {
      status: "disabled",
    });
    expect(disable.status).toBe(409);
    const remove = await self.client.delete(`/tenants/${w.tenantId}/users/${self.id}`);
    expect(remove.status).toBe(409);
    expect(remove.body.error.details).toMatchObject({ rule: "last_tenant_admin" });
  });

  it("two concurrent demotions of the last two Tenant Admins: exactly one succeeds", async () => {
    const tenant = await w.admin.post("/tenants", { name: `Race ${unique()}` });
    const tenantId = tenant.body.data.id;
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) {
      const r = await w.admin.post(`/tenants/${tenantId}/users`, {
        email: newEmail(),
        password: "a long enough password",
        role: "tenant_admin",
      });
      ids.push(r.body.data.user_id);
    }
    const results = await Promise.all(
      ids.map((id) => w.admin.patch(`/tenants/${tenantId}/users/${id}`, { role: "member" })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const admins = await w.admin.get(`/tenants/${tenantId}/users?role=tenant_admin`);
    expect(admins.body.data).toHaveLength(1);
  });

  it("removes a user with their project memberships, but not the last Owner of a project", async () => {
    const owner = w.users.owner!;
    const blocked = await admin().delete(`/tenants/${w.tenantId}/users/${owner.id}`);
    expect(blocked.status).toBe(409);
    expect(blocked.body.error.details.projects).toEqual([{ id: w.projectId, name: expect.any(String) }]);
    expect(blocked.body.error.message).toMatch(/last Owner of 1 project/);

    const email = newEmail();
    const res = await w.admin.post(`/tenants/${w.tenantId}/users`, {
      email,
      password: "a long enough password",
    });
    const userId = res.body.data.user_id;
    await admin().post(`/projects/${w.projectId}/members`, { user_id: userId, role: "developer" });
    const removed = await admin().delete(`/tenants/${w.tenantId}/users/${userId}`);
    expect(removed.status).toBe(204);
    const members = await admin().get(`/projects/${w.projectId}/members?limit=200`);
    expect(members.body.data.map((m: { user_id: string }) => m.user_id)).not.toContain(userId);
    const users = await admin().get(`/tenants/${w.tenantId}/users?limit=200`);
    expect(users.body.data.map((u: { user_id: string }) => u.user_id)).not.toContain(userId);
    const events = await admin().get(
      `/tenants/${w.tenantId}/audit-events?action=tenant.user.delete&resource_id=${w.tenantId}/${userId}`,
    );
    expect(events.body.data[0].before).toMatchObject({
      email,
      project_memberships: [{ project_id: w.projectId, role: "developer" }],
    });
    expect((await admin().delete(`/tenants/${w.tenantId}/users/${userId}`)).status).toBe(404);
  });

  it("answers 404 for another tenant's users and 401 without credentials", async () => {
    const other = await w.admin.post("/tenants", { name: `Hidden ${unique()}` });
    const res = await admin().get(`/tenants/${other.body.data.id}/users`);
    expect(res.status).toBe(404);
    expect((await httpClient(server.url).get(`/tenants/${w.tenantId}/users`)).status).toBe(401);
  });
});
