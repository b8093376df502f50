import { Command } from "commander";
import { connect } from "../../lib/connection.js";
import { printEvaluation } from "../../lib/eval-output.js";
import { exitCodeOfRun, followEvaluation } from "../../lib/eval-watch.js";
import { withConnection } from "../../lib/options.js";

export function evalWatchCommand(): Command {
  return withConnection(new Command("watch"))
    .description(
      "follow a run until it ends, then print its report; exits 0 when it succeeded, 9 failed, 10 canceled",
    )
    .argument("<run>", "evaluation run id (evr_…)")
    .option("--require-pass", "exit 6 when the run's gate failed (for CI pipelines)")
    .action(async (runId: string, opts: { url?: string; json?: boolean; requirePass?: boolean }) => {
      const { client } = connect(opts);
      const run = await followEvaluation(client, runId, { json: opts.json });
      process.exitCode = exitCodeOfRun(run, Boolean(opts.requirePass));
      // --json: NDJSON, the progress lines then the finished run.
      if (opts.json) return void process.stdout.write(`${JSON.stringify({ type: "done", run })}\n`);
      printEvaluation(run);
    });
}
