import { BlobGcReport, single } from "@infera/contracts";
import { collectBlobGarbage } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, jsonResponse } from "../../http/define-route.js";

const route = defineRoute("blob.gc.run", {
  method: "post",
  path: "/admin/blobs/gc",
  tags: ["Admin"],
  summary: "Delete unreferenced blobs older than the grace period (platform admin, audited)",
  description:
    "Does what the dry run lists, re-checking each object just before deleting it (one an upload confirmed since is skipped). Records one audit event `blob.gc.run` with the deleted digests.",
  responses: { 200: jsonResponse(single(BlobGcReport), "The report with `deleted`") },
});

export function registerRunBlobGc(app: Api) {
  app.openapi(route, async (c) =>
    c.json({ data: await collectBlobGarbage({ ctx: c.get("ctx"), dryRun: false }) }, 200),
  );
}
