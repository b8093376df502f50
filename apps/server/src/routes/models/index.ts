import type { Api } from "../../http/api.js";
import { registerCreateModel } from "./create-model.js";
import { registerCreateModelVersion } from "./create-model-version.js";
import { registerCreateSystemModel } from "./create-system-model.js";
import { registerDeleteModel } from "./delete-model.js";
import { registerDeleteModelTag } from "./delete-model-tag.js";
import { registerDeleteModelVersion } from "./delete-model-version.js";
import { registerDownloadModelFile } from "./download-model-file.js";
import { registerGetModel } from "./get-model.js";
import { registerGetModelUsage } from "./get-model-usage.js";
import { registerGetModelVersion } from "./get-model-version.js";
import { registerListModelTags } from "./list-model-tags.js";
import { registerListModelVersions } from "./list-model-versions.js";
import { registerListModels } from "./list-models.js";
import { registerListTagHistory } from "./list-tag-history.js";
import { registerResolveModelRef } from "./resolve-model-ref.js";
import { registerRollbackModelTag } from "./rollback-model-tag.js";
import { registerSetModelTag } from "./set-model-tag.js";
import { registerUpdateModel } from "./update-model.js";

/** In this order: Hono matches, and the OpenAPI document lists, in registration order (decision 0011). */
export function registerModelRoutes(app: Api) {
  registerListModels(app);
  registerCreateModel(app);
  registerCreateSystemModel(app);
  registerGetModel(app);
  registerUpdateModel(app);
  registerDeleteModel(app);
  registerResolveModelRef(app);
  registerGetModelUsage(app);
  registerListModelVersions(app);
  registerCreateModelVersion(app);
  registerGetModelVersion(app);
  registerDeleteModelVersion(app);
  registerDownloadModelFile(app);
  registerListModelTags(app);
  registerSetModelTag(app);
  registerDeleteModelTag(app);
  registerListTagHistory(app);
  registerRollbackModelTag(app);
}
