import { Navigate, useParams } from "react-router";
import { ErrorState } from "../../../components/error-state/error-state";
import { PageSkeleton } from "../../../shell/page-skeleton";
import { modelPaths, useModelVersion } from "../api";

/** A version's own address (dependants link here): looks its model up and opens the version drawer there. */
export function ModelVersionRedirect() {
  const { tenantId = "", projectId = "", versionId = "" } = useParams();
  const version = useModelVersion(versionId);
  if (version.isPending) return <PageSkeleton />;
  if (version.isError) return <ErrorState error={version.error} onRetry={() => void version.refetch()} />;
  return <Navigate replace to={modelPaths(tenantId, projectId).version(version.data.model_id, versionId)} />;
}
