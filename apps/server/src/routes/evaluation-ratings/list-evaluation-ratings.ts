import { ListQuery, listOf, SampleRating } from "@infera/contracts";
import { listEvaluationRatings } from "@infera/core";
import { z } from "zod";
import type { Api } from "../../http/api.js";
import { defineRoute, listResponse } from "../../http/define-route.js";
import { respondList } from "../../http/list-response.js";
import { ratedRunParams } from "./params.js";

const RatingListQuery = ListQuery.extend({
  index: z.coerce.number().int().min(0).optional().describe("only the ratings of this prompt"),
});

const route = defineRoute("evaluation.read", {
  method: "get",
  path: "/evaluations/{runId}/ratings",
  tags: ["Evaluations"],
  summary: "List a side-by-side run's ratings (prompt order, then rater)",
  description:
    "Every rater's judgement with their label (e-mail or service account name); `index` keeps one prompt's. Finance sees verdicts and scores without the notes.",
  request: { params: ratedRunParams, query: RatingListQuery },
  responses: { 200: listResponse(listOf(SampleRating), "Ratings") },
});

export function registerListEvaluationRatings(app: Api) {
  app.openapi(route, async (c) => {
    const { runId } = c.req.valid("param");
    const query = c.req.valid("query");
    return respondList(
      c,
      query,
      (cursor, limit) =>
        listEvaluationRatings({
          ctx: c.get("ctx"),
          runId,
          query: { cursor, limit, ...(query.index !== undefined ? { index: query.index } : {}) },
        }),
      "evaluation-ratings",
    );
  });
}
