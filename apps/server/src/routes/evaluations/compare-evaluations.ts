import { EvaluationComparison, single } from "@infera/contracts";
import { compareEvaluations } from "@infera/core";
import { z } from "zod";
import type { Api } from "../../http/api.js";
import { defineRoute, jsonResponse } from "../../http/define-route.js";
import { projectParams } from "./params.js";

const route = defineRoute("evaluation.read", {
  method: "get",
  path: "/projects/{projectId}/evaluations/compare",
  tags: ["Evaluation"],
  summary: "Metric deltas of runs against the first one",
  description:
    "`ids` names 2 to 10 runs of this project, comma-separated. Per metric: each run's value, and its delta against the first run with a 95 % bootstrap interval — paired on the samples with the same index when both runs used the same dataset version, otherwise the difference of means with each run resampled on its own. A run of another project or tenant answers 404.",
  request: { params: projectParams, query: z.object({ ids: z.string().min(1).max(2000) }) },
  responses: { 200: jsonResponse(single(EvaluationComparison), "The comparison") },
});

export function registerCompareEvaluations(app: Api) {
  app.openapi(route, async (c) =>
    c.json(
      {
        data: await compareEvaluations({
          ctx: c.get("ctx"),
          projectId: c.req.valid("param").projectId,
          runIds: c.req.valid("query").ids.split(","),
        }),
      },
      200,
    ),
  );
}
