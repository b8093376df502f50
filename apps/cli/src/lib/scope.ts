import type { InferaClient } from "@infera/client";
import type { Project } from "@infera/contracts";
import { CliError, usageError } from "./cli-error.js";
import type { StoredLogin } from "./config-store.js";

export interface TenantRef {
  id: string;
  name: string;
}

/** --tenant as an id or a name; without it, the first tenant of the caller. */
export async function resolveTenant(client: InferaClient, flag: string | undefined): Promise<TenantRef> {
  const me = await client.auth.me();
  if (!flag) {
    const first = me.tenants[0];
    if (!first)
      throw new CliError("not_found", "you belong to no tenant yet: ask a Tenant Admin to invite you");
    return first;
  }
  const mine = me.tenants.find((t) => t.id === flag || t.name === flag);
  if (mine) return mine;
  // The platform admin reaches tenants it is not a member of.
  for await (const t of client.tenants.iterate({ q: flag }))
    if (t.id === flag || t.name === flag) return { id: t.id, name: t.name };
  if (/^ten_/.test(flag)) return (await client.tenants.get(flag)) satisfies TenantRef;
  throw new CliError("not_found", `no tenant "${flag}" that you can see`);
}

/** --project as an id (`proj_…`) or a name in the tenant. */
export async function resolveProject(
  client: InferaClient,
  flag: string,
  tenantFlag: string | undefined,
): Promise<Project> {
  if (/^proj_/.test(flag)) return client.projects.get(flag);
  const tenant = await resolveTenant(client, tenantFlag);
  for await (const p of client.projects.iterate(tenant.id, { q: flag })) if (p.name === flag) return p;
  throw new CliError("not_found", `no project named "${flag}" in tenant ${tenant.name} that you can see`);
}

/** --project, else the default project that `infera use` kept with this server's login. */
export function projectRef(opts: { project?: string }, stored: StoredLogin | undefined): string | undefined {
  return opts.project ?? stored?.project?.id;
}

/** The project a command works in: --project, else the default of `infera use`. */
export async function projectOf(
  client: InferaClient,
  opts: { project?: string; tenant?: string },
  stored: StoredLogin | undefined,
): Promise<Project> {
  const ref = projectRef(opts, stored);
  if (!ref) throw usageError("give --project <id or name>, or choose a default with `infera use <project>`");
  return resolveProject(client, ref, opts.tenant);
}

/** A member given as an email (looked up among the project's members) or a user id. */
export async function resolveMemberId(client: InferaClient, project: Project, who: string): Promise<string> {
  if (!who.includes("@")) return who;
  const email = who.toLowerCase();
  for await (const m of client.members.iterate(project.id, { limit: 200 }))
    if (m.email === email) return m.user_id;
  throw new CliError("not_found", `${who} is not a member of ${project.name}`);
}
