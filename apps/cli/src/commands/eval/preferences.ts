import { Command, InvalidArgumentError } from "commander";
import { usageError } from "../../lib/cli-error.js";
import { connect } from "../../lib/connection.js";
import { withConnection } from "../../lib/options.js";
import { printJson, say } from "../../lib/output.js";

export function evalPreferencesCommand(): Command {
  return withConnection(new Command("preferences"))
    .description(
      "export a side-by-side run's ratings as a new version of a preference dataset (prompt, chosen, rejected), with lineage to both targets",
    )
    .argument("<run>", "side-by-side evaluation run id (evr_…)")
    .option("--dataset <id>", "add a version to this dataset of the project (ds_…)")
    .option("--dataset-name <name>", "or create a dataset with this name")
    .option("--min-ratings <n>", "leave out prompts with fewer ratings (default 1)", (v: string) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError("must be a whole number ≥ 1");
      return n;
    })
    .action(
      async (
        runId: string,
        opts: { url?: string; json?: boolean; dataset?: string; datasetName?: string; minRatings?: number },
      ) => {
        if (!opts.dataset === !opts.datasetName)
          throw usageError("give exactly one of --dataset or --dataset-name");
        const { client } = connect(opts);
        const out = await client.evaluations.exportPreferences(runId, {
          ...(opts.dataset ? { dataset_id: opts.dataset } : { dataset_name: opts.datasetName }),
          ...(opts.minRatings ? { min_ratings: opts.minRatings } : {}),
        });
        if (opts.json) return printJson(out);
        say(
          `Wrote ${out.records} preference record(s) to dataset ${out.dataset_id}, version ${out.dataset_version_id}.`,
        );
      },
    );
}
