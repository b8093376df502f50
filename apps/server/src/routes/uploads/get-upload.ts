import { single, TUS_VERSION, Upload } from "@infera/contracts";
import { getUpload } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, jsonResponse } from "../../http/define-route.js";
import { tusHeaders, uploadParams } from "./params.js";
import { tusState } from "./tus-request.js";

const route = defineRoute("upload.read", {
  method: "get",
  path: "/uploads/{uploadId}",
  tags: ["Uploads"],
  summary: "An upload's status: offset, length, state, sha256 when complete (HEAD: tus offset headers)",
  description:
    "GET answers JSON; HEAD answers the tus headers `Upload-Offset`, `Upload-Length`, `Upload-Expires` (and 410 for an upload that failed, expired or was canceled).",
  request: { params: uploadParams },
  responses: { 200: { ...jsonResponse(single(Upload), "The upload"), headers: tusHeaders } },
});

export function registerGetUpload(app: Api) {
  app.openapi(route, async (c) => {
    const upload = await getUpload({ ctx: c.get("ctx"), uploadId: c.req.valid("param").uploadId });
    c.header("Tus-Resumable", TUS_VERSION);
    if (c.req.method === "HEAD" && !["uploading", "complete"].includes(upload.state))
      return c.body(null, 410) as never;
    tusState(c, upload);
    return c.json({ data: upload }, 200);
  });
}
