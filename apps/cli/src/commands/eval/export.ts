import { writeFileSync } from "node:fs";
import { Command, Option } from "commander";
import { connect } from "../../lib/connection.js";
import { withConnection } from "../../lib/options.js";
import { note } from "../../lib/output.js";

export function evalExportCommand(): Command {
  return withConnection(new Command("export"))
    .description(
      "a run's whole report: JSON (run, summary, gate, every sample) or CSV (one row per sample, a column per metric)",
    )
    .argument("<run>", "evaluation run id (evr_…)")
    .addOption(new Option("--format <format>", "json or csv").choices(["json", "csv"]).default("json"))
    .option("-o, --output <file>", "write to this file instead of stdout")
    .action(async (runId: string, opts: { url?: string; format: "json" | "csv"; output?: string }) => {
      const { client } = connect(opts);
      const text = await client.evaluations.exportReport(runId, opts.format);
      if (!opts.output) {
        process.stdout.write(text.endsWith("\n") ? text : `${text}\n`);
        return;
      }
      writeFileSync(opts.output, text);
      note(`Wrote ${opts.output} (${text.length} bytes).`);
    });
}
