import { z } from "zod";
import { idParam } from "../../http/define-route.js";

export const projectParams = z.object({ projectId: idParam("project id") });

export const datasetParams = z.object({ datasetId: idParam("dataset id") });

export const versionParams = z.object({ versionId: idParam("dataset version id") });

export const runParams = z.object({ runId: idParam("validation run id") });

export const fileRules =
  "Each file is `{upload_id, name?}` (a finished tus upload of the dataset's project; `name` defaults to the upload's filename) or `{sha256, name}` (bytes the dataset's tenant already holds; any other digest answers 400 as unknown). Files are read in order as if concatenated. Names are relative, forward-slashed, without `..`, NUL or other control characters, and unique. Token statistics use `base_model_version_id`'s tokenizer.json when given, otherwise o200k_base. Each file is JSONL, one JSON array, CSV or Parquet, each maybe gzipped (`container` names it for every file, otherwise detected per file); records are read as `shape` (otherwise the dataset's saved shape, otherwise detected) after the column `mapping` (target ← source; otherwise the mapping saved on the dataset, `{}` for none). A mapping naming a column a table lacks answers 400 naming the column. A version made with a mapping saves it on the dataset for the next versions.";
