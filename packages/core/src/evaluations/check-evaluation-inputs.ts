import {
  type CreateEvaluationInput,
  type DatasetFormat,
  type EvaluationTarget,
  type MetricConfig,
  type MetricName,
  SCORING_METRICS,
} from "@infera/contracts";
import { and, eq, inArray, tables } from "@infera/db";
import { authorize } from "../authz/authorize.js";
import { DomainError, notFound } from "../shared/errors.js";
import type { TxContext } from "../shared/transaction.js";
import type { EffectiveEvaluationInput } from "./benchmarks/apply-benchmark.js";
import { checkMetricConfig } from "./metrics/check-metric-config.js";

const unprocessable = (message: string, field: string) =>
  new DomainError("unprocessable_content", message, { field });

/** Metrics that compare the output with a reference answer. */
const REFERENCE_METRICS: ReadonlySet<MetricName> = new Set([
  "exact_match",
  "contains",
  "rouge_l",
  "bleu",
  "chrf",
  "loss",
  "perplexity",
]);

/** Formats whose records carry a prompt, and those that carry a reference answer. */
const PROMPT_FORMATS: ReadonlySet<DatasetFormat> = new Set(["chat", "prompt_completion", "preference"]);
const REFERENCE_FORMATS: ReadonlySet<DatasetFormat> = new Set(["chat", "prompt_completion", "preference"]);

/**
 * Each metric's own settings: a regex that compiles, a schema for json_schema, a judging service of
 * this project. Scoring never meets a bad configuration: it is refused here, naming the field.
 */
export async function checkEvaluationMetrics(
  tx: TxContext,
  metrics: readonly MetricConfig[],
  scope: { tenantId: string; projectId: string },
): Promise<void> {
  const seen = new Set<string>();
  for (const [i, m] of metrics.entries()) {
    const field = `metrics[${i}]`;
    if (seen.has(m.name) && m.name !== "regex" && m.name !== "judge")
      throw unprocessable(`metric ${m.name} is given twice`, `${field}.name`);
    seen.add(m.name);
    if (m.name === "regex") {
      if (!m.pattern) throw unprocessable("a regex metric needs pattern", `${field}.pattern`);
      try {
        new RegExp(m.pattern, m.flags ?? "");
      } catch (err) {
        throw unprocessable(`pattern does not compile: ${(err as Error).message}`, `${field}.pattern`);
      }
    }
    if (m.name === "json_schema" && !m.schema)
      throw unprocessable("a json_schema metric needs schema", `${field}.schema`);
    if (m.name === "judge") {
      if (!m.judge_service_id)
        throw unprocessable("a judge metric needs judge_service_id", `${field}.judge_service_id`);
      const s = tables.services;
      const [service] = await tx.db
        .select({ id: s.id })
        .from(s)
        .where(
          and(eq(s.id, m.judge_service_id), eq(s.tenantId, scope.tenantId), eq(s.projectId, scope.projectId)),
        );
      if (!service)
        throw unprocessable(
          `judge_service_id ${m.judge_service_id} is not a service of this project`,
          `${field}.judge_service_id`,
        );
    }
    // The metrics' own rules too (the JSON Schema subset, a judge's rubric): refused here, not at scoring.
    const problem = checkMetricConfig(m);
    if (problem) throw unprocessable(problem, field);
  }
}

/**
 * The run's data: a dataset version of this project the caller may read, whose records give a
 * prompt (and a reference when a metric compares with one); or typed prompts for side-by-side.
 */
export async function checkEvaluationData(
  tx: TxContext,
  input: EffectiveEvaluationInput,
  scope: { tenantId: string; projectId: string },
  opts: { regressionPrompts?: boolean } = {},
): Promise<{ datasetId: string | null; datasetVersionId: string | null }> {
  const hasDataset = input.dataset_version_id !== undefined;
  const hasPrompts = input.prompts !== undefined;
  // A gate whose rules bring regression prompts has something to generate without a dataset.
  if (!hasDataset && !hasPrompts && input.kind === "gate" && opts.regressionPrompts)
    return { datasetId: null, datasetVersionId: null };
  if (hasDataset === hasPrompts)
    throw unprocessable(
      input.kind === "side_by_side"
        ? "give dataset_version_id or prompts (one of them)"
        : input.kind === "gate"
          ? "give dataset_version_id (or apply a pass_rate_at_least rule, whose regression prompts need none)"
          : "give dataset_version_id",
      "dataset_version_id",
    );
  const needsReference = input.metrics.some((m) => REFERENCE_METRICS.has(m.name));
  if (hasPrompts) {
    if (input.kind !== "side_by_side")
      throw unprocessable("typed prompts are for side_by_side runs", "prompts");
    if (needsReference)
      throw unprocessable(
        `typed prompts have no reference answer for ${input.metrics
          .filter((m) => REFERENCE_METRICS.has(m.name))
          .map((m) => m.name)
          .join(", ")}`,
        "metrics",
      );
    return { datasetId: null, datasetVersionId: null };
  }
  const versionId = input.dataset_version_id!;
  const v = tables.datasetVersions;
  const d = tables.datasets;
  const [row] = await tx.db
    .select({ id: v.id, format: v.format, datasetId: d.id })
    .from(v)
    .innerJoin(d, eq(d.id, v.datasetId))
    .where(and(eq(v.id, versionId), eq(d.tenantId, scope.tenantId), eq(d.projectId, scope.projectId)));
  if (!row) throw notFound(`dataset version ${versionId}`);
  await authorize(tx, "dataset.version.read", { projectId: scope.projectId });
  checkRecordFields(row.format, input, input.metrics);
  return { datasetId: row.datasetId, datasetVersionId: row.id };
}

/**
 * Whether records of `format` give a prompt (and a reference when a metric compares with one), or
 * the fields name where they are. Shared by runs and benchmarks.
 */
export function checkRecordFields(
  format: DatasetFormat,
  fields: { prompt_field?: string | null; reference_field?: string | null },
  metrics: readonly MetricConfig[],
): void {
  if (!fields.prompt_field && !PROMPT_FORMATS.has(format))
    throw unprocessable(
      `${format} records have no prompt; give prompt_field (the field that holds it)`,
      "prompt_field",
    );
  const needsReference = metrics.some((m) => REFERENCE_METRICS.has(m.name));
  if (needsReference && !fields.reference_field && !REFERENCE_FORMATS.has(format))
    throw unprocessable(
      `${format} records have no reference answer for the metrics asked; give reference_field`,
      "reference_field",
    );
}

/** The gate rules a gate run applies: those named (each a rule of this project), or every rule of the project for the model. */
export async function resolveGateRules(
  tx: TxContext,
  input: CreateEvaluationInput,
  scope: { projectId: string; modelId: string | null },
): Promise<{ ruleIds: string[]; needsBaseline: boolean; regressionPrompts: boolean }> {
  const g = tables.evaluationGateRules;
  if (input.kind !== "gate") {
    if (input.gate_rule_ids?.length) throw unprocessable("gate_rule_ids are for gate runs", "gate_rule_ids");
    return { ruleIds: [], needsBaseline: false, regressionPrompts: false };
  }
  let rules: { id: string; modelId: string | null; comparator: string }[];
  if (input.gate_rule_ids) {
    const ids = [...new Set(input.gate_rule_ids)];
    rules = ids.length
      ? await tx.db
          .select({ id: g.id, modelId: g.modelId, comparator: g.comparator })
          .from(g)
          .where(and(inArray(g.id, ids), eq(g.projectId, scope.projectId)))
      : [];
    const found = new Set(rules.map((r) => r.id));
    const missing = ids.find((id) => !found.has(id));
    if (missing) throw notFound(`gate rule ${missing}`);
  } else {
    rules = (
      await tx.db
        .select({ id: g.id, modelId: g.modelId, comparator: g.comparator })
        .from(g)
        .where(eq(g.projectId, scope.projectId))
        .orderBy(g.createdAt, g.id)
    ).filter((r) => r.modelId === null || r.modelId === scope.modelId);
  }
  return {
    ruleIds: rules.map((r) => r.id),
    needsBaseline: rules.some((r) => r.comparator === "not_worse_than_prod"),
    regressionPrompts: rules.some((r) => r.comparator === "pass_rate_at_least"),
  };
}

/**
 * `loss` and `perplexity` read the model's token probabilities of the reference, which only a
 * model version's own replica answers (`/infera/v1/score`); a service revision is called through the
 * gateway, whose upstream (llama.cpp or any OpenAI-compatible server) gives none. Refused at
 * creation, naming the metric and the target, rather than a run that reports nothing.
 */
export function checkScoringTargets(
  metrics: readonly MetricConfig[],
  targets: readonly EvaluationTarget[],
): void {
  const i = metrics.findIndex((m) => SCORING_METRICS.includes(m.name));
  if (i < 0) return;
  const service = targets.find((t) => t.kind === "service_revision");
  if (service)
    throw unprocessable(
      `metric ${metrics[i]!.name} needs a model-version target: target ${service.key} (${service.label}) is a service revision, called through the gateway, which cannot score tokens`,
      `metrics[${i}].name`,
    );
}
