import { DatasetSplit, SplitDatasetVersionInput, single } from "@infera/contracts";
import { splitDatasetVersion } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, jsonBody, jsonResponse } from "../../http/define-route.js";
import { versionParams } from "./params.js";

const route = defineRoute("dataset.version.split", {
  method: "post",
  path: "/dataset-versions/{versionId}/split",
  tags: ["Datasets"],
  summary:
    "Split a version into two derived versions (train, validation) with lineage; same seed, same split",
  description:
    "Give `validation_ratio` (0 < r < 1) or `validation_rows` (< rows), and `seed` (default 0). Each row's side is decided by a seeded hash of its content. Both parts are new versions of the same dataset with `parent_version_id`, `split_role` and `split_params`; the parent cannot be deleted while they exist.",
  request: { params: versionParams, body: jsonBody(SplitDatasetVersionInput) },
  responses: { 201: jsonResponse(single(DatasetSplit), "The two parts") },
});

export function registerSplitDatasetVersion(app: Api) {
  app.openapi(route, async (c) =>
    c.json(
      {
        data: await splitDatasetVersion({
          ctx: c.get("ctx"),
          versionId: c.req.valid("param").versionId,
          input: c.req.valid("json"),
        }),
      },
      201,
    ),
  );
}
