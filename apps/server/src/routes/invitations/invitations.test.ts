import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../main.js";
import { httpClient, loginAs } from "../../testing/http.js";
import { startTestServer } from "../../testing/test-server.js";
import { createWorld, unique, type World } from "../../testing/world.js";

const PUBLIC_URL = "https://infera.example.test";
const HOUR = 3_600_000;

describe("invitations", () => {
  let server: RunningServer;
  let w: World;
  // The server's clock: tests move it forward to reach an invitation's expiry.
  let offsetMs = 0;
  beforeAll(async () => {
    server = await startTestServer(
      { INFERA_PUBLIC_URL: PUBLIC_URL },
      { now: () => new Date(Date.now() + offsetMs) },
    );
    w = await createWorld(server.url);
  });
  afterAll(async () => server?.stop());

  const admin = () => w.users.tenantAdmin!.client;
  const anonymous = () => httpClient(server.url);
  const newEmail = () => `${unique("inv")}@example.test`;
  async function invite(body: Record<string, unknown>) {
    const res = await admin().post(`/tenants/${w.tenantId}/invitations`, body);
    expect(res.status).toBe(201);
    return res.body as {
      data: { id: string; email: string; token: string; accept_url: string; status: string }[];
      skipped: { email: string; reason: string }[];
    };
  }

  it("invites a pasted batch: splits, lower-cases, deduplicates and skips with reasons", async () => {
    const a = newEmail();
    const b = newEmail();
    const pending = newEmail();
    await invite({ emails: [pending] });
    const res = await invite({
      emails: `${a}, ${a.toUpperCase()};${b}\n not-an-email \t${w.users.member!.email.toUpperCase()}\n${pending}`,
      role: "finance",
      projects: [{ project_id: w.projectId, role: "viewer" }],
      expires_in_hours: 24,
    });
    expect(res.data.map((i) => i.email).sort()).toEqual([a, b].sort());
    expect(res.skipped).toEqual(
      expect.arrayContaining([
        { email: "not-an-email", reason: "not a valid email address" },
        { email: w.users.member!.email, reason: "already a user of this tenant" },
        { email: pending, reason: expect.stringMatching(/pending invitation/) },
      ]),
    );
    expect(res.skipped).toHaveLength(3);
    for (const inv of res.data) {
      expect(inv).toMatchObject({ status: "pending", role: "finance" });
      expect(inv.token).toMatch(/^inf_inv_/);
      expect(inv.accept_url).toBe(`${PUBLIC_URL}/invite/${inv.token}`);
    }
    // One audit event per invitation, and never the token.
    const events = await admin().get(
      `/tenants/${w.tenantId}/audit-events?action=tenant.invitation.create&limit=200`,
    );
    const ours = events.body.data.filter((e: { resource_id: string }) =>
      res.data.some((i) => i.id === e.resource_id),
    );
    expect(ours).toHaveLength(2);
    for (const inv of res.data) expect(events.text).not.toContain(inv.token);
    // The list never shows a token again.
    const list = await admin().get(`/tenants/${w.tenantId}/invitations?limit=200`);
    expect(list.status).toBe(200);
    for (const inv of res.data) expect(list.text).not.toContain(inv.token);
    expect(list.body.data[0]).not.toHaveProperty("token");
  });

  it("refuses invalid input with a clear message", async () => {
    const none = await admin().post(`/tenants/${w.tenantId}/invitations`, { emails: " ,; \n" });
    expect(none.status).toBe(400);
    expect(none.body.error.message).toBe("give at least one email address");
    const other = await w.admin.post("/tenants", { name: `Elsewhere ${unique()}` });
    const theirOwner = await w.admin.post(`/tenants/${other.body.data.id}/users`, {
      email: newEmail(),
      password: "a long enough password",
    });
    const otherProject = await w.admin.post(`/tenants/${other.body.data.id}/projects`, {
      name: "Theirs",
      env: "dev",
      owner_id: theirOwner.body.data.user_id,
    });
    const foreign = await admin().post(`/tenants/${w.tenantId}/invitations`, {
      emails: [newEmail()],
      projects: [{ project_id: otherProject.body.data.id, role: "developer" }],
    });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.details.missing_project_ids).toEqual([otherProject.body.data.id]);
    const badHours = await admin().post(`/tenants/${w.tenantId}/invitations`, {
      emails: [newEmail()],
      expires_in_hours: 0,
    });
    expect(badHours.status).toBe(400);
    expect(badHours.body.error.details.fields[0].path).toBe("expires_in_hours");
    const member = await w.users.member!.client.post(`/tenants/${w.tenantId}/invitations`, {
      emails: [newEmail()],
    });
    expect(member.status).toBe(403);
  });

  it("a new user previews, accepts with name and password, and lands in the tenant and projects", async () => {
    const email = newEmail();
    const [inv] = (
      await invite({ emails: email, projects: [{ project_id: w.projectId, role: "developer" }] })
    ).data;
    const preview = await anonymous().get(`/invitations/${inv!.token}`);
    expect(preview.status).toBe(200);
    expect(Object.keys(preview.body.data).sort()).toEqual([
      "email",
      "expires_at",
      "has_account",
      "role",
      "tenant_name",
    ]);
    expect(preview.body.data).toMatchObject({ email, role: "member", has_account: false });

    const missing = await anonymous().post(`/invitations/${inv!.token}/accept`, {});
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toBe("name and password are required to create your account");

    const accepted = await anonymous().post(`/invitations/${inv!.token}/accept`, {
      name: "New Person",
      password: "a brand new password",
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body.data).toMatchObject({
      tenant_id: w.tenantId,
      email,
      role: "member",
      account_created: true,
      projects: [{ project_id: w.projectId, role: "developer" }],
    });
    const me = await loginAs(server.url, email, "a brand new password");
    expect((await me.get(`/projects/${w.projectId}`)).body.data.role).toBe("developer");

    // Single use.
    const twice = await anonymous().post(`/invitations/${inv!.token}/accept`, {
      name: "New Person",
      password: "a brand new password",
    });
    expect(twice.status).toBe(409);
    expect(twice.body.error.message).toMatch(/already accepted/);
    expect((await anonymous().get(`/invitations/${inv!.token}`)).status).toBe(404);
    const accepted2 = await admin().get(`/tenants/${w.tenantId}/invitations?status=accepted&q=${email}`);
    expect(accepted2.body.data.map((i: { id: string }) => i.id)).toEqual([inv!.id]);
    const events = await admin().get(
      `/tenants/${w.tenantId}/audit-events?action=tenant.invitation.accept&resource_id=${inv!.id}`,
    );
    expect(events.body.data).toHaveLength(1);
    expect(events.body.data[0]).toMatchObject({ actor_label: email, after: { status: "accepted" } });
  });

  it("two concurrent accepts of one link: exactly one succeeds", async () => {
    const [inv] = (await invite({ emails: [newEmail()] })).data;
    const body = { name: "Racer", password: "a brand new password" };
    const results = await Promise.all([
      anonymous().post(`/invitations/${inv!.token}/accept`, body),
      anonymous().post(`/invitations/${inv!.token}/accept`, body),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
  });

  it("an existing account must be the caller: signed in as it, or by its password", async () => {
    const other = await w.admin.post("/tenants", { name: `Home ${unique()}` });
    const email = newEmail();
    await w.admin.post(`/tenants/${other.body.data.id}/users`, { email, password: "existing user password" });
    const [inv] = (await invite({ emails: [email], role: "finance" })).data;
    expect((await anonymous().get(`/invitations/${inv!.token}`)).body.data.has_account).toBe(true);

    const anon = await anonymous().post(`/invitations/${inv!.token}/accept`, {});
    expect(anon.status).toBe(401);
    expect(anon.body.error.message).toMatch(/sign in as it, or give its password/);
    const someoneElse = await w.users.viewer!.client.post(`/invitations/${inv!.token}/accept`, {});
    expect(someoneElse.status).toBe(403);
    expect(someoneElse.body.error.message).toMatch(/this invitation is for/);
    const wrong = await anonymous().post(`/invitations/${inv!.token}/accept`, {
      password: "not their password",
    });
    expect(wrong.status).toBe(401);

    const self = await loginAs(server.url, email, "existing user password");
    const ok = await self.post(`/invitations/${inv!.token}/accept`, {});
    expect(ok.status).toBe(200);
    expect(ok.body.data).toMatchObject({ role: "finance", account_created: false });
    expect((await self.get(`/tenants/${w.tenantId}`)).body.data.role).toBe("finance");

    // By password, without a session.
    const email2 = newEmail();
    await w.admin.post(`/tenants/${other.body.data.id}/users`, {
      email: email2,
      password: "existing user password",
    });
    const [inv2] = (await invite({ emails: [email2] })).data;
    const byPassword = await anonymous().post(`/invitations/${inv2!.token}/accept`, {
      password: "existing user password",
    });
    expect(byPassword.status).toBe(200);
  });

  it("a revoked link stops working; revoking twice is a conflict", async () => {
    const [inv] = (await invite({ emails: [newEmail()] })).data;
    const revoked = await admin().post(`/tenants/${w.tenantId}/invitations/${inv!.id}/revoke`);
    expect(revoked.status).toBe(200);
    expect(revoked.body.data.status).toBe("revoked");
    const preview = await anonymous().get(`/invitations/${inv!.token}`);
    expect(preview.status).toBe(404);
    expect(preview.body.error.message).toMatch(/revoked/);
    const accept = await anonymous().post(`/invitations/${inv!.token}/accept`, {
      name: "Too Late",
      password: "a brand new password",
    });
    expect(accept.status).toBe(404);
    expect((await admin().post(`/tenants/${w.tenantId}/invitations/${inv!.id}/revoke`)).status).toBe(409);
    const list = await admin().get(`/tenants/${w.tenantId}/invitations?status=revoked`);
    expect(list.body.data.map((i: { id: string }) => i.id)).toContain(inv!.id);
    // Another tenant's admin cannot see or revoke it.
    const unknown = await admin().post(
      `/tenants/${w.tenantId}/invitations/inv_00000000000000000000000000/revoke`,
    );
    expect(unknown.status).toBe(404);
    expect((await anonymous().get("/invitations/inf_inv_nonsense")).status).toBe(404);
  });

  it("an expired link answers 412 on accept and shows as expired", async () => {
    const email = newEmail();
    const [inv] = (await invite({ emails: [email], expires_in_hours: 1 })).data;
    offsetMs = 2 * HOUR;
    try {
      const preview = await anonymous().get(`/invitations/${inv!.token}`);
      expect(preview.status).toBe(404);
      expect(preview.body.error.message).toMatch(/expired/);
      const accept = await anonymous().post(`/invitations/${inv!.token}/accept`, {
        name: "Late Comer",
        password: "a brand new password",
      });
      expect(accept.status).toBe(412);
      expect(accept.body.error.code).toBe("precondition_failed");
      expect(accept.body.error.message).toMatch(/expired at .*ask a Tenant Admin for a new one/);
      const expired = await admin().get(`/tenants/${w.tenantId}/invitations?status=expired`);
      expect(expired.body.data.map((i: { id: string }) => i.id)).toContain(inv!.id);
      const pending = await admin().get(`/tenants/${w.tenantId}/invitations?status=pending&limit=200`);
      expect(pending.body.data.map((i: { id: string }) => i.id)).not.toContain(inv!.id);
      // An expired invitation does not block a new one.
      expect((await invite({ emails: [email] })).data).toHaveLength(1);
    } finally {
      offsetMs = 0;
    }
  });
});
