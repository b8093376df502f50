import { Command } from "commander";
import { connect } from "../../lib/connection.js";
import { printJobSummary } from "../../lib/job-output.js";
import { withConnection } from "../../lib/options.js";
import { note, printJson } from "../../lib/output.js";

export function finetuneCancelCommand(): Command {
  return withConnection(new Command("cancel"))
    .description(
      "cancel a job: a queued or starting one ends canceled at once; a running one goes canceling (it writes a checkpoint first). A finished job answers conflict (exit 6)",
    )
    .argument("<job>", "job id (ftj_…)")
    .action(async (jobId: string, opts: { url?: string; json?: boolean }) => {
      const { client } = connect(opts);
      const job = await client.fineTuning.jobs.cancel(jobId);
      if (opts.json) return printJson(job);
      printJobSummary(job);
      if (job.status === "canceling") note(`Wait for it to stop: infera finetune watch ${job.id}`);
    });
}
