import { readFile } from "node:fs/promises";
import type { InferaClient } from "@infera/client";
import {
  ServiceConfigInput as ConfigSchema,
  type ServiceConfigInput,
  type ServiceRevisionConfig,
  ServiceRuntimeKind,
} from "@infera/contracts";
import { type Command, InvalidArgumentError, Option } from "commander";
import { usageError } from "./cli-error.js";
import { resolveBaseModel } from "./job-refs.js";

export interface ServiceConfigOptions {
  project?: string;
  tenant?: string;
  fromFile?: string;
  model?: string;
  runtime?: string;
  baseUrl?: string;
  upstreamModel?: string;
  contextSize?: number;
  threads?: number;
  parallel?: number;
  resourceClass?: string;
  gpus?: number;
  minReplicas?: number;
  maxReplicas?: number;
}

const int = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n)) throw new InvalidArgumentError("must be a whole number");
  return n;
};

/** The flags of a revision's configuration (`create`, `deploy`). */
export function withServiceConfig(cmd: Command): Command {
  return cmd
    .option(
      "--from-file <file>",
      "the configuration as JSON ({model, runtime, resources, autoscaling}); flags override it",
    )
    .option("--model <model>", "model[:tag] (name or mdl_… the project may use) or a version id mv_…")
    .addOption(
      new Option("--runtime <kind>", "serving runtime (default llama.cpp)").choices(
        ServiceRuntimeKind.options,
      ),
    )
    .option("--base-url <url>", "openai-compatible: the upstream's base URL")
    .option("--upstream-model <name>", "openai-compatible: the upstream's model name")
    .option("--context-size <n>", "llama.cpp: tokens of context per sequence", int)
    .option("--threads <n>", "llama.cpp: CPU threads", int)
    .option("--parallel <n>", "llama.cpp: sequences decoded in parallel", int)
    .option("--resource-class <name>", "resource class (default cpu-2)")
    .option("--gpus <n>", "GPUs per replica", int)
    .option("--min-replicas <n>", "replicas at least (0 = scale to zero)", int)
    .option("--max-replicas <n>", "replicas at most", int);
}

/** A stored revision's configuration as input again (the model by version; the upstream key kept by the server is not re-sent). */
export function configInputOf(c: ServiceRevisionConfig): ServiceConfigInput {
  const { api_key_set: _, threads, ...runtime } = c.runtime;
  return {
    model: { version_id: c.model.version_id },
    runtime: {
      ...Object.fromEntries(Object.entries(runtime).filter(([, v]) => v !== null && v !== undefined)),
      ...(threads ? { threads } : {}),
    } as ServiceConfigInput["runtime"],
    resources: c.resources,
    autoscaling: c.autoscaling,
  };
}

/**
 * The configuration a command sends: `base` (the current revision's, for `deploy`), else
 * `--from-file`, with each flag given replacing its field. The server checks it and names each bad
 * field (exit 2).
 */
export async function serviceConfigOf(
  client: InferaClient,
  opts: ServiceConfigOptions,
  projectId: string,
  base?: ServiceConfigInput,
): Promise<ServiceConfigInput> {
  let c: Partial<ServiceConfigInput> = base ? structuredClone(base) : {};
  if (opts.fromFile) {
    let text: string;
    try {
      text = await readFile(opts.fromFile, "utf8");
    } catch (err) {
      throw usageError(`cannot read ${opts.fromFile}: ${(err as Error).message}`);
    }
    try {
      c = JSON.parse(text) as Partial<ServiceConfigInput>;
    } catch {
      throw usageError(`${opts.fromFile} is not JSON`);
    }
  }
  // A model's name is looked up among what the service's project may use.
  if (opts.model) c.model = await resolveBaseModel(client, opts.model, { project: projectId });
  if (!c.model) throw usageError("give --model <model[:tag]|mv_…> (or --from-file)");
  const runtimeChanged = opts.runtime !== undefined && opts.runtime !== c.runtime?.kind;
  const runtime: Record<string, unknown> = runtimeChanged ? {} : { ...(c.runtime ?? {}) };
  runtime.kind = opts.runtime ?? c.runtime?.kind ?? "llama.cpp";
  const set = (key: string, v: unknown) => {
    if (v !== undefined) runtime[key] = v;
  };
  set("base_url", opts.baseUrl);
  set("upstream_model", opts.upstreamModel);
  set("context_size", opts.contextSize);
  set("threads", opts.threads);
  set("parallel", opts.parallel);
  c.runtime = runtime as ServiceConfigInput["runtime"];
  c.resources = {
    ...(c.resources ?? { resource_class: "cpu-2" }),
    ...(opts.resourceClass ? { resource_class: opts.resourceClass } : {}),
    ...(opts.gpus !== undefined ? { gpu_count: opts.gpus } : {}),
  } as ServiceConfigInput["resources"];
  if (opts.minReplicas !== undefined || opts.maxReplicas !== undefined) {
    const a = { ...(c.autoscaling ?? {}) } as Record<string, unknown>;
    if (opts.minReplicas !== undefined) {
      a.min_replicas = opts.minReplicas;
      a.scale_to_zero = opts.minReplicas === 0;
    }
    if (opts.maxReplicas !== undefined) a.max_replicas = opts.maxReplicas;
    c.autoscaling = a as ServiceConfigInput["autoscaling"];
  }
  // Checked here too, so a typo in a file is named before anything is sent.
  const parsed = ConfigSchema.safeParse(c);
  if (!parsed.success)
    throw usageError(
      `the configuration is not valid: ${parsed.error.issues.map((i) => `${i.path.join(".") || "(config)"}: ${i.message}`).join("; ")}`,
    );
  return c as ServiceConfigInput;
}
