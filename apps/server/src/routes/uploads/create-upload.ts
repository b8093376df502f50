import { CreateUploadInput, single, TUS_VERSION, Upload } from "@infera/contracts";
import { appendUpload, createUpload, DomainError } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, jsonResponse } from "../../http/define-route.js";
import { zodDetails } from "../../http/error-response.js";
import { octetBody, tusHeaders } from "./params.js";
import { parseByteCount, parseUploadMetadata, TUS_CONTENT_TYPE } from "./tus-headers.js";
import { bodyOf, checkTus, contentLength, tusState } from "./tus-request.js";

const route = defineRoute("upload.create", {
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

export function registerCreateUpload(app: Api) {
  app.openapi(route, async (c) => {
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
}
