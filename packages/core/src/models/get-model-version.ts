import type { ModelVersion } from "@infera/contracts";
import type { ServiceContext } from "../shared/context.js";
import { authorizeVersion } from "./model-access.js";
import { loadVersionView } from "./to-model.js";

export async function getModelVersion({
  ctx,
  versionId,
}: {
  ctx: ServiceContext;
  versionId: string;
}): Promise<ModelVersion> {
  const { version } = await authorizeVersion(ctx, "model.version.read", versionId);
  return (await loadVersionView(ctx.db, version.id))!;
}
