import { BlobGcReport, single } from "@infera/contracts";
import { collectBlobGarbage } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, jsonResponse } from "../../http/define-route.js";

const route = defineRoute("blob.gc.preview", {
  method: "get",
  path: "/admin/blobs/gc",
  tags: ["Admin"],
  summary: "Dry run of blob garbage collection: what a run would delete (platform admin)",
  description:
    "Lists stored blobs that nothing references (model or dataset version files…) and that are older than the grace period (INFERA_BLOB_GC_GRACE_MINUTES), with counts and bytes of everything scanned, referenced and too new. Names at most 1000 digests; the counts cover all.",
  responses: { 200: jsonResponse(single(BlobGcReport), "The report; `deleted` is null") },
});

export function registerPreviewBlobGc(app: Api) {
  app.openapi(route, async (c) =>
    c.json({ data: await collectBlobGarbage({ ctx: c.get("ctx"), dryRun: true }) }, 200),
  );
}
