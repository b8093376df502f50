import { and, type Executor, eq, tables } from "@infera/db";
import type { BlobStore } from "../ports/blob-store.js";

/**
 * The size of a blob a version may reference by digest, or null. A tenant's version may name only
 * what the tenant holds (`tenant_blobs`: an upload finished in it, or a version of it registered
 * the file) or a public system model's file; a platform model (`tenantId` null) any stored blob.
 * A digest held by another tenant answers exactly like one that exists nowhere, so the answer
 * tells nothing about other tenants' files.
 */
export async function findHeldBlob(
  exec: Executor,
  store: BlobStore,
  tenantId: string | null,
  sha256: string,
): Promise<{ size: number } | null> {
  if (tenantId && !(await tenantHolds(exec, tenantId, sha256)) && !(await isSystemModelFile(exec, sha256)))
    return null;
  const stat = await store.stat(sha256);
  return stat ? { size: stat.size } : null;
}

async function tenantHolds(exec: Executor, tenantId: string, sha256: string): Promise<boolean> {
  const t = tables.tenantBlobs;
  const [row] = await exec
    .select({ sha256: t.sha256 })
    .from(t)
    .where(and(eq(t.tenantId, tenantId), eq(t.sha256, sha256)))
    .limit(1);
  return Boolean(row);
}

/** System models are public: their files are everyone's to name. */
async function isSystemModelFile(exec: Executor, sha256: string): Promise<boolean> {
  const { modelVersionFiles: f, modelVersions: v, models: m } = tables;
  const [row] = await exec
    .select({ sha256: f.sha256 })
    .from(f)
    .innerJoin(v, eq(v.id, f.versionId))
    .innerJoin(m, eq(m.id, v.modelId))
    .where(and(eq(f.sha256, sha256), eq(m.ownerType, "platform"), eq(m.visibility, "public")))
    .limit(1);
  return Boolean(row);
}
