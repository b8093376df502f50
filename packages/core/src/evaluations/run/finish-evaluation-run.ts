import type {
  CreateEvaluationInput,
  EvaluationSummary,
  EvaluationTarget,
  GateOutcome,
  GateRule,
  MetricConfig,
  MetricSummary,
  RegressionSampleResult,
} from "@infera/contracts";
import { and, eq, inArray, isNull, or, tables } from "@infera/db";
import type { ServiceContext } from "../../shared/context.js";
import { type TxContext, withTransaction } from "../../shared/transaction.js";
import { decideGate } from "../gates/decide-gate.js";
import { summarizeRegression } from "../gates/summarize-regression.js";
import { toGateRule } from "../gates/to-gate-rule.js";
import { type Interval, pairedDeltaInterval } from "../metrics/bootstrap.js";
import { pairedMetricDeltas, type ScoredSample, summarizeMetrics } from "../metrics/summarize-metrics.js";
import { renderSummarySentence, summarySentenceParts } from "../metrics/summary-sentence.js";
import { type EvaluationRunRow, endEvaluationRun } from "./end-evaluation-run.js";

type SampleRow = typeof tables.evaluationSamples.$inferSelect;
type RunConfig = Omit<CreateEvaluationInput, "targets" | "kind" | "name">;
type Key = "a" | "b";

/**
 * Ends a run whose samples are all written, in one transaction with its audit event
 * (`evaluation.finish`, the system as actor): each target's metrics with their intervals (and per
 * slice when the run slices), the one-sentence summary, and for a gate run the verdict of its rules
 * (`gate`, `gate_passed`). A run being canceled ends `canceled` instead (its samples kept); a run
 * where every sample failed ends `failed` with the first error. Returns null when the run is no
 * longer running (finished elsewhere, deleted).
 */
export async function finishEvaluationRun({
  ctx,
  runId,
}: {
  ctx: ServiceContext;
  runId: string;
}): Promise<EvaluationRunRow | null> {
  return withTransaction(ctx, async (tx) => {
    const r = tables.evaluationRuns;
    const [run] = await tx.db.select().from(r).where(eq(r.id, runId)).for("update");
    if (!run || !["running", "canceling"].includes(run.status)) return null;
    if (run.status === "canceling") return endEvaluationRun(tx, run, "canceled");
    const s = tables.evaluationSamples;
    const all = await tx.db.select().from(s).where(eq(s.runId, runId)).orderBy(s.target, s.index);
    if (all.length && all.every((x) => x.output === null)) {
      const first = all.find((x) => x.error)?.error ?? "no answer";
      return endEvaluationRun(tx, run, "failed", {
        error: `every sample failed; the first: ${first}`,
        samplesDone: all.length,
      });
    }
    // Regression prompts are judged by their rules' checks, not by the run's metrics.
    const samples = all.filter((x) => x.regression === null);
    const config = run.config as RunConfig;
    const metrics: MetricConfig[] = config.metrics ?? [{ name: "exact_match" }];
    const seed = config.seed ?? 42;
    const targets = run.targets as unknown as EvaluationTarget[];
    const byTarget = groupBy(samples, (x) => x.target);
    const summaryMetrics: EvaluationSummary["metrics"] = {};
    for (const [key, list] of byTarget)
      summaryMetrics[key as Key] = summarizeMetrics(list.map(scored), metrics, { seed });
    let slices: EvaluationSummary["slices"];
    if (config.slice_field) {
      slices = {};
      for (const [slice, list] of groupBy(samples, (x) => x.slice ?? "(none)")) {
        const per: Partial<Record<Key, Record<string, MetricSummary>>> = {};
        for (const [key, l] of groupBy(list, (x) => x.target))
          per[key as Key] = summarizeMetrics(l.map(scored), metrics, { seed });
        slices[slice] = per;
      }
    }
    const deltas = summaryMetrics.b ? pairedDeltas(samples, metrics, seed) : undefined;
    let gate: GateOutcome | null = null;
    if (run.kind === "gate") {
      const candidate = targets.find((t) => t.key === "a");
      const rules = await gateRulesOf(tx, run, config, candidate?.model_id ?? null);
      const regression = summarizeRegression(
        all.flatMap((x) =>
          x.regression && x.target === "a"
            ? [
                {
                  index: x.index,
                  input: x.input,
                  regression: x.regression as unknown as RegressionSampleResult,
                },
              ]
            : [],
        ),
        seed,
      );
      gate = decideGate(rules, {
        candidate: summaryMetrics.a ?? {},
        regression,
        ...(summaryMetrics.b ? { baseline: summaryMetrics.b } : {}),
        ...(deltas ? { pairedDelta: deltas } : {}),
      });
    }
    const labels = Object.fromEntries(targets.map((t) => [t.key, t.label])) as Partial<Record<Key, string>>;
    const parts = summarySentenceParts(summaryMetrics, run.kind, {
      labels,
      ...(metrics[0] ? { metric: metrics[0].name } : {}),
      ...(deltas ? { deltas } : {}),
    });
    const summary: EvaluationSummary = {
      metrics: summaryMetrics,
      ...(slices ? { slices } : {}),
      sentence: gateVerdict(gate) + renderSummarySentence(parts),
      sentence_parts: parts,
    };
    return endEvaluationRun(tx, run, "succeeded", {
      summary: summary as unknown as Record<string, unknown>,
      gate: gate as unknown as Record<string, unknown> | null,
      gatePassed: gate ? gate.passed : null,
      samplesDone: all.length,
    });
  });
}

/** "Gate failed (exact_match 0.06 [0.03, 0.10] is below 0.8): " before the metrics' sentence. */
function gateVerdict(gate: GateOutcome | null): string {
  if (!gate) return "";
  const failed = gate.rules.filter((r) => !r.passed).map((r) => r.reason);
  const why = failed.length ? ` (${failed.join("; ")})` : gate.rules.length ? "" : " (no rule applies)";
  return `Gate ${gate.passed ? "passed" : "failed"}${why}: `;
}

function scored(x: SampleRow): ScoredSample {
  return { output: x.output, reference: x.reference, scores: x.scores, referenceTokens: x.referenceTokens };
}

function groupBy<T>(list: readonly T[], key: (x: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const x of list) {
    const k = key(x);
    const l = out.get(k);
    if (l) l.push(x);
    else out.set(k, [x]);
  }
  return out;
}

/** Token-weighted metrics: their paired delta compares the two targets' token-weighted values. */
const TOKEN_WEIGHTED = new Set(["loss", "perplexity"]);

/** Candidate − baseline per metric, on the indices both targets scored. */
function pairedDeltas(samples: readonly SampleRow[], metrics: readonly MetricConfig[], seed: number) {
  const b = new Map(samples.filter((x) => x.target === "b").map((x) => [x.index, x]));
  const names = new Set<string>(metrics.map((m) => m.name));
  const out: Record<string, Interval> = {};
  const pairs = samples.flatMap((a) => {
    const other = a.target === "a" ? b.get(a.index) : undefined;
    return other ? [[scored(a), scored(other)] as const] : [];
  });
  const weighted = metrics.filter((m) => TOKEN_WEIGHTED.has(m.name));
  if (weighted.length) {
    const deltas = pairedMetricDeltas(
      pairs.map((p) => p[0]),
      pairs.map((p) => p[1]),
      weighted,
      { seed },
    );
    for (const m of weighted) if (deltas[m.name]) out[m.name] = deltas[m.name]!;
  }
  for (const name of names) {
    if (TOKEN_WEIGHTED.has(name)) continue;
    const xs: number[] = [];
    const ys: number[] = [];
    for (const a of samples) {
      if (a.target !== "a") continue;
      const other = b.get(a.index);
      const va = a.scores[name];
      const vb = other?.scores[name];
      if (typeof va === "number" && typeof vb === "number") {
        xs.push(va);
        ys.push(vb);
      }
    }
    out[name] = pairedDeltaInterval(xs, ys, { seed });
  }
  return out;
}

/** The run's rules: the ones it named, else every rule of its project on all models or on the candidate's. */
async function gateRulesOf(
  tx: TxContext,
  run: EvaluationRunRow,
  config: RunConfig,
  modelId: string | null,
): Promise<GateRule[]> {
  const g = tables.evaluationGateRules;
  const rows = await tx.db
    .select()
    .from(g)
    .where(
      and(
        eq(g.projectId, run.projectId),
        config.gate_rule_ids
          ? inArray(g.id, config.gate_rule_ids.length ? config.gate_rule_ids : [""])
          : modelId
            ? or(isNull(g.modelId), eq(g.modelId, modelId))
            : isNull(g.modelId),
      ),
    )
    .orderBy(g.createdAt, g.id);
  return rows.map((r) => toGateRule(r));
}
