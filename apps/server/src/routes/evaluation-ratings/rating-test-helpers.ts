import type { EvaluationKind, EvaluationTarget } from "@infera/contracts";
import { insertEvaluationRun, withTransaction } from "@infera/core";
import { eq, tables } from "@infera/db";
import type { RunningServer } from "../../main.js";

export const sbsTargets = (tag: string): EvaluationTarget[] => [
  {
    key: "a",
    kind: "model_version",
    model_id: `mdl_${tag}`,
    model_version_id: `mv_${tag}_a`,
    service_id: null,
    revision_id: null,
    label: `support-router:v2 (${tag})`,
    role: "evaluated",
  },
  {
    key: "b",
    kind: "service_revision",
    model_id: null,
    model_version_id: null,
    service_id: `svc_${tag}`,
    revision_id: `rev_${tag}`,
    label: `support-svc@rev1 (${tag})`,
    role: "compared",
  },
];

export const promptOf = (i: number) => `question ${i}: how do I reset my password?`;
export const answerOf = (target: "a" | "b", i: number) => `answer ${target.toUpperCase()} to question ${i}`;

/**
 * A side-by-side run as the runner leaves it: inserted with `insertEvaluationRun` (its job queued
 * in the same transaction), every prompt answered by both targets (`onlyA`: those answered by `a`
 * only, as while it runs), marked succeeded.
 */
export async function seedSideBySideRun(
  server: RunningServer,
  place: { tenantId: string; projectId: string },
  opts: { prompts?: number; kind?: EvaluationKind; seed?: number; onlyA?: number[]; tag?: string } = {},
): Promise<string> {
  const n = opts.prompts ?? 10;
  const runId = await withTransaction(server.systemCtx, (tx) =>
    insertEvaluationRun(tx, {
      tenantId: place.tenantId,
      projectId: place.projectId,
      kind: opts.kind ?? "side_by_side",
      name: `sbs ${opts.tag ?? "test"}`,
      targets: sbsTargets(opts.tag ?? "test"),
      datasetId: null,
      datasetVersionId: null,
      config: {
        prompts: Array.from({ length: n }, (_, i) => promptOf(i)),
        metrics: [],
        seed: opts.seed ?? 42,
        generation: { temperature: 0, top_p: 1, max_tokens: 64 },
      },
      createdBy: null,
    }),
  );
  const db = server.database.db;
  const rows = [];
  for (let i = 0; i < n; i++)
    for (const target of ["a", "b"] as const) {
      if (target === "b" && opts.onlyA?.includes(i)) continue;
      rows.push({
        runId,
        target,
        index: i,
        input: promptOf(i),
        reference: null,
        output: answerOf(target, i),
        scores: {},
        latencyMs: 12,
        promptTokens: 9,
        completionTokens: 6,
      });
    }
  await db.insert(tables.evaluationSamples).values(rows);
  await db
    .update(tables.evaluationRuns)
    .set({ status: "succeeded", samplesTotal: n, samplesDone: n, finishedAt: new Date() })
    .where(eq(tables.evaluationRuns.id, runId));
  return runId;
}

/** Ratings written as the rating verb would, for set-ups that need a rated run (`winners[i]` for prompt i). */
export async function seedRatings(
  server: RunningServer,
  runId: string,
  raterId: string,
  winners: ("a" | "b" | "tie")[],
): Promise<void> {
  await server.database.db
    .insert(tables.evaluationRatings)
    .values(
      winners.map((winner, index) => ({ runId, index, raterId, raterLabel: raterId, winner, note: "" })),
    );
}
