import type { Api } from "../../http/api.js";
import { registerCreateDataset } from "./create-dataset.js";
import { registerCreateDatasetVersion } from "./create-dataset-version.js";
import { registerDeleteDataset } from "./delete-dataset.js";
import { registerDeleteDatasetVersion } from "./delete-dataset-version.js";
import { registerDownloadDatasetFile } from "./download-dataset-file.js";
import { registerDownloadNormalizedDataset } from "./download-normalized-dataset.js";
import { registerDownloadValidationRunReport } from "./download-validation-run-report.js";
import { registerDownloadVersionReport } from "./download-version-report.js";
import { registerGetDataset } from "./get-dataset.js";
import { registerGetDatasetUsage } from "./get-dataset-usage.js";
import { registerGetDatasetVersion } from "./get-dataset-version.js";
import { registerGetDatasetVersionUsage } from "./get-dataset-version-usage.js";
import { registerGetValidationRun } from "./get-validation-run.js";
import { registerListDatasetVersions } from "./list-dataset-versions.js";
import { registerListDatasets } from "./list-datasets.js";
import { registerPreviewDatasetVersion } from "./preview-dataset-version.js";
import { registerSplitDatasetVersion } from "./split-dataset-version.js";
import { registerUpdateDataset } from "./update-dataset.js";
import { registerValidateDatasetVersion } from "./validate-dataset-version.js";

/** In this order: Hono matches, and the OpenAPI document lists, in registration order (decision 0011). */
export function registerDatasetRoutes(app: Api) {
  registerListDatasets(app);
  registerCreateDataset(app);
  registerGetDataset(app);
  registerUpdateDataset(app);
  registerDeleteDataset(app);
  registerGetDatasetUsage(app);
  registerListDatasetVersions(app);
  registerCreateDatasetVersion(app);
  registerValidateDatasetVersion(app);
  registerGetValidationRun(app);
  registerGetDatasetVersion(app);
  registerDeleteDatasetVersion(app);
  registerGetDatasetVersionUsage(app);
  registerPreviewDatasetVersion(app);
  registerSplitDatasetVersion(app);
  registerDownloadDatasetFile(app);
  registerDownloadNormalizedDataset(app);
  registerDownloadVersionReport(app);
  registerDownloadValidationRunReport(app);
}
