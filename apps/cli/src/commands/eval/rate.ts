import { Command, InvalidArgumentError, Option } from "commander";
import { connect } from "../../lib/connection.js";
import { withConnection } from "../../lib/options.js";
import { printJson, say } from "../../lib/output.js";

const score = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 5) throw new InvalidArgumentError("must be 1 to 5");
  return n;
};
const index = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError("must be a prompt index (0, 1, …)");
  return n;
};

export function evalRateCommand(): Command {
  return withConnection(new Command("rate"))
    .description(
      "rate one prompt of a side-by-side run as yourself (a second rating of the same prompt replaces your first)",
    )
    .argument("<run>", "side-by-side evaluation run id (evr_…)")
    .requiredOption("--index <n>", "the prompt's index in the run (0-based)", index)
    .addOption(
      new Option("--winner <side>", "which answer is better")
        .choices(["a", "b", "tie"])
        .makeOptionMandatory(),
    )
    .option("--score-a <1-5>", "a score for answer a", score)
    .option("--score-b <1-5>", "a score for answer b", score)
    .option("--note <text>", "why")
    .action(
      async (
        runId: string,
        opts: {
          url?: string;
          json?: boolean;
          index: number;
          winner: "a" | "b" | "tie";
          scoreA?: number;
          scoreB?: number;
          note?: string;
        },
      ) => {
        const { client } = connect(opts);
        const rating = await client.evaluations.rate(runId, {
          index: opts.index,
          winner: opts.winner,
          score_a: opts.scoreA ?? null,
          score_b: opts.scoreB ?? null,
          ...(opts.note !== undefined ? { note: opts.note } : {}),
        });
        if (opts.json) return printJson(rating);
        const w = await client.evaluations.winRate(runId);
        say(`Rated prompt ${rating.index}: winner ${rating.winner}.`);
        if (w.win_rate_a !== null)
          say(
            `Win rate of a so far: ${w.win_rate_a.toFixed(3)} [${w.ci_low?.toFixed(3)}, ${w.ci_high?.toFixed(3)}] over ${w.ratings} rating(s) by ${w.raters} rater(s).`,
          );
      },
    );
}
