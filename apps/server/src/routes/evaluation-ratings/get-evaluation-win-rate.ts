import { single, WinRate } from "@infera/contracts";
import { getEvaluationWinRate } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, jsonResponse } from "../../http/define-route.js";
import { ratedRunParams } from "./params.js";

const route = defineRoute("evaluation.read", {
  method: "get",
  path: "/evaluations/{runId}/win-rate",
  tags: ["Evaluations"],
  summary: "Win rate of target a over b in a side-by-side run, with its 95 % bootstrap interval",
  description:
    "Each rated prompt is decided by more than half of its raters (otherwise it is a draw, counted half); the win rate of `a` is the mean over prompts, its interval a percentile bootstrap over prompts seeded with the run's `seed` (the same ratings give the same interval). `a_wins`, `b_wins`, `ties` count prompts; `ratings` and `raters` the judgements and people behind them. Null rates before any rating.",
  request: { params: ratedRunParams },
  responses: { 200: jsonResponse(single(WinRate), "Win rate") },
});

export function registerGetEvaluationWinRate(app: Api) {
  app.openapi(route, async (c) =>
    c.json(
      { data: await getEvaluationWinRate({ ctx: c.get("ctx"), runId: c.req.valid("param").runId }) },
      200,
    ),
  );
}
