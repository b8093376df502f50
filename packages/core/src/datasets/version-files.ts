import { asc, type Executor, eq, tables } from "@infera/db";

/** A version's files in order (their blobs, names and containers). */
export function versionFiles(exec: Executor, versionId: string) {
  return exec
    .select()
    .from(tables.datasetVersionFiles)
    .where(eq(tables.datasetVersionFiles.versionId, versionId))
    .orderBy(asc(tables.datasetVersionFiles.position));
}
