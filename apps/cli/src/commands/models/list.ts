import {
  ArtifactType,
  ModelFormat,
  ModelScope,
  ModelVersionSource,
  ModelVisibility,
} from "@infera/contracts";
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
import { printJson, printTable, say } from "../../lib/output.js";
import { projectOf } from "../../lib/scope.js";

interface ModelsListOptions extends PagingOptions {
  url?: string;
  json?: boolean;
  tenant?: string;
  project?: string;
  scope?: ModelScope;
  visibility?: ModelVisibility;
  source?: ModelVersionSource;
  license?: string;
  weightFormat?: ModelFormat;
  artifactType?: ArtifactType;
  quantization?: string;
  q?: string;
  sort?: string;
  format?: "csv" | "json";
}

export function modelsListCommand(): Command {
  return withProject(withPaging(withTenant(withConnection(new Command("list")))))
    .description("models a project may use: system models, those shared in the tenant, and its own")
    .addOption(
      new Option("--scope <scope>", "only system, tenant (shared) or project models").choices(
        ModelScope.options,
      ),
    )
    .addOption(
      new Option("--visibility <visibility>", "only this visibility").choices(ModelVisibility.options),
    )
    .addOption(
      new Option("--source <source>", "with a version from this source").choices(ModelVersionSource.options),
    )
    .option("--license <license>", "only this license")
    .addOption(
      new Option("--weight-format <format>", "with a version in this format").choices(ModelFormat.options),
    )
    .addOption(
      new Option("--artifact-type <type>", "with a version of this type").choices(ArtifactType.options),
    )
    .option("--quantization <q>", "with a version of this quantization (Q4_K_M, …)")
    .option("-q, --q <text>", "name or description contains")
    .option("--sort <field>", "name, created_at or updated_at; prefix - for descending")
    .addOption(
      new Option("--format <format>", "export the whole filter (csv, or json like --all --json)").choices([
        "csv",
        "json",
      ]),
    )
    .action(async (opts: ModelsListOptions) => {
      const { client, stored } = connect(opts);
      const project = await projectOf(client, opts, stored);
      const filter = {
        scope: opts.scope,
        visibility: opts.visibility,
        source: opts.source,
        license: opts.license,
        weight_format: opts.weightFormat,
        artifact_type: opts.artifactType,
        quantization: opts.quantization,
        q: opts.q,
        sort: opts.sort,
      };
      if (opts.format === "csv") {
        process.stdout.write(await client.models.exportCsv(project.id, filter));
        return;
      }
      const page = await fetchRows(
        opts.format === "json" ? { ...opts, all: true } : opts,
        (limit, cursor) => client.models.list(project.id, { ...filter, limit, cursor }),
        (limit) => client.models.iterate(project.id, { ...filter, limit }),
      );
      if (opts.json || opts.format === "json") return printJson(page);
      if (page.data.length === 0) return say(`No models that ${project.name} may use match.`);
      printTable(
        ["id", "name", "scope", "visibility", "versions", "tags", "license"],
        page.data.map((m) => [
          m.id,
          m.name,
          m.scope,
          m.visibility,
          m.version_count,
          m.tags.map((t) => t.tag).join(", "),
          m.license,
        ]),
      );
      hintMore(page);
    });
}
