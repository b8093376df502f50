import { createHash, randomBytes } from "node:crypto";
import { hashPassword, newId } from "@infera/core";
import { type Database, tables } from "@infera/db";

/**
 * Direct inserts for test set-up only: users with tenant roles, project members and service
 * accounts with a token, without going through routes (which would also write audit events).
 */
export interface SeedUserInput {
  email: string;
  password: string;
  name?: string;
  isPlatformAdmin?: boolean;
  status?: "active" | "disabled";
  /** Tenant memberships to create with the user. */
  tenants?: {
    tenantId: string;
    role: "tenant_admin" | "member" | "finance";
    status?: "active" | "disabled";
  }[];
  /** Project memberships (the user must also be in the project's tenant). */
  projects?: { projectId: string; role: "owner" | "developer" | "viewer" }[];
}

const cheapCost = { memoryCost: 1024, timeCost: 1 };

export async function seedUser(db: Database, input: SeedUserInput): Promise<{ id: string; email: string }> {
  const id = newId("user");
  await db.insert(tables.users).values({
    id,
    email: input.email,
    name: input.name ?? null,
    passwordHash: await hashPassword(input.password, cheapCost),
    isPlatformAdmin: input.isPlatformAdmin ?? false,
    status: input.status ?? "active",
  });
  for (const t of input.tenants ?? []) {
    await db
      .insert(tables.tenantUsers)
      .values({ tenantId: t.tenantId, userId: id, role: t.role, status: t.status ?? "active" });
  }
  for (const p of input.projects ?? []) {
    await db.insert(tables.projectMembers).values({ projectId: p.projectId, userId: id, role: p.role });
  }
  return { id, email: input.email };
}

export async function seedProjectMember(
  db: Database,
  projectId: string,
  userId: string,
  role: "owner" | "developer" | "viewer",
): Promise<void> {
  await db.insert(tables.projectMembers).values({ projectId, userId, role });
}

/** A service account of a project with one active bearer token (returned in clear). */
export async function seedServiceAccount(
  db: Database,
  input: { projectId: string; tenantId: string; role: "owner" | "developer" | "viewer"; name?: string },
): Promise<{ id: string; token: string }> {
  const id = newId("serviceAccount");
  await db.insert(tables.serviceAccounts).values({
    id,
    projectId: input.projectId,
    tenantId: input.tenantId,
    name: input.name ?? `sa-${id.slice(-8)}`,
    role: input.role,
  });
  const token = `inf_sa_${randomBytes(32).toString("base64url")}`;
  await db.insert(tables.serviceAccountTokens).values({
    id: newId("serviceAccountToken"),
    serviceAccountId: id,
    tokenHash: createHash("sha256").update(token).digest("hex"),
    prefix: token.slice(0, 12),
  });
  return { id, token };
}
