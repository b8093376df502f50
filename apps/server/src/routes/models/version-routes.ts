import {
  CreateModelVersionInput,
  ListQuery,
  listOf,
  ModelVersion,
  ModelVersionListQuery,
  single,
} from "@infera/contracts";
import {
  createModelVersion,
  deleteModelVersion,
  getModelVersion,
  listModelVersions,
  openModelFile,
} from "@infera/core";
import { z } from "zod";
import type { Api } from "../../http/api.js";
import {
  defineRoute,
  idParam,
  jsonBody,
  jsonResponse,
  listResponse,
  noContent,
} from "../../http/define-route.js";
import { respondList } from "../../http/list-response.js";
import { sendFile } from "../../http/send-file.js";

const modelParams = z.object({ modelId: idParam("model id") });
const versionParams = z.object({ versionId: idParam("model version id") });

const list = defineRoute("model.version.list", {
  method: "get",
  path: "/models/{modelId}/versions",
  tags: ["Models"],
  summary: "List a model's versions (newest first)",
  description:
    "Filter by `artifact_type`, `weight_format`, `source`, `q` (version id or digest). Sort by `created_at` or `size`.",
  request: { params: modelParams, query: ListQuery.extend(ModelVersionListQuery.shape) },
  responses: { 200: listResponse(listOf(ModelVersion), "Versions") },
});

const create = defineRoute("model.version.create", {
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

const get = defineRoute("model.version.read", {
  method: "get",
  path: "/model-versions/{versionId}",
  tags: ["Models"],
  summary: "Read a model version: files with sha256, digest, size, metadata, tags",
  request: { params: versionParams },
  responses: { 200: jsonResponse(single(ModelVersion), "The version") },
});

const remove = defineRoute("model.version.delete", {
  method: "delete",
  path: "/model-versions/{versionId}",
  tags: ["Models"],
  summary:
    "Delete a version; 409 resource_in_use lists what references it (tags, derived versions, jobs, services)",
  request: { params: versionParams },
  responses: noContent,
});

const download = defineRoute("model.file.download", {
  method: "get",
  path: "/model-versions/{versionId}/files/{path}",
  tags: ["Models"],
  summary: "Download one file of a version (HTTP Range supported; ETag is the file's sha256)",
  description:
    "`path` is the file's path URL-encoded as one segment (`tokenizer%2Fvocab.json`). `Range: bytes=start-end` answers 206 with `Content-Range`; a range outside the file answers 416.",
  request: { params: versionParams.extend({ path: z.string().min(1).max(1024) }) },
  responses: {
    200: { description: "The file", content: { "application/octet-stream": { schema: z.string() } } },
    206: {
      description: "The requested range",
      content: { "application/octet-stream": { schema: z.string() } },
    },
    416: { description: "Range not satisfiable" },
  },
});

export function registerModelVersionRoutes(app: Api) {
  app.openapi(list, async (c) => {
    const { modelId } = c.req.valid("param");
    const query = c.req.valid("query");
    return respondList(
      c,
      query,
      (cursor, limit) =>
        listModelVersions({ ctx: c.get("ctx"), modelId, query: { ...query, cursor, limit } }),
      "model-versions",
    );
  });
  app.openapi(create, async (c) =>
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
  app.openapi(get, async (c) =>
    c.json(
      { data: await getModelVersion({ ctx: c.get("ctx"), versionId: c.req.valid("param").versionId }) },
      200,
    ),
  );
  app.openapi(remove, async (c) => {
    await deleteModelVersion({ ctx: c.get("ctx"), versionId: c.req.valid("param").versionId });
    return c.body(null, 204);
  });
  app.openapi(download, async (c) => {
    const { versionId, path } = c.req.valid("param");
    return (await sendFile(c, "application/octet-stream", async (pickRange) => {
      const file = await openModelFile({ ctx: c.get("ctx"), versionId, path, pickRange });
      return { ...file, name: file.path };
    })) as never;
  });
}
