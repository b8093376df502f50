import { type Action, actions, type Permissions } from "@infera/contracts";
import type { ServiceContext } from "../shared/context.js";
import { DomainError, notFound } from "../shared/errors.js";
import { loadSubject } from "./authorize.js";
import { decide } from "./decide.js";
import { permissionMatrix } from "./permission-matrix.js";

/**
 * Every action of the matrix decided for the caller on a project (or tenant), with the reason for
 * each denial, so the console can hide or lock what would be refused.
 */
export async function listPermissions({
  ctx,
  projectId,
  tenantId,
}: {
  ctx: ServiceContext;
  projectId?: string;
  tenantId?: string;
}): Promise<Permissions> {
  if (ctx.principal.type === "anonymous")
    throw new DomainError("unauthenticated", "sign in or send a bearer token");
  const loaded = await loadSubject(ctx, { projectId, tenantId });
  const result: Permissions["actions"] = {};
  for (const action of actions as readonly Action[]) {
    const rule = permissionMatrix[action];
    if (rule.scope === "project" && !loaded.projectId) continue;
    if (rule.scope === "tenant" && !loaded.tenantId) continue;
    const d = decide(rule, loaded.subject, {
      env: loaded.env ?? undefined,
      policies: loaded.policies,
      tenantSettings: loaded.tenantSettings,
    });
    // Asking about a place you cannot see reveals nothing about it.
    if (!d.visible && (rule.scope === "project" || rule.scope === "tenant"))
      throw notFound(projectId ? "project" : "tenant");
    result[action] = {
      allowed: d.allowed,
      ...(d.reason ? { reason: d.reason } : {}),
      ...(d.masked ? { masked: true } : {}),
    };
  }
  return { project_id: loaded.projectId, tenant_id: loaded.tenantId, actions: result };
}
