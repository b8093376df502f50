import type { ProjectRole, TenantRole } from "@infera/contracts";
import type { Subject } from "@infera/core";
import { echoInferenceCaller, seedServiceAccount, seedUser } from "@infera/testing";
import type { RunningServer } from "../main.js";
import { type HttpClient, httpClient, loginAs } from "../testing/http.js";
import { startTestServer, TEST_ADMIN } from "../testing/test-server.js";
import { uploadBytes } from "../testing/upload-bytes.js";

/** Everyone the security matrix sends requests as. */
export const principals = [
  "anonymous",
  "platform_admin",
  "tenant_admin",
  "member",
  "finance",
  "owner",
  "developer",
  "viewer",
  "service_account",
] as const;
export type PrincipalName = (typeof principals)[number];

const tenantRoleOf: Record<string, TenantRole> = {
  tenant_admin: "tenant_admin",
  member: "member",
  finance: "finance",
  owner: "member",
  developer: "member",
  viewer: "member",
};
/** The role every service account of the world holds in its project. */
export const SERVICE_ACCOUNT_ROLE: ProjectRole = "developer";

export const TEST_PASSWORD = "a-long-enough-password-for-tests";

let counter = 0;
/** A unique, readable suffix (names, emails) across everything one test file creates. */
export function unique(prefix = "x"): string {
  counter += 1;
  return `${prefix}-${Date.now().toString(36)}-${counter}`;
}

export interface FreshUser {
  id: string;
  email: string;
  password: string;
}

/**
 * What a fixture gets: one tenant (A, the tenant under test, or B for the cross-tenant check) with its
 * main project, clients to set things up, and helpers that make fresh resources in it.
 */
export interface FixtureWorld {
  tenantId: string;
  /** The main project of the tenant: owner, developer and viewer hold their roles in it. */
  projectId: string;
  /** Tenant Admin of this tenant, for set-up requests. */
  admin: HttpClient;
  /** The tenant's users by role name (owner, developer and viewer are Members of the tenant). */
  users: Readonly<
    Record<"tenant_admin" | "member" | "finance" | "owner" | "developer" | "viewer", FreshUser>
  >;
  /** The platform admin. */
  platform: HttpClient;
  baseUrl: string;
  /** A new project of this tenant where owner, developer and viewer hold their roles. */
  freshProject(opts?: { env?: "dev" | "test" | "prod" }): Promise<{ id: string; name: string }>;
  /** A new active user of this tenant (no project role unless `projectId` is given). */
  freshUser(role?: TenantRole, project?: { projectId: string; role: ProjectRole }): Promise<FreshUser>;
  /** A new service account of a project of this tenant, with a bearer token. */
  freshServiceAccount(projectId: string, role?: ProjectRole): Promise<{ id: string; token: string }>;
  unique(prefix?: string): string;
  /**
   * Uploads `bytes` into the tenant's main project (as its Tenant Admin) and answers their sha256:
   * a digest this tenant holds and may name in its versions — and the other tenant may not.
   */
  heldBlob(bytes: Buffer | string): Promise<string>;
  /** The running server (direct database access for checks: `server.database.db`). */
  server: RunningServer;
}

interface TenantPlace {
  tenantId: string;
  projectId: string;
  users: Record<string, FreshUser>;
  admin: HttpClient;
  /** project id → service account token (developer) of that project */
  serviceAccounts: Map<string, string>;
}

export interface World {
  server: RunningServer & { engine: string };
  platform: HttpClient;
  a: FixtureWorld;
  b: FixtureWorld;
  /** Which tenant each project the world made belongs to, and who holds which role in it. */
  projects: Map<string, { tenantId: string; roles: Partial<Record<PrincipalName, ProjectRole>> }>;
  /** A client acting as `who`; the service account is the one of the target project (or of A's main project). */
  clientFor(who: PrincipalName, target?: Target): Promise<HttpClient>;
  /** A brand-new session of `who` (for routes that end it). */
  freshClientFor(who: PrincipalName, target?: Target): Promise<HttpClient>;
  /** Mirror of authorize's loadSubject: null when the target is invisible before the matrix is asked. */
  subjectFor(who: PrincipalName, target: Target): Subject | null;
  stop(): Promise<void>;
}

export interface Target {
  tenantId?: string;
  projectId?: string;
}

/**
 * One server, two tenants (A under test, B for the cross-tenant check), a user per role in each,
 * logged in once. The platform admin is the bootstrap admin, a member of neither tenant.
 */
export async function createWorld(env: Record<string, string> = {}): Promise<World> {
  // The playground route calls services through this fake of the port (it echoes the prompt).
  const server = await startTestServer(env, { inference: echoInferenceCaller() });
  const db = server.database.db;
  const platform = await loginAs(server.url, TEST_ADMIN.email, TEST_ADMIN.password);
  const projects: World["projects"] = new Map();
  const clients = new Map<string, HttpClient>();

  async function makePlace(label: string): Promise<TenantPlace> {
    const t = await platform.post("/tenants", { name: unique(`Tenant ${label}`) });
    if (t.status !== 201) throw new Error(`create tenant: ${t.status} ${t.text}`);
    const tenantId = t.body.data.id as string;
    const users: Record<string, FreshUser> = {};
    for (const who of ["tenant_admin", "member", "finance", "owner", "developer", "viewer"]) {
      const email = `${unique(`${who}-${label}`)}@example.test`.toLowerCase();
      const u = await seedUser(db, {
        email,
        password: TEST_PASSWORD,
        tenants: [{ tenantId, role: tenantRoleOf[who]! }],
      });
      users[who] = { id: u.id, email, password: TEST_PASSWORD };
    }
    const admin = await loginAs(server.url, users.tenant_admin!.email, TEST_PASSWORD);
    const place: TenantPlace = { tenantId, projectId: "", users, admin, serviceAccounts: new Map() };
    place.projectId = (await createProjectIn(place, "dev")).id;
    return place;
  }

  async function createProjectIn(place: TenantPlace, env: "dev" | "test" | "prod") {
    const name = unique("Project");
    const res = await place.admin.post(`/tenants/${place.tenantId}/projects`, {
      name,
      env,
      owner_id: place.users.owner!.id,
      members: [
        { user_id: place.users.developer!.id, role: "developer" },
        { user_id: place.users.viewer!.id, role: "viewer" },
      ],
    });
    if (res.status !== 201) throw new Error(`create project: ${res.status} ${res.text}`);
    const id = res.body.data.id as string;
    projects.set(id, {
      tenantId: place.tenantId,
      roles: { owner: "owner", developer: "developer", viewer: "viewer" },
    });
    const sa = await seedServiceAccount(db, {
      projectId: id,
      tenantId: place.tenantId,
      role: SERVICE_ACCOUNT_ROLE,
    });
    place.serviceAccounts.set(id, sa.token);
    return { id, name };
  }

  function fixtureWorld(place: TenantPlace): FixtureWorld {
    return {
      tenantId: place.tenantId,
      projectId: place.projectId,
      admin: place.admin,
      users: place.users as FixtureWorld["users"],
      platform,
      baseUrl: server.url,
      server,
      unique,
      heldBlob: (bytes) => uploadBytes(place.admin, place.projectId, bytes),
      freshProject: (opts) => createProjectIn(place, opts?.env ?? "dev"),
      async freshUser(role = "member", project) {
        const email = `${unique("user")}@example.test`;
        const u = await seedUser(db, {
          email,
          password: TEST_PASSWORD,
          tenants: [{ tenantId: place.tenantId, role }],
          projects: project ? [project] : [],
        });
        return { id: u.id, email, password: TEST_PASSWORD };
      },
      freshServiceAccount: (projectId, role = "developer") =>
        seedServiceAccount(db, { projectId, tenantId: place.tenantId, role }),
    };
  }

  const placeA = await makePlace("A");
  const placeB = await makePlace("B");

  function saToken(target?: Target): string {
    const own = target?.projectId ? placeA.serviceAccounts.get(target.projectId) : undefined;
    return own ?? placeA.serviceAccounts.get(placeA.projectId)!;
  }

  async function login(who: PrincipalName, target?: Target): Promise<HttpClient> {
    if (who === "anonymous") return httpClient(server.url);
    if (who === "platform_admin") return loginAs(server.url, TEST_ADMIN.email, TEST_ADMIN.password);
    if (who === "service_account") {
      // A new account in the same project, so ending its token harms nobody else.
      const projectId =
        target?.projectId && placeA.serviceAccounts.has(target.projectId)
          ? target.projectId
          : placeA.projectId;
      const sa = await seedServiceAccount(db, {
        projectId,
        tenantId: placeA.tenantId,
        role: SERVICE_ACCOUNT_ROLE,
      });
      return clientWithToken(sa.token);
    }
    const u = placeA.users[who]!;
    return loginAs(server.url, u.email, u.password);
  }

  function clientWithToken(token: string) {
    return Object.assign(httpClient(server.url, { token }), { token });
  }

  return {
    server,
    platform,
    a: fixtureWorld(placeA),
    b: fixtureWorld(placeB),
    projects,
    async clientFor(who, target) {
      if (who === "anonymous") return httpClient(server.url);
      if (who === "service_account") return clientWithToken(saToken(target));
      const cached = clients.get(who);
      if (cached) return cached;
      const client = who === "platform_admin" ? platform : await login(who);
      clients.set(who, client);
      return client;
    },
    freshClientFor: login,
    subjectFor(who, target) {
      if (who === "anonymous")
        return { kind: "anonymous", isPlatformAdmin: false, tenantRole: null, projectRole: null };
      if (who === "platform_admin")
        return { kind: "user", isPlatformAdmin: true, tenantRole: null, projectRole: null };
      const project = target.projectId ? projects.get(target.projectId) : undefined;
      if (target.projectId && !project)
        throw new Error(`project ${target.projectId} was not made by the world`);
      const tenantId = project?.tenantId ?? target.tenantId;
      if (who === "service_account") {
        // A service account exists only inside its project and tenant: anything else is invisible to it.
        if (tenantId && tenantId !== placeA.tenantId) return null;
        if (target.projectId && !placeA.serviceAccounts.has(target.projectId)) return null;
        return {
          kind: "service_account",
          isPlatformAdmin: false,
          tenantRole: null,
          projectRole: target.projectId ? SERVICE_ACCOUNT_ROLE : null,
        };
      }
      const inA = tenantId === placeA.tenantId;
      return {
        kind: "user",
        isPlatformAdmin: false,
        tenantRole: inA ? (tenantRoleOf[who] ?? null) : null,
        projectRole: inA && project ? (project.roles[who] ?? null) : null,
      };
    },
    stop: () => server.stop(),
  };
}
