import { BlobGcReport, single } from "@infera/contracts";
import { collectBlobGarbage } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, jsonResponse } from "../../http/define-route.js";

const preview = defineRoute("blob.gc.preview", {
  method: "get",
  path: "/admin/blobs/gc",
  tags: ["Admin"],
  summary: "Dry run of blob garbage collection: what a run would delete (platform admin)",
  description:
    "Lists stored blobs that nothing references (model or dataset version files…) and that are older than the grace period (INFERA_BLOB_GC_GRACE_MINUTES), with counts and bytes of everything scanned, referenced and too new. Names at most 1000 digests; the counts cover all.",
  responses: { 200: jsonResponse(single(BlobGcReport), "The report; `deleted` is null") },
});

const run = defineRoute("blob.gc.run", {
  method: "post",
  path: "/admin/blobs/gc",
  tags: ["Admin"],
  summary: "Delete unreferenced blobs older than the grace period (platform admin, audited)",
  description:
    "Does what the dry run lists, re-checking each object just before deleting it (one an upload confirmed since is skipped). Records one audit event `blob.gc.run` with the deleted digests.",
  responses: { 200: jsonResponse(single(BlobGcReport), "The report with `deleted`") },
});

export function registerBlobGcRoutes(app: Api) {
  app.openapi(preview, async (c) =>
    c.json({ data: await collectBlobGarbage({ ctx: c.get("ctx"), dryRun: true }) }, 200),
  );
  app.openapi(run, async (c) =>
    c.json({ data: await collectBlobGarbage({ ctx: c.get("ctx"), dryRun: false }) }, 200),
  );
}
