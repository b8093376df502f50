import type { InferaClient } from "@infera/client";
import { resolveTenant, type TenantRef } from "../../lib/scope.js";

/** --tenant for audit commands: a tenant's id or name, or `platform` for the platform chain. */
export async function resolveAuditChain(client: InferaClient, flag: string | undefined): Promise<TenantRef> {
  if (flag === "platform") return { id: "platform", name: "the platform" };
  return resolveTenant(client, flag);
}
