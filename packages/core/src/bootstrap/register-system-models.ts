import { createReadStream } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import type { CreateModelVersionInput } from "@infera/contracts";
import { and, eq, sql, tables } from "@infera/db";
import { insertModelRow } from "../models/create-model.js";
import { insertModelVersion } from "../models/create-model-version.js";
import { versionDigest } from "../models/version-digest.js";
import type { ServiceContext } from "../shared/context.js";
import { withTransaction } from "../shared/transaction.js";

export interface SystemModelResult {
  modelId: string;
  versionId: string;
  /** False when an earlier start registered these exact files already. */
  created: boolean;
}

/**
 * Registers the model whose files are in `dir` as a public system model (platform-owned) with its
 * files in the blob store and `latest` on its version. Idempotent: the same files (same version
 * digest) are registered once, however many times or replicas start; changed files add a version.
 */
export async function registerSystemModel({
  ctx,
  dir,
  name,
  description,
}: {
  ctx: ServiceContext;
  dir: string;
  name: string;
  description: string;
}): Promise<SystemModelResult> {
  const store = ctx.blobs;
  const names = (await readdir(dir)).sort();
  const files: { path: string; sha256: string }[] = [];
  for (const path of names) {
    if (!(await stat(join(dir, path))).isFile()) continue;
    const put = await store.put(createReadStream(join(dir, path)));
    files.push({ path, sha256: put.sha256 });
  }
  const digest = versionDigest(files);
  return withTransaction(ctx, async (tx) => {
    // Replicas starting together register one model, one version.
    await tx.db.execute(sql`select pg_advisory_xact_lock(4242002)`);
    const m = tables.models;
    let [model] = await tx.db
      .select()
      .from(m)
      .where(and(eq(m.ownerKey, "platform"), eq(m.name, name)));
    if (!model) {
      const view = await insertModelRow(
        tx,
        { name, description, visibility: "public", source: "bundled with Infera", license: "" },
        { ownerType: "platform", tenantId: null, projectId: null },
      );
      [model] = await tx.db.select().from(m).where(eq(m.id, view.id));
    }
    const [existing] = await tx.db
      .select({ id: tables.modelVersions.id })
      .from(tables.modelVersions)
      .where(and(eq(tables.modelVersions.modelId, model!.id), eq(tables.modelVersions.digest, digest)));
    if (existing) return { modelId: model!.id, versionId: existing.id, created: false };
    const input: CreateModelVersionInput = {
      artifact_type: "full",
      files,
      source: "upload",
      license: "",
      notes: `registered at start from ${dir}`,
      tag_latest: true,
    };
    const version = await insertModelVersion(tx, model!, input, { source: "system" });
    return { modelId: model!.id, versionId: version.id, created: true };
  });
}
