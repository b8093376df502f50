import { Command } from "commander";
import { connect } from "../../lib/connection.js";
import { withConnection } from "../../lib/options.js";
import { printJson, say } from "../../lib/output.js";

export function evalCancelCommand(): Command {
  return withConnection(new Command("cancel"))
    .description(
      "cancel a run: a queued one ends canceled at once, a running one stops after the samples in flight (they are kept); a finished run answers conflict (exit 6)",
    )
    .argument("<run>", "evaluation run id (evr_…)")
    .action(async (runId: string, opts: { url?: string; json?: boolean }) => {
      const { client } = connect(opts);
      const run = await client.evaluations.cancel(runId);
      if (opts.json) return printJson(run);
      say(`Evaluation ${run.id} ${run.status}.`);
    });
}
