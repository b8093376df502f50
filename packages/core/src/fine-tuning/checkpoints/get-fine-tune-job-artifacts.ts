import type { FineTuneJobArtifacts } from "@infera/contracts";
import { asc, eq, tables } from "@infera/db";
import type { ServiceContext } from "../../shared/context.js";
import { authorizeJob } from "../job-access.js";

/**
 * What a job produced: the model version it registered (a succeeded job's
 * `result_model_version_id`) and that version's files with their sizes and download links. A job
 * that has not succeeded answers no version and no files.
 */
export async function getFineTuneJobArtifacts({
  ctx,
  jobId,
}: {
  ctx: ServiceContext;
  jobId: string;
}): Promise<FineTuneJobArtifacts> {
  const { job } = await authorizeJob(ctx, "fine_tuning.job.read", jobId);
  const versionId = job.resultModelVersionId;
  if (!versionId) return { output_model_id: job.outputModelId, model_version_id: null, files: [] };
  const f = tables.modelVersionFiles;
  const files = await ctx.db.select().from(f).where(eq(f.versionId, versionId)).orderBy(asc(f.path));
  return {
    output_model_id: job.outputModelId,
    model_version_id: versionId,
    files: files.map((file) => ({
      path: file.path,
      size_bytes: file.size,
      sha256: file.sha256,
      kind: file.kind,
      download_url: `/api/v1/model-versions/${versionId}/files/${encodeURIComponent(file.path)}`,
    })),
  };
}
