import { Command } from "commander";
import { connect } from "../../lib/connection.js";
import { withConnection } from "../../lib/options.js";
import { printJson } from "../../lib/output.js";

export function finetuneConfigCommand(): Command {
  return withConnection(new Command("config"))
    .description(
      "a job's configuration as JSON on stdout, defaults filled in (export): `infera finetune create --from-file` imports it unchanged",
    )
    .argument("<job>", "job id (ftj_…)")
    .action(async (jobId: string, opts: { url?: string; json?: boolean }) => {
      const { client } = connect(opts);
      // JSON with or without --json: the configuration is a document, not a table.
      printJson(await client.fineTuning.jobs.config(jobId));
    });
}
