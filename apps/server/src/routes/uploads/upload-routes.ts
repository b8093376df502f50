import type { IncomingMessage } from "node:http";
import { CreateUploadInput, single, TUS_EXTENSIONS, TUS_VERSION, Upload } from "@infera/contracts";
import { appendUpload, cancelUpload, createUpload, DomainError, getUpload } from "@infera/core";
import type { Context } from "hono";
import { z } from "zod";
import type { Api } from "../../http/api.js";
import type { AppEnv } from "../../http/app-env.js";
import { defineRoute, idParam, jsonResponse } from "../../http/define-route.js";
import { zodDetails } from "../../http/error-response.js";
import { httpDate, parseByteCount, parseUploadMetadata, TUS_CONTENT_TYPE } from "./tus-headers.js";

const uploadParams = z.object({ uploadId: idParam("upload id (upl_…)") });
const tusHeaders = { "Tus-Resumable": { description: TUS_VERSION, schema: { type: "string" as const } } };
const octetBody = {
  content: { [TUS_CONTENT_TYPE]: { schema: z.string().openapi({ format: "binary" }) } },
};

const create = defineRoute("upload.create", {
  method: "post",
  path: "/uploads",
  tags: ["Uploads"],
  summary: "Start a resumable upload (tus 1.0 creation, creation-with-upload)",
  description: `Headers: \`Upload-Length\` (bytes; over INFERA_MAX_UPLOAD_BYTES answers 413), \`Upload-Metadata\` with base64 values of \`project_id\` and \`filename\` (required), \`sha256\` (hex; checked when the last byte arrives) and \`content_type\`, and \`Tus-Resumable: ${TUS_VERSION}\`. A body of type ${TUS_CONTENT_TYPE} is the first bytes. Answers 201 with \`Location\` (the upload's URL for HEAD/PATCH/DELETE), \`Upload-Offset\`, \`Upload-Expires\` and the upload's status.`,
  request: { body: { required: false, ...octetBody } },
  responses: {
    201: {
      ...jsonResponse(single(Upload), "Created"),
      headers: { ...tusHeaders, Location: { schema: { type: "string" } } },
    },
  },
});

const status = defineRoute("upload.read", {
  method: "get",
  path: "/uploads/{uploadId}",
  tags: ["Uploads"],
  summary: "An upload's status: offset, length, state, sha256 when complete (HEAD: tus offset headers)",
  description:
    "GET answers JSON; HEAD answers the tus headers `Upload-Offset`, `Upload-Length`, `Upload-Expires` (and 410 for an upload that failed, expired or was canceled).",
  request: { params: uploadParams },
  responses: { 200: { ...jsonResponse(single(Upload), "The upload"), headers: tusHeaders } },
});

const append = defineRoute("upload.create", {
  method: "patch",
  path: "/uploads/{uploadId}",
  tags: ["Uploads"],
  summary: "Send bytes at Upload-Offset (tus PATCH); a dropped connection keeps what arrived",
  description: `Headers: \`Upload-Offset\` (must equal the server's: 409 otherwise — ask HEAD), \`Content-Type: ${TUS_CONTENT_TYPE}\`. When the last byte arrives the sha256 is checked (a mismatch answers 400, the upload is failed and nothing is stored) and the bytes go to the blob store.`,
  request: { params: uploadParams, body: { required: true, ...octetBody } },
  responses: {
    204: { description: "Bytes stored; `Upload-Offset` says how many in all", headers: tusHeaders },
  },
});

const cancel = defineRoute("upload.create", {
  method: "delete",
  path: "/uploads/{uploadId}",
  tags: ["Uploads"],
  summary: "Cancel an unfinished upload (tus termination): its partial bytes are removed",
  request: { params: uploadParams },
  responses: { 204: { description: "Canceled", headers: tusHeaders } },
});

/** The raw request: PATCH bodies are read straight from Node's stream (no copy into web streams). */
function bodyOf(c: Context<AppEnv>): AsyncIterable<Uint8Array> | null {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (incoming) return incoming;
  return (c.req.raw.body as AsyncIterable<Uint8Array> | null) ?? null;
}

function checkTus(c: Context<AppEnv>) {
  const v = c.req.header("tus-resumable");
  if (v !== undefined && v !== TUS_VERSION)
    throw new DomainError(
      "precondition_failed",
      `Tus-Resumable ${v} is not supported; this server speaks ${TUS_VERSION}`,
      {
        supported: [TUS_VERSION],
      },
    );
  c.header("Tus-Resumable", TUS_VERSION);
}

function contentLength(c: Context<AppEnv>): number | undefined {
  const raw = c.req.header("content-length");
  return raw === undefined ? undefined : parseByteCount("Content-Length", raw);
}

function tusState(c: Context<AppEnv>, upload: Upload) {
  c.header("Upload-Offset", String(upload.offset));
  c.header("Upload-Length", String(upload.length));
  if (upload.state === "uploading") c.header("Upload-Expires", httpDate(new Date(upload.expires_at)));
  c.header("Cache-Control", "no-store");
}

export function registerUploadRoutes(app: Api) {
  app.options("/uploads", (c) => {
    c.header("Tus-Resumable", TUS_VERSION);
    c.header("Tus-Version", TUS_VERSION);
    c.header("Tus-Extension", TUS_EXTENSIONS.join(","));
    c.header("Tus-Max-Size", String(c.get("ctx").uploads.settings.maxBytes));
    return c.body(null, 204);
  });

  app.openapi(create, async (c) => {
    checkTus(c);
    if (c.req.header("upload-defer-length") !== undefined)
      throw new DomainError("validation_error", "Upload-Defer-Length is not supported: send Upload-Length");
    const meta = parseUploadMetadata(c.req.header("upload-metadata"));
    const parsed = CreateUploadInput.safeParse({
      ...meta,
      length: parseByteCount("Upload-Length", c.req.header("upload-length")),
    });
    if (!parsed.success)
      throw new DomainError("validation_error", "Upload-Metadata is not valid", zodDetails(parsed.error));
    const ctx = c.get("ctx");
    let upload = await createUpload({ ctx, input: parsed.data });
    const withBody = c.req.header("content-type")?.split(";")[0]?.trim() === TUS_CONTENT_TYPE;
    if (upload.length === 0 || withBody)
      upload = (
        await appendUpload({
          ctx,
          uploadId: upload.id,
          offset: 0,
          contentLength: withBody ? contentLength(c) : 0,
          body: withBody ? bodyOf(c) : null,
        })
      ).upload;
    tusState(c, upload);
    c.header("Location", `/api/v1/uploads/${upload.id}`);
    return c.json({ data: upload }, 201);
  });

  app.openapi(status, async (c) => {
    const upload = await getUpload({ ctx: c.get("ctx"), uploadId: c.req.valid("param").uploadId });
    c.header("Tus-Resumable", TUS_VERSION);
    if (c.req.method === "HEAD" && !["uploading", "complete"].includes(upload.state))
      return c.body(null, 410) as never;
    tusState(c, upload);
    return c.json({ data: upload }, 200);
  });

  app.openapi(append, async (c) => {
    checkTus(c);
    const type = c.req.header("content-type")?.split(";")[0]?.trim();
    if (type !== TUS_CONTENT_TYPE)
      throw new DomainError("validation_error", `a PATCH body must be Content-Type: ${TUS_CONTENT_TYPE}`);
    const { upload } = await appendUpload({
      ctx: c.get("ctx"),
      uploadId: c.req.valid("param").uploadId,
      offset: parseByteCount("Upload-Offset", c.req.header("upload-offset")),
      contentLength: contentLength(c),
      body: bodyOf(c),
    });
    tusState(c, upload);
    return c.body(null, 204);
  });

  app.openapi(cancel, async (c) => {
    checkTus(c);
    await cancelUpload({ ctx: c.get("ctx"), uploadId: c.req.valid("param").uploadId });
    return c.body(null, 204);
  });
}
