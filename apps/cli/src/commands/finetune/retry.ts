import { Command } from "commander";
import { connect } from "../../lib/connection.js";
import { printJobSummary } from "../../lib/job-output.js";
import { withConnection } from "../../lib/options.js";
import { note, printJson } from "../../lib/output.js";

export function finetuneRetryCommand(): Command {
  return withConnection(new Command("retry"))
    .description(
      "queue a failed or canceled job again (same id, next attempt, from its last checkpoint); anything else answers conflict (exit 6)",
    )
    .argument("<job>", "job id (ftj_…)")
    .action(async (jobId: string, opts: { url?: string; json?: boolean }) => {
      const { client } = connect(opts);
      const job = await client.fineTuning.jobs.retry(jobId);
      if (opts.json) return printJson(job);
      printJobSummary(job);
      note(`Follow it: infera finetune watch ${job.id}`);
    });
}
