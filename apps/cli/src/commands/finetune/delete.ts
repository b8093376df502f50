import { Command } from "commander";
import { connect } from "../../lib/connection.js";
import { withConnection } from "../../lib/options.js";
import { printJson, say } from "../../lib/output.js";

export function finetuneDeleteCommand(): Command {
  return withConnection(new Command("delete"))
    .description(
      "delete a finished job (succeeded, failed or canceled); the model version it registered stays. A job still queued or running answers conflict (exit 6): cancel it first",
    )
    .argument("<job>", "job id (ftj_…)")
    .action(async (jobId: string, opts: { url?: string; json?: boolean }) => {
      const { client } = connect(opts);
      await client.fineTuning.jobs.delete(jobId);
      if (opts.json) return printJson({ deleted: true, id: jobId });
      say(`Deleted job ${jobId}.`);
    });
}
