import type { WinRate } from "@infera/contracts";
import { eq, tables } from "@infera/db";
import type { ServiceContext } from "../../shared/context.js";
import { winRateInterval } from "../metrics/win-rate-interval.js";
import { promptOutcomes } from "./prompt-outcomes.js";
import { authorizeRatedRun, requireSideBySide } from "./rated-run-access.js";

/**
 * Win rate of target `a` over the rated prompts: each prompt is decided by the majority of its
 * raters (a draw counts half), so a prompt rated by five people weighs as much as one rated by one;
 * the interval resamples prompts with the run's seed, so the same ratings give the same interval.
 * `a_wins` / `b_wins` / `ties` count prompts; `ratings` and `raters` count the judgements behind them.
 */
export async function getEvaluationWinRate({
  ctx,
  runId,
}: {
  ctx: ServiceContext;
  runId: string;
}): Promise<WinRate> {
  const { run } = await authorizeRatedRun(ctx, "evaluation.read", runId);
  requireSideBySide(run, "win rates are computed for");
  const r = tables.evaluationRatings;
  const votes = await ctx.db
    .select({ index: r.index, winner: r.winner, raterId: r.raterId })
    .from(r)
    .where(eq(r.runId, run.id));
  const prompts = promptOutcomes(votes);
  const seed = typeof run.config.seed === "number" ? run.config.seed : 42;
  const interval = winRateInterval(
    prompts.map((p) => p.outcome),
    { seed },
  );
  return {
    ratings: votes.length,
    raters: new Set(votes.map((v) => v.raterId)).size,
    a_wins: prompts.filter((p) => p.winner === "a").length,
    b_wins: prompts.filter((p) => p.winner === "b").length,
    ties: prompts.filter((p) => p.winner === null).length,
    win_rate_a: interval.value,
    ci_low: interval.ci_low,
    ci_high: interval.ci_high,
  };
}
