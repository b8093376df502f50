import { Command } from "commander";
import { connect } from "../../lib/connection.js";
import { fmtMetric, printEvaluation } from "../../lib/eval-output.js";
import { withConnection } from "../../lib/options.js";
import { printJson, say } from "../../lib/output.js";

export function evalShowCommand(): Command {
  return withConnection(new Command("show"))
    .description(
      "a run's report: targets, metrics with 95 % intervals per target and slice, the gate's rules, and the win rate of a side-by-side run",
    )
    .argument("<run>", "evaluation run id (evr_…)")
    .action(async (runId: string, opts: { url?: string; json?: boolean }) => {
      const { client } = connect(opts);
      const run = await client.evaluations.get(runId);
      const winRate = run.kind === "side_by_side" ? await client.evaluations.winRate(runId) : undefined;
      if (opts.json) return printJson(winRate ? { ...run, win_rate: winRate } : run);
      printEvaluation(run);
      if (winRate && winRate.ratings > 0)
        say(
          `\nwin rate of a: ${fmtMetric({ value: winRate.win_rate_a, ci_low: winRate.ci_low, ci_high: winRate.ci_high, n: winRate.ratings })} over ${winRate.ratings} rating(s) by ${winRate.raters} rater(s): a ${winRate.a_wins}, b ${winRate.b_wins}, ties ${winRate.ties}`,
        );
    });
}
