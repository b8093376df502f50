import { CreateModelVersionInput, ModelVersion, single } from "@infera/contracts";
import { createModelVersion } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, jsonBody, jsonResponse } from "../../http/define-route.js";
import { modelParams } from "./params.js";

const route = defineRoute("model.version.create", {
  method: "post",
  path: "/models/{modelId}/versions",
  tags: ["Models"],
  summary:
    "Add an immutable version from finished uploads or stored blobs; format and metadata are read from the bytes",
  description:
    "Each file is `{path, upload_id}` (a finished tus upload of the model's project) or `{path, sha256}` (bytes the model's tenant already holds: uploaded in the tenant, a file of one of its versions, or a public system model's file; any other digest answers 400 as unknown). Paths are relative, forward-slashed, without `..` or duplicates. The format (gguf, safetensors, bin) is detected from the bytes; GGUF and safetensors headers are read for architecture, parameters, context length, quantization, dtypes and chat template. A header that lies answers 400. Moves `latest` unless `tag_latest` is false.",
  request: { params: modelParams, body: jsonBody(CreateModelVersionInput) },
  responses: { 201: jsonResponse(single(ModelVersion), "Created") },
});

export function registerCreateModelVersion(app: Api) {
  app.openapi(route, async (c) =>
    c.json(
      {
        data: await createModelVersion({
          ctx: c.get("ctx"),
          modelId: c.req.valid("param").modelId,
          input: c.req.valid("json"),
        }),
      },
      201,
    ),
  );
}
