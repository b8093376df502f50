import type { EvaluationKind, EvaluationTarget } from "@infera/contracts";
import { insertEvaluationRun, type ServiceContext, withTransaction } from "@infera/core";
import { eq, tables } from "@infera/db";

export interface SideBySideSeed {
  tenantId: string;
  projectId: string;
  targets: EvaluationTarget[];
  prompts: string[];
  /** Target `t`'s answer to prompt `i`. */
  answer: (target: "a" | "b", index: number) => string;
  kind?: EvaluationKind;
  seed?: number;
  name?: string;
  /** Prompts only `a` has answered (as while the run is still going). */
  onlyA?: number[];
}

/**
 * A side-by-side run as the runner leaves it (tests of what comes after generation: ratings, win
 * rate, exports): inserted with `insertEvaluationRun` (its job queued in the same transaction),
 * each prompt's answers written as sample rows, the run marked succeeded.
 */
export async function seedSideBySideRun(ctx: ServiceContext, s: SideBySideSeed): Promise<string> {
  const runId = await withTransaction(ctx, (tx) =>
    insertEvaluationRun(tx, {
      tenantId: s.tenantId,
      projectId: s.projectId,
      kind: s.kind ?? "side_by_side",
      name: s.name ?? null,
      targets: s.targets,
      datasetId: null,
      datasetVersionId: null,
      config: {
        prompts: s.prompts,
        metrics: [],
        seed: s.seed ?? 42,
        generation: { temperature: 0, top_p: 1, max_tokens: 64 },
      },
      createdBy: null,
    }),
  );
  const rows = s.prompts.flatMap((input, index) =>
    (["a", "b"] as const)
      .filter((target) => target === "a" || !s.onlyA?.includes(index))
      .map((target) => ({
        runId,
        target,
        index,
        input,
        reference: null,
        output: s.answer(target, index),
        scores: {},
        latencyMs: 12,
        promptTokens: 9,
        completionTokens: 6,
      })),
  );
  await ctx.db.insert(tables.evaluationSamples).values(rows);
  await ctx.db
    .update(tables.evaluationRuns)
    .set({
      status: "succeeded",
      samplesTotal: s.prompts.length,
      samplesDone: s.prompts.length,
      finishedAt: new Date(),
    })
    .where(eq(tables.evaluationRuns.id, runId));
  return runId;
}

/** One rater's verdicts on prompts 0…n-1 of a run (`winners[i]` for prompt i), written directly. */
export async function seedRatings(
  ctx: ServiceContext,
  runId: string,
  raterId: string,
  winners: ("a" | "b" | "tie")[],
): Promise<void> {
  await ctx.db
    .insert(tables.evaluationRatings)
    .values(
      winners.map((winner, index) => ({ runId, index, raterId, raterLabel: raterId, winner, note: "" })),
    );
}
