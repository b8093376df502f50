import { readFileSync } from "node:fs";
import { EvaluationKind, type MetricConfig, MetricName } from "@infera/contracts";
import { Command, InvalidArgumentError, Option } from "commander";
import { resolveBenchmark } from "../../lib/benchmark-ref.js";
import { usageError } from "../../lib/cli-error.js";
import { connect } from "../../lib/connection.js";
import { printEvaluation } from "../../lib/eval-output.js";
import { resolveModelTarget, resolveServiceTarget } from "../../lib/eval-target-ref.js";
import { exitCodeOfRun, followEvaluation } from "../../lib/eval-watch.js";
import { resolveDatasetVersion } from "../../lib/job-refs.js";
import { withConnection, withProject, withTenant } from "../../lib/options.js";
import { note, printJson, say } from "../../lib/output.js";
import { projectOf, projectRef } from "../../lib/scope.js";
import { resolveService } from "../../lib/service-ref.js";

interface CreateOptions {
  url?: string;
  json?: boolean;
  tenant?: string;
  project?: string;
  kind: EvaluationKind;
  name?: string;
  model: string[];
  service: string[];
  dataset?: string;
  benchmark?: string;
  prompt: string[];
  metric: MetricName[];
  normalize?: string;
  pattern?: string;
  schemaFile?: string;
  judge?: string;
  rubric?: string;
  sampleLimit?: number;
  seed?: number;
  temperature?: number;
  topP?: number;
  maxTokens?: number;
  systemPrompt?: string;
  promptField?: string;
  referenceField?: string;
  sliceField?: string;
  gateRule: string[];
  fromFile?: string;
  watch?: boolean;
  requirePass?: boolean;
}

const collect = (value: string, previous: string[]) => [...previous, value];
const number = (value: string) => {
  const n = Number(value);
  if (!Number.isFinite(n)) throw new InvalidArgumentError("must be a number");
  return n;
};
const NORMALIZATIONS = ["lowercase", "strip_punctuation", "strip_articles", "no_trim", "keep_whitespace"];

export function evalCreateCommand(): Command {
  return withProject(withTenant(withConnection(new Command("create"))))
    .description(
      "start an evaluation run: automatic (one target), side_by_side (two) or gate (a model version against the project's gate rules and its prod version). Targets: --model for model versions, --service for service revisions (models first, then services, in the order given)",
    )
    .addOption(
      new Option("--kind <kind>", "what to run").choices(EvaluationKind.options).default("automatic"),
    )
    .option("--name <name>", "a name to find the run by")
    .option(
      "--model <ref>",
      "a model version: mv_…, or model name or id with :tag (default latest); repeat for two",
      collect,
      [],
    )
    .option(
      "--service <ref>",
      "a service revision: service name or id with @revision (id, number or r3); repeat for two",
      collect,
      [],
    )
    .option(
      "--dataset <ref>",
      "the data: dsv_…, or a dataset name or id with an optional :N version (default latest)",
    )
    .option(
      "--benchmark <ref>",
      "the data from a benchmark (name or ebm_…): its dataset version, fields and — unless given here — metrics, sample limit and generation",
    )
    .option(
      "--prompt <text>",
      "a typed prompt instead of a dataset (side_by_side); repeat for several",
      collect,
      [],
    )
    .addOption(
      new Option(
        "--metric <name>",
        "a metric to compute; repeat for several (default the benchmark's, else exact_match)",
      )
        .choices(MetricName.options)
        .argParser((v: string, prev: string[] | undefined) => [...(prev ?? []), v])
        .default([]),
    )
    .option(
      "--normalize <list>",
      `exact_match/contains normalization, comma-separated: ${NORMALIZATIONS.join(", ")}`,
    )
    .option("--pattern <regex>", "regex: the pattern every answer must match")
    .option("--schema-file <file>", "json_schema: a JSON Schema file the answers must conform to")
    .option("--judge <service>", "judge: the service (name or id) that scores answers 1–5")
    .option("--rubric <text>", "judge: what the judge scores by")
    .option("--sample-limit <n>", "evaluate at most this many records (a seeded random subset)", number)
    .option("--seed <n>", "the subset's and the intervals' seed (default 42)", number)
    .option("--temperature <t>", "default 0", number)
    .option("--top-p <p>", "default 1", number)
    .option("--max-tokens <n>", "default 64", number)
    .option("--system-prompt <text>", "prepended to every prompt")
    .option("--prompt-field <field>", "records of other shapes: the field holding the prompt")
    .option("--reference-field <field>", "records of other shapes: the field holding the reference answer")
    .option("--slice-field <field>", "report every metric per value of this field too")
    .option(
      "--gate-rule <id>",
      "gate: apply only these rules (default: every rule of the project and model)",
      collect,
      [],
    )
    .option("--from-file <file>", "the whole request as JSON (the API's body); flags given override it")
    .option(
      "--watch",
      "follow the run until it ends, then print its report (exit 0 succeeded, 9 failed, 10 canceled)",
    )
    .option("--require-pass", "with --watch: exit 6 when the gate failed (for CI pipelines)")
    .action(async (opts: CreateOptions) => {
      const { client, stored } = connect(opts);
      const project = await projectOf(client, opts, stored);
      const refOpts = { project: projectRef(opts, stored), tenant: opts.tenant };
      const body: Record<string, unknown> = opts.fromFile
        ? JSON.parse(readFileSync(opts.fromFile, "utf8"))
        : {};
      body.kind = opts.fromFile && body.kind && opts.kind === "automatic" ? body.kind : opts.kind;
      if (opts.name) body.name = opts.name;
      const targets = [
        ...(await Promise.all(opts.model.map((m) => resolveModelTarget(client, m, refOpts)))),
        ...(await Promise.all(opts.service.map((s) => resolveServiceTarget(client, s, refOpts, stored)))),
      ];
      if (targets.length) body.targets = targets;
      if (!body.targets) throw usageError("give a target: --model or --service (two for side_by_side)");
      if (opts.dataset) body.dataset_version_id = await resolveDatasetVersion(client, opts.dataset, refOpts);
      if (opts.benchmark) body.benchmark_id = (await resolveBenchmark(client, project.id, opts.benchmark)).id;
      if (opts.prompt.length) body.prompts = opts.prompt;
      if (opts.metric.length)
        body.metrics = await metricConfigs(opts, (ref) => resolveService(client, ref, refOpts, stored));
      const set = (key: string, value: unknown) => {
        if (value !== undefined) body[key] = value;
      };
      set("sample_limit", opts.sampleLimit);
      set("seed", opts.seed);
      set("prompt_field", opts.promptField);
      set("reference_field", opts.referenceField);
      set("slice_field", opts.sliceField);
      if (opts.gateRule.length) body.gate_rule_ids = opts.gateRule;
      const generation = { ...((body.generation as object | undefined) ?? {}) } as Record<string, unknown>;
      for (const [k, v] of [
        ["temperature", opts.temperature],
        ["top_p", opts.topP],
        ["max_tokens", opts.maxTokens],
        ["system_prompt", opts.systemPrompt],
      ] as const)
        if (v !== undefined) generation[k] = v;
      if (Object.keys(generation).length) body.generation = generation;
      const run = await client.evaluations.create(project.id, body as never);
      if (!opts.watch) {
        if (opts.json) return printJson(run);
        say(
          `Evaluation ${run.id} ${run.status} (${run.kind}, ${run.targets.map((t) => t.label).join(" vs ")}).`,
        );
        note(`Follow it: infera eval watch ${run.id}`);
        return;
      }
      const done = await followEvaluation(client, run.id, { json: opts.json });
      process.exitCode = exitCodeOfRun(done, Boolean(opts.requirePass));
      // --json: NDJSON, the progress lines then the finished run.
      if (opts.json) return void process.stdout.write(`${JSON.stringify({ type: "done", run: done })}\n`);
      printEvaluation(done);
    });
}

/** Every --metric with the options that belong to it (normalization, pattern, schema, judge). */
async function metricConfigs(
  opts: CreateOptions,
  findService: (ref: string) => Promise<{ id: string }>,
): Promise<MetricConfig[]> {
  const flags = new Set(
    (opts.normalize ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
  );
  for (const f of flags)
    if (!NORMALIZATIONS.includes(f))
      throw usageError(`--normalize: unknown "${f}" (use ${NORMALIZATIONS.join(", ")})`);
  const normalization = flags.size
    ? {
        trim: !flags.has("no_trim"),
        lowercase: flags.has("lowercase"),
        strip_punctuation: flags.has("strip_punctuation"),
        collapse_whitespace: !flags.has("keep_whitespace"),
        strip_articles: flags.has("strip_articles"),
      }
    : undefined;
  const configs: MetricConfig[] = [];
  for (const name of opts.metric) {
    const m: MetricConfig = { name };
    if ((name === "exact_match" || name === "contains") && normalization) m.normalization = normalization;
    if (name === "regex") {
      if (!opts.pattern) throw usageError("--metric regex needs --pattern");
      m.pattern = opts.pattern;
    }
    if (name === "json_schema") {
      if (!opts.schemaFile) throw usageError("--metric json_schema needs --schema-file");
      m.schema = JSON.parse(readFileSync(opts.schemaFile, "utf8"));
    }
    if (name === "judge") {
      if (!opts.judge || !opts.rubric) throw usageError("--metric judge needs --judge and --rubric");
      m.judge_service_id = (await findService(opts.judge)).id;
      m.rubric = opts.rubric;
    }
    configs.push(m);
  }
  return configs;
}
