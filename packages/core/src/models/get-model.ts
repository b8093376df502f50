import type { Model } from "@infera/contracts";
import type { ServiceContext } from "../shared/context.js";
import { authorizeModel } from "./model-access.js";
import { loadModelView } from "./to-model.js";

export async function getModel({ ctx, modelId }: { ctx: ServiceContext; modelId: string }): Promise<Model> {
  const { model } = await authorizeModel(ctx, "model.read", modelId);
  return (await loadModelView(ctx.db, model.id, null))!;
}
