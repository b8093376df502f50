import {
  ArtifactType,
  type FineTuneJobConfigInput,
  TrainingMethod,
  TrainingPrecision,
  TrainingStage,
} from "@infera/contracts";
import { Command, InvalidArgumentError, Option } from "commander";
import { usageError } from "../../lib/cli-error.js";
import { connect } from "../../lib/connection.js";
import { readConfigFile } from "../../lib/job-config-file.js";
import { printJobSummary } from "../../lib/job-output.js";
import { resolveBaseModel, resolveDatasetVersion } from "../../lib/job-refs.js";
import { withConnection, withProject, withTenant } from "../../lib/options.js";
import { note, printJson } from "../../lib/output.js";
import { projectOf, projectRef } from "../../lib/scope.js";
import { resolveTemplate } from "../../lib/template-ref.js";

interface CreateOptions {
  url?: string;
  json?: boolean;
  tenant?: string;
  project?: string;
  fromFile?: string;
  baseModel?: string;
  dataset?: string;
  validationSplit?: number;
  outputModelName?: string;
  artifactType?: ArtifactType;
  stage?: TrainingStage;
  method?: TrainingMethod;
  epochs?: number;
  learningRate?: number;
  batchSize?: number;
  gradientAccumulation?: number;
  maxLength?: number;
  loraRank?: number;
  loraAlpha?: number;
  precision?: TrainingPrecision;
  resourceClass?: string;
  gpus?: number;
  priority?: number;
  name?: string;
  template?: string;
}

/** A number flag; the server checks the range and names the field when it is out of it. */
const number = (value: string): number => {
  const n = Number(value);
  if (value.trim() === "" || !Number.isFinite(n)) throw new InvalidArgumentError("must be a number");
  return n;
};

type Client = ReturnType<typeof connect>["client"];

export function finetuneCreateCommand(): Command {
  return jobCommand(
    "create",
    "submit a fine-tuning job: from flags, or from a configuration file (`infera finetune config <job>` exports one), or from a template (`--template`), with flags overriding their fields",
    async (client, projectId, config, opts) => {
      // The server checks everything and answers each bad field by name (exit 2).
      const job = await client.fineTuning.jobs.create(projectId, config);
      if (opts.json) return printJson(job);
      printJobSummary(job);
      note(`Follow it: infera finetune watch ${job.id}`);
    },
  );
}

/**
 * A command that takes a job's configuration the way `create` does (flags, `--from-file` with flags
 * overriding it), resolves the model and dataset references, and hands the configuration on.
 */
export function jobCommand(
  name: string,
  description: string,
  finish: (
    client: Client,
    projectId: string,
    config: FineTuneJobConfigInput,
    opts: CreateOptions,
  ) => Promise<void>,
): Command {
  return withProject(withTenant(withConnection(new Command(name))), "project of the job")
    .description(description)
    .option("--from-file <job.json>", "the job's configuration as JSON")
    .option(
      "--template <template>",
      "start from a template of the project (name or ftt_… id); --from-file and flags override its fields",
    )
    .option(
      "--base-model <ref>",
      "the base model: model name or id with an optional :tag (default latest; resolved now and pinned), or a version id (mv_…)",
    )
    .option(
      "--dataset <ref>",
      "training data: a dataset version id (dsv_…), or a dataset name or id with an optional :N version number (default its latest)",
    )
    .option("--validation-split <ratio>", "share of rows held out for evaluation (default 0.1)", number)
    .option("--output-model-name <name>", "the new model the result is registered as")
    .addOption(
      new Option("--artifact-type <type>", "adapter or merged (LoRA), full (full fine-tuning)").choices(
        ArtifactType.options,
      ),
    )
    .addOption(new Option("--stage <stage>", "sft (default) or pretrain").choices(TrainingStage.options))
    .addOption(new Option("--method <method>", "lora (default) or full").choices(TrainingMethod.options))
    .option("--epochs <n>", "passes over the data (default: the base model's recommendation, else 1)", number)
    .option("--learning-rate <lr>", "default: the base model's recommendation, else 1e-3", number)
    .option("--batch-size <n>", "default: the base model's recommendation, else 8", number)
    .option(
      "--gradient-accumulation <n>",
      "steps per update (default: the base model's recommendation, else 1)",
      number,
    )
    .option(
      "--max-length <tokens>",
      "tokens per record; longer ones are truncated (default: the base model's recommendation, else 256)",
      number,
    )
    .option("--lora-rank <r>", "LoRA rank (default: the base model's recommendation, else 8)", number)
    .option("--lora-alpha <a>", "LoRA alpha (default: the base model's recommendation, else 16)", number)
    .addOption(
      new Option("--precision <p>", "fp32 (default), bf16 or fp16").choices(TrainingPrecision.options),
    )
    .option("--resource-class <name>", "where it runs (`infera finetune resource-classes`; default cpu-2)")
    .option("--gpus <n>", "GPUs (default 0)", number)
    .option("--priority <n>", "-100 to 100, higher first (default 0)", number)
    .option("--name <name>", "a name shown in lists")
    .action(async (opts: CreateOptions) => {
      const { client, stored } = connect(opts);
      const project = await projectOf(client, opts, stored);
      const refOpts = { project: projectRef(opts, stored), tenant: opts.tenant };
      const config: Record<string, unknown> = opts.fromFile ? readConfigFile(opts.fromFile) : {};
      if (opts.template) {
        // The server merges the template under these fields (lora one level deep, the rest per field).
        config.template_id = (await resolveTemplate(client, opts.template, refOpts)).id;
      } else if (!opts.fromFile) {
        const missing = [
          ["--base-model", opts.baseModel],
          ["--dataset", opts.dataset],
          ["--output-model-name", opts.outputModelName],
        ].filter(([, v]) => v === undefined);
        if (missing.length)
          throw usageError(
            `give ${missing.map(([f]) => f).join(", ")} (or a configuration with --from-file)`,
          );
      }
      if (opts.baseModel) config.base_model = await resolveBaseModel(client, opts.baseModel, refOpts);
      if (opts.dataset)
        config.dataset_version_id = await resolveDatasetVersion(client, opts.dataset, refOpts);
      const set = (key: string, value: unknown) => {
        if (value !== undefined) config[key] = value;
      };
      set("name", opts.name);
      set("validation_split", opts.validationSplit);
      set("stage", opts.stage);
      set("method", opts.method);
      set("epochs", opts.epochs);
      set("learning_rate", opts.learningRate);
      set("batch_size", opts.batchSize);
      set("gradient_accumulation_steps", opts.gradientAccumulation);
      set("max_length", opts.maxLength);
      set("precision", opts.precision);
      set("resource_class", opts.resourceClass);
      set("gpu_count", opts.gpus);
      set("priority", opts.priority);
      if (opts.loraRank !== undefined || opts.loraAlpha !== undefined) {
        const lora = { ...((config.lora as object | undefined) ?? {}) } as Record<string, unknown>;
        if (opts.loraRank !== undefined) lora.rank = opts.loraRank;
        if (opts.loraAlpha !== undefined) lora.alpha = opts.loraAlpha;
        config.lora = lora;
      }
      if (opts.outputModelName !== undefined || opts.artifactType !== undefined) {
        const output = { ...((config.output as object | undefined) ?? {}) } as Record<string, unknown>;
        if (opts.outputModelName !== undefined) {
          output.model_name = opts.outputModelName;
          delete output.model_id;
        }
        if (opts.artifactType !== undefined) output.artifact_type = opts.artifactType;
        config.output = output;
      }
      await finish(client, project.id, config as FineTuneJobConfigInput, opts);
    });
}
