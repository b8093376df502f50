import { Command } from "commander";
import { mappingText } from "../../lib/column-mapping.js";
import { connect } from "../../lib/connection.js";
import { printDatasetVersion } from "../../lib/dataset-output.js";
import { resolveDataset } from "../../lib/dataset-ref.js";
import { withConnection, withTenant } from "../../lib/options.js";
import { fmtTime, printJson, printTable, say } from "../../lib/output.js";
import { projectRef } from "../../lib/scope.js";

export function datasetsShowCommand(): Command {
  return withTenant(withConnection(new Command("show")))
    .description(
      "a dataset and its versions (rows, tokens), or one version (dsv_…) with its files, schema and token statistics",
    )
    .argument("<ref>", "dataset id (ds_…) or name with --project, or a version id (dsv_…)")
    .option(
      "--project <project>",
      "the project to find the dataset by name in (default: the one chosen with `infera use`)",
    )
    .action(
      async (ref: string, opts: { url?: string; json?: boolean; tenant?: string; project?: string }) => {
        const { client, stored } = connect(opts);
        if (/^dsv_/.test(ref)) {
          const version = await client.datasets.versions.get(ref);
          if (opts.json) return printJson(version);
          return printDatasetVersion(version);
        }
        const dataset = await resolveDataset(client, ref, { ...opts, project: projectRef(opts, stored) });
        const versions = [];
        for await (const v of client.datasets.versions.iterate(dataset.id, { limit: 200 })) versions.push(v);
        if (opts.json) return printJson({ ...dataset, versions });
        say(`dataset   ${dataset.name} (${dataset.id})`);
        say(`project   ${dataset.project_id}`);
        say(`format    ${dataset.format ?? "— (set by the first version)"}`);
        if (dataset.shape && dataset.shape !== dataset.format) say(`shape     ${dataset.shape}`);
        // Later uploads without --map are read with it.
        if (dataset.mapping) say(`mapping   ${mappingText(dataset.mapping)} (saved for later versions)`);
        if (dataset.description) say(`about     ${dataset.description}`);
        if (dataset.tags.length) say(`tags      ${dataset.tags.join(", ")}`);
        if (versions.length === 0)
          return say("No versions yet: infera datasets upload --project … --name … <files…>");
        printTable(
          ["version", "#", "rows", "prompt tokens", "total tokens", "files", "lineage", "created"],
          versions.map((v) => [
            v.id,
            v.number,
            v.rows,
            v.token_stats?.prompt.sum,
            v.token_stats?.total.sum,
            v.files.length,
            v.parent_version_id
              ? `${v.split_role} of ${v.parent_version_id}`
              : v.kept_valid_only
                ? "kept valid only"
                : "",
            fmtTime(v.created_at),
          ]),
        );
        say(`Details of a version: infera datasets show <dsv_…>`);
      },
    );
}
