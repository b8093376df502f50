import { type MetricConfig, MetricName } from "@infera/contracts";
import { Command, InvalidArgumentError, Option } from "commander";
import { resolveBenchmark } from "../../lib/benchmark-ref.js";
import { connect } from "../../lib/connection.js";
import { resolveDataset } from "../../lib/dataset-ref.js";
import { resolveDatasetVersion } from "../../lib/job-refs.js";
import { withConnection, withProject, withTenant } from "../../lib/options.js";
import { fmtTime, printJson, printTable, say } from "../../lib/output.js";
import { projectOf, projectRef } from "../../lib/scope.js";

const number = (value: string) => {
  const n = Number(value);
  if (!Number.isFinite(n)) throw new InvalidArgumentError("must be a number");
  return n;
};

interface ScopeOptions {
  url?: string;
  json?: boolean;
  tenant?: string;
  project?: string;
}

interface CreateOptions extends ScopeOptions {
  name: string;
  description?: string;
  dataset: string;
  metric: MetricName[];
  pattern?: string;
  sampleLimit?: number;
  maxTokens?: number;
  temperature?: number;
  promptField?: string;
  referenceField?: string;
  sliceField?: string;
}

/** `infera eval benchmarks list|create|delete`: the project's standard evaluation sets. */
export function evalBenchmarksCommand(): Command {
  const cmd = new Command("benchmarks").description(
    "the project's benchmarks: datasets registered as standard evaluation sets (infera eval create --benchmark)",
  );
  cmd.addCommand(
    withProject(withTenant(withConnection(new Command("list"))))
      .description("every benchmark of the project")
      .action(async (opts: ScopeOptions) => {
        const { client, stored } = connect(opts);
        const project = await projectOf(client, opts, stored);
        const found = [];
        for await (const b of client.evaluations.benchmarks.iterate(project.id, { limit: 200 }))
          found.push(b);
        if (opts.json) return printJson(found);
        if (found.length === 0)
          return say(`${project.name} has no benchmarks: add one with \`infera eval benchmarks create\`.`);
        printTable(
          ["id", "name", "data", "metrics", "samples", "created"],
          found.map((b) => [
            b.id,
            b.name,
            b.dataset_version_id ?? `${b.dataset_id} (latest)`,
            b.metrics.map((m) => m.name).join(", "),
            b.sample_limit === null ? "all" : String(b.sample_limit),
            fmtTime(b.created_at),
          ]),
        );
      }),
  );
  cmd.addCommand(
    withProject(withTenant(withConnection(new Command("create"))))
      .description(
        "register a dataset as a benchmark: --dataset name reads its latest version at every run, name:N or dsv_… pins one",
      )
      .requiredOption("--name <name>", "the benchmark's name (unique in the project)")
      .requiredOption("--dataset <ref>", "ds_…, a dataset name (latest version), name:N or dsv_… (pinned)")
      .option("--description <text>", "what the benchmark measures")
      .addOption(
        new Option("--metric <name>", "a default metric; repeat for several (default exact_match)")
          .choices(MetricName.options)
          .argParser((v: string, prev: string[] | undefined) => [...(prev ?? []), v])
          .default([]),
      )
      .option("--pattern <regex>", "regex: the pattern every answer must match")
      .option("--sample-limit <n>", "evaluate at most this many records by default", number)
      .option("--max-tokens <n>", "the default generation length", number)
      .option("--temperature <t>", "the default temperature", number)
      .option("--prompt-field <field>", "records of other shapes: the field holding the prompt")
      .option("--reference-field <field>", "records of other shapes: the field holding the reference answer")
      .option("--slice-field <field>", "report every metric per value of this field too")
      .action(async (opts: CreateOptions) => {
        const { client, stored } = connect(opts);
        const project = await projectOf(client, opts, stored);
        const refOpts = { project: projectRef(opts, stored), tenant: opts.tenant };
        const pinned = /^dsv_/.test(opts.dataset) || /:\d+$/.test(opts.dataset);
        const versionId = pinned ? await resolveDatasetVersion(client, opts.dataset, refOpts) : null;
        const datasetId = pinned
          ? (await client.datasets.versions.get(versionId!)).dataset_id
          : (await resolveDataset(client, opts.dataset, refOpts)).id;
        const metrics: MetricConfig[] = opts.metric.map((name) =>
          name === "regex" ? { name, pattern: opts.pattern } : { name },
        );
        const generation =
          opts.maxTokens !== undefined || opts.temperature !== undefined
            ? {
                ...(opts.maxTokens !== undefined ? { max_tokens: opts.maxTokens } : {}),
                ...(opts.temperature !== undefined ? { temperature: opts.temperature } : {}),
              }
            : null;
        const created = await client.evaluations.benchmarks.create(project.id, {
          name: opts.name,
          ...(opts.description ? { description: opts.description } : {}),
          dataset_id: datasetId,
          dataset_version_id: versionId,
          ...(metrics.length ? { metrics } : {}),
          sample_limit: opts.sampleLimit ?? null,
          generation,
          prompt_field: opts.promptField ?? null,
          reference_field: opts.referenceField ?? null,
          slice_field: opts.sliceField ?? null,
        });
        if (opts.json) return printJson(created);
        say(`Added benchmark ${created.name} (${created.id}).`);
      }),
  );
  cmd.addCommand(
    withProject(withTenant(withConnection(new Command("delete"))))
      .description("delete a benchmark (runs made from it keep their data)")
      .argument("<benchmark>", "benchmark name or id (ebm_…)")
      .action(async (ref: string, opts: ScopeOptions) => {
        const { client, stored } = connect(opts);
        const project = await projectOf(client, opts, stored);
        const benchmark = await resolveBenchmark(client, project.id, ref);
        await client.evaluations.benchmarks.delete(benchmark.id);
        if (opts.json) return printJson({ deleted: benchmark.id });
        say(`Deleted benchmark ${benchmark.name} (${benchmark.id}).`);
      }),
  );
  return cmd;
}
