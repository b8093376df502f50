import { Readable } from "node:stream";
import { exportEvaluation } from "@infera/core";
import { z } from "zod";
import type { Api } from "../../http/api.js";
import { defineRoute } from "../../http/define-route.js";
import { runParams } from "./params.js";

const route = defineRoute("evaluation.read", {
  method: "get",
  path: "/evaluations/{runId}/export",
  tags: ["Evaluation"],
  summary: "Download a run's report: JSON (run, summary, gate, every sample) or CSV (a row per sample)",
  description:
    "`format=json` answers `{run, summary, gate, samples}`; `format=csv` one row per sample (index, target, slice, input, reference, output, error, latency, tokens) with a column per metric. Written while it streams, a page of samples at a time. Finance gets content masked.",
  request: { params: runParams, query: z.object({ format: z.enum(["json", "csv"]).default("json") }) },
  responses: {
    200: {
      description: "The report",
      content: { "application/json": { schema: z.string() }, "text/csv": { schema: z.string() } },
    },
  },
});

export function registerExportEvaluation(app: Api) {
  app.openapi(route, async (c) => {
    const r = await exportEvaluation({
      ctx: c.get("ctx"),
      runId: c.req.valid("param").runId,
      format: c.req.valid("query").format,
    });
    return c.body(Readable.toWeb(r.body) as unknown as ReadableStream, 200, {
      "Content-Type": r.contentType,
      "Content-Disposition": `attachment; filename="${r.filename}"`,
    }) as never;
  });
}
