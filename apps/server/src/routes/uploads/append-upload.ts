import { appendUpload, DomainError } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute } from "../../http/define-route.js";
import { octetBody, tusHeaders, uploadParams } from "./params.js";
import { parseByteCount, TUS_CONTENT_TYPE } from "./tus-headers.js";
import { bodyOf, checkTus, contentLength, tusState } from "./tus-request.js";

const route = defineRoute("upload.create", {
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

export function registerAppendUpload(app: Api) {
  app.openapi(route, async (c) => {
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
}
