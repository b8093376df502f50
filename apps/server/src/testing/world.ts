import { type HttpClient, loginAs } from "./http.js";
import { TEST_ADMIN } from "./test-server.js";

let counter = 0;
/** A unique suffix so tests sharing one server never collide on names or emails. */
export function unique(prefix = "t"): string {
  counter++;
  return `${prefix}${Date.now().toString(36)}${counter}`;
}

/**
 * A tenant of its own with users in every role, created through the API as the platform admin:
 * tenant admin, member, finance, and a project with an owner, a developer and a viewer.
 */
export async function createWorld(baseUrl: string) {
  const admin = await loginAs(baseUrl, TEST_ADMIN.email, TEST_ADMIN.password);
  const tag = unique("w");
  const tenant = await admin.post("/tenants", { name: `Tenant ${tag}` });
  if (tenant.status !== 201) throw new Error(`create tenant: ${tenant.status} ${tenant.text}`);
  const tenantId: string = tenant.body.data.id;
  const password = "correct horse battery staple";
  const users: Record<string, { id: string; email: string; client: HttpClient & { token: string } }> = {};
  for (const [key, role] of [
    ["tenantAdmin", "tenant_admin"],
    ["member", "member"],
    ["finance", "finance"],
    ["owner", "member"],
    ["developer", "member"],
    ["viewer", "member"],
  ] as const) {
    const email = `${key.toLowerCase()}.${tag}@example.test`;
    const res = await admin.post(`/tenants/${tenantId}/users`, { email, password, role, name: key });
    if (res.status !== 201) throw new Error(`create user ${key}: ${res.status} ${res.text}`);
    users[key] = { id: res.body.data.user_id, email, client: await loginAs(baseUrl, email, password) };
  }
  const project = await users.tenantAdmin!.client.post(`/tenants/${tenantId}/projects`, {
    name: `Project ${tag}`,
    env: "dev",
    owner_id: users.owner!.id,
    members: [
      { user_id: users.developer!.id, role: "developer" },
      { user_id: users.viewer!.id, role: "viewer" },
    ],
  });
  if (project.status !== 201) throw new Error(`create project: ${project.status} ${project.text}`);
  return { admin, tenantId, projectId: project.body.data.id as string, users, password, tag };
}
export type World = Awaited<ReturnType<typeof createWorld>>;
