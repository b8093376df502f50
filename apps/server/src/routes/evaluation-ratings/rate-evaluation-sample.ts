import { RateSampleInput, SampleRating, single } from "@infera/contracts";
import { rateEvaluationSample } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, jsonBody, jsonResponse } from "../../http/define-route.js";
import { ratedRunParams, unprocessable } from "./params.js";

const route = defineRoute("evaluation.rate", {
  method: "put",
  path: "/evaluations/{runId}/ratings",
  tags: ["Evaluations"],
  summary: "Rate the two answers of one prompt of a side-by-side run (your rating replaces your earlier one)",
  description:
    "One rating per (run, prompt `index`, rater): `winner` (`a`, `b` or `tie`), optional 1–5 `score_a` / `score_b` and a `note`. Rating the same prompt again replaces your rating in place (the audit event keeps the one before). Only side_by_side runs are rated (409 for other kinds); the prompt must be one both targets answered (422 otherwise).",
  request: { params: ratedRunParams, body: jsonBody(RateSampleInput) },
  responses: {
    200: jsonResponse(single(SampleRating), "Your rating of the prompt"),
    422: unprocessable("the index is not a prompt of the run, or a target has not answered it yet"),
  },
});

export function registerRateEvaluationSample(app: Api) {
  app.openapi(route, async (c) =>
    c.json(
      {
        data: await rateEvaluationSample({
          ctx: c.get("ctx"),
          runId: c.req.valid("param").runId,
          input: c.req.valid("json"),
        }),
      },
      200,
    ),
  );
}
