import { Readable } from "node:stream";
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
import { errorBody } from "../../http/error-response.js";
import { respondList } from "../../http/list-response.js";

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
    "Each file is `{path, upload_id}` (a finished tus upload of the model's project) or `{path, sha256}` (bytes already in the blob store). Paths are relative, forward-slashed, without `..` or duplicates. The format (gguf, safetensors, bin) is detected from the bytes; GGUF and safetensors headers are read for architecture, parameters, context length, quantization, dtypes and chat template. A header that lies answers 400. Moves `latest` unless `tag_latest` is false.",
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

class RangeNotSatisfiable extends Error {}

/** `bytes=a-b`, `bytes=a-`, `bytes=-n` (one range); null for none or a form we ignore (multiple ranges). */
function parseRange(header: string | undefined, size: number): { start: number; end: number } | null {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m) {
    if (/^bytes=/.test(header.trim()) && !header.includes(",")) throw new RangeNotSatisfiable();
    return null;
  }
  const [, a, b] = m;
  if (a === "" && b === "") throw new RangeNotSatisfiable();
  if (a === "") {
    const n = Number(b);
    if (n === 0 || size === 0) throw new RangeNotSatisfiable();
    return { start: Math.max(0, size - n), end: size - 1 };
  }
  const start = Number(a);
  const end = b === "" ? size - 1 : Math.min(Number(b), size - 1);
  if (start >= size || start > end) throw new RangeNotSatisfiable();
  return { start, end };
}

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
    const rangeHeader = c.req.header("range");
    let size = 0;
    try {
      const file = await openModelFile({
        ctx: c.get("ctx"),
        versionId,
        path,
        pickRange: (s) => {
          size = s;
          return parseRange(rangeHeader, s);
        },
      });
      const headers: Record<string, string> = {
        "Content-Type": "application/octet-stream",
        "Content-Disposition": `attachment; filename="${encodeURIComponent(file.path.split("/").pop()!)}"`,
        "Accept-Ranges": "bytes",
        ETag: `"${file.sha256}"`,
        "Cache-Control": "private, max-age=31536000, immutable",
      };
      const body = Readable.toWeb(file.stream) as unknown as ReadableStream;
      if (file.range) {
        headers["Content-Range"] = `bytes ${file.range.start}-${file.range.end}/${file.size}`;
        headers["Content-Length"] = String(file.range.end - file.range.start + 1);
        return c.body(body, 206, headers) as never;
      }
      headers["Content-Length"] = String(file.size);
      return c.body(body, 200, headers) as never;
    } catch (err) {
      if (!(err instanceof RangeNotSatisfiable)) throw err;
      c.header("Content-Range", `bytes */${size}`);
      return c.json(
        errorBody("validation_error", "range not satisfiable", c.get("requestId") ?? "unknown", { size }),
        416,
      ) as never;
    }
  });
}
