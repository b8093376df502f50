import { Command } from "commander";
import { connect } from "../../lib/connection.js";
import { withConnection } from "../../lib/options.js";
import { note, printJson, say } from "../../lib/output.js";

export function evalRerunCommand(): Command {
  return withConnection(new Command("rerun"))
    .description("start a new run with the same targets (tags resolved again), data and configuration")
    .argument("<run>", "evaluation run id (evr_…)")
    .action(async (runId: string, opts: { url?: string; json?: boolean }) => {
      const { client } = connect(opts);
      const run = await client.evaluations.rerun(runId);
      if (opts.json) return printJson(run);
      say(`Evaluation ${run.id} ${run.status} (a rerun of ${runId}).`);
      note(`Follow it: infera eval watch ${run.id}`);
    });
}
