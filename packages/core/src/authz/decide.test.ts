import { describe, expect, it } from "vitest";
import { decide, type Subject } from "./decide.js";
import type { PermissionRule } from "./permission-matrix.js";
import { permissionMatrix } from "./permission-matrix.js";

const user = (over: Partial<Subject> = {}): Subject => ({
  kind: "user",
  isPlatformAdmin: false,
  tenantRole: "member",
  projectRole: null,
  ...over,
});

describe("decide", () => {
  it("refuses anonymous callers everything", () => {
    expect(
      decide(permissionMatrix["auth.me"], { ...user(), kind: "anonymous", tenantRole: null }),
    ).toMatchObject({ allowed: false });
  });

  it("lets the platform admin do anything, anywhere", () => {
    const admin = user({ isPlatformAdmin: true, tenantRole: null });
    for (const rule of Object.values(permissionMatrix)) expect(decide(rule, admin).allowed).toBe(true);
  });

  it("gives every signed-in person their own notifications, and a service account a 403", () => {
    const rule = permissionMatrix["notification.list"];
    expect(decide(rule, user({ tenantRole: null })).allowed).toBe(true);
    const sa = decide(rule, {
      kind: "service_account",
      isPlatformAdmin: false,
      tenantRole: null,
      projectRole: "owner",
    });
    expect(sa).toMatchObject({ allowed: false, visible: true });
    expect(sa.reason).toMatch(/service account/);
  });

  it("hides projects from tenant members who have no role in them (404, not 403)", () => {
    expect(decide(permissionMatrix["project.read"], user())).toMatchObject({
      allowed: false,
      visible: false,
    });
  });

  it("shows a viewer the project but refuses owner actions with the reason", () => {
    const d = decide(permissionMatrix["project.member.add"], user({ projectRole: "viewer" }));
    expect(d).toMatchObject({ allowed: false, visible: true });
    expect(d.reason).toContain("Owner");
    expect(d.reason).toContain("Viewer");
  });

  it("treats tenant admins as owners of every project of their tenant", () => {
    expect(decide(permissionMatrix["project.delete"], user({ tenantRole: "tenant_admin" })).allowed).toBe(
      true,
    );
  });

  it("lets members create projects only when the tenant allows it", () => {
    const rule = permissionMatrix["project.create"];
    expect(decide(rule, user()).allowed).toBe(false);
    expect(decide(rule, user(), { tenantSettings: { members_can_create_projects: true } }).allowed).toBe(
      true,
    );
    expect(
      decide(rule, user({ tenantRole: "finance" }), { tenantSettings: { members_can_create_projects: true } })
        .allowed,
    ).toBe(false);
  });

  it("applies env-policy conditions to the roles they name", () => {
    const rule: PermissionRule = {
      scope: "project",
      projectRoles: ["owner", "developer", "viewer"],
      tenantRoles: ["tenant_admin"],
      envPolicy: {
        policy: "viewers_cannot_view_logs",
        deniedRoles: ["viewer"],
        reason: "viewers cannot read logs in Prod",
      },
      description: "read logs",
    };
    const viewer = user({ projectRole: "viewer" });
    expect(decide(rule, viewer, { policies: { viewers_cannot_view_logs: true } })).toMatchObject({
      allowed: false,
      reason: "viewers cannot read logs in Prod",
    });
    expect(decide(rule, viewer, { policies: { viewers_cannot_view_logs: false } }).allowed).toBe(true);
    expect(
      decide(rule, user({ projectRole: "developer" }), { policies: { viewers_cannot_view_logs: true } })
        .allowed,
    ).toBe(true);
  });

  it("masks content for Finance where the rule says so", () => {
    const rule: PermissionRule = {
      scope: "project",
      tenantRoles: ["tenant_admin", "finance"],
      projectRoles: ["owner"],
      financeMasked: true,
      description: "preview records",
    };
    expect(decide(rule, user({ tenantRole: "finance" }))).toMatchObject({ allowed: true, masked: true });
    expect(decide(rule, user({ tenantRole: "tenant_admin" })).masked).toBeUndefined();
  });

  it("keeps service accounts to project actions of their role", () => {
    const sa: Subject = {
      kind: "service_account",
      isPlatformAdmin: false,
      tenantRole: null,
      projectRole: "developer",
    };
    expect(decide(permissionMatrix["project.read"], sa).allowed).toBe(true);
    expect(decide(permissionMatrix["project.delete"], sa)).toMatchObject({ allowed: false, visible: true });
    expect(decide(permissionMatrix["tenant.user.list"], sa)).toMatchObject({ allowed: false, visible: true });
  });
});
