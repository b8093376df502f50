import type { TagMoveRequest } from "./components/tag-move-dialog";

/**
 * The promote dialog a link asks for: `?promote=prod&promote_version=mv_…&evidence=evr_…` (the
 * evaluation page's "Promote to prod tag" after a passing gate run), or null.
 */
export function promoteRequestFromQuery(params: URLSearchParams): TagMoveRequest | null {
  const tag = params.get("promote");
  const versionId = params.get("promote_version");
  if (!tag || !versionId) return null;
  const evaluationRunId = params.get("evidence");
  return { mode: "promote", tag, versionId, ...(evaluationRunId ? { evaluationRunId } : {}) };
}
