import { DatasetFormat } from "@infera/contracts";
import { Command, Option } from "commander";
import { connect } from "../../lib/connection.js";
import { fetchRows, hintMore } from "../../lib/listing.js";
import {
  type PagingOptions,
  withConnection,
  withPaging,
  withProject,
  withTenant,
} from "../../lib/options.js";
import { fmtTime, printJson, printTable, say } from "../../lib/output.js";
import { projectOf } from "../../lib/scope.js";

interface DatasetsListOptions extends PagingOptions {
  url?: string;
  json?: boolean;
  tenant?: string;
  project?: string;
  recordFormat?: DatasetFormat;
  q?: string;
  sort?: string;
  format?: "csv" | "json";
}

export function datasetsListCommand(): Command {
  return withProject(withPaging(withTenant(withConnection(new Command("list")))))
    .description("a project's datasets with their latest version: rows, tokens, schema fields")
    .addOption(
      new Option("--record-format <format>", "only datasets of this record format").choices(
        DatasetFormat.options,
      ),
    )
    .option("-q, --q <text>", "name or description contains")
    .option("--sort <field>", "name, created_at or updated_at; prefix - for descending")
    .addOption(
      new Option("--format <format>", "export the whole filter (csv, or json like --all --json)").choices([
        "csv",
        "json",
      ]),
    )
    .action(async (opts: DatasetsListOptions) => {
      const { client, stored } = connect(opts);
      const project = await projectOf(client, opts, stored);
      const filter = { dataset_format: opts.recordFormat, q: opts.q, sort: opts.sort };
      if (opts.format === "csv") {
        process.stdout.write(await client.datasets.exportCsv(project.id, filter));
        return;
      }
      const page = await fetchRows(
        opts.format === "json" ? { ...opts, all: true } : opts,
        (limit, cursor) => client.datasets.list(project.id, { ...filter, limit, cursor }),
        (limit) => client.datasets.iterate(project.id, { ...filter, limit }),
      );
      if (opts.json || opts.format === "json") return printJson(page);
      if (page.data.length === 0) return say(`No datasets in ${project.name} match.`);
      printTable(
        ["id", "name", "format", "versions", "latest", "rows", "tokens", "updated"],
        page.data.map((d) => [
          d.id,
          d.name,
          d.format,
          d.version_count,
          d.latest_version ? `${d.latest_version.id} (v${d.latest_version.number})` : "",
          d.latest_version?.rows,
          d.latest_version?.total_tokens,
          fmtTime(d.updated_at),
        ]),
      );
      hintMore(page);
    });
}
