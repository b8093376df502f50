import { doublePrecision, index, integer, jsonb, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { evaluationRuns } from "./evaluation-runs.js";

/**
 * One generated answer of one target of a run, with its per-sample scores. Written once per
 * (run, target, index): a retried run inserts only what is missing, so a crash loses at most the
 * samples in flight.
 */
export const evaluationSamples = pgTable(
  "evaluation_samples",
  {
    runId: text("run_id")
      .notNull()
      .references(() => evaluationRuns.id, { onDelete: "cascade" }),
    target: text("target", { enum: ["a", "b"] }).notNull(),
    index: integer("index").notNull(),
    /** A plain prompt (string) or chat messages, as sent. */
    input: jsonb("input").$type<unknown>().notNull(),
    reference: text("reference"),
    output: text("output"),
    /** Metric name → score of this sample. */
    scores: jsonb("scores").$type<Record<string, number>>().notNull(),
    judgeReason: text("judge_reason"),
    slice: text("slice"),
    latencyMs: doublePrecision("latency_ms"),
    promptTokens: integer("prompt_tokens"),
    completionTokens: integer("completion_tokens"),
    /** Reference tokens the model scored (loss / perplexity): the run's loss is weighted by them. */
    referenceTokens: integer("reference_tokens"),
    error: text("error"),
    /** A gate's regression prompt: `{ rule_id, prompt_index, passed, checks }` (null for dataset records). */
    regression: jsonb("regression").$type<Record<string, unknown>>(),
  },
  (t) => [
    primaryKey({ columns: [t.runId, t.target, t.index] }),
    index("evaluation_samples_slice_idx").on(t.runId, t.slice),
  ],
);
