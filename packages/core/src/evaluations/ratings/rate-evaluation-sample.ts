import type { RateSampleInput, SampleRating } from "@infera/contracts";
import { and, eq, tables } from "@infera/db";
import { actorOf, recordAudit } from "../../audit/record-audit.js";
import type { ServiceContext } from "../../shared/context.js";
import { DomainError } from "../../shared/errors.js";
import { withTransaction } from "../../shared/transaction.js";
import { authorizeRatedRun, requireSideBySide } from "./rated-run-access.js";
import { toSampleRating } from "./to-sample-rating.js";

/**
 * The caller's judgement of one prompt of a side-by-side run: one rating per (run, prompt, rater),
 * replaced in place when the rater changes their mind (the audit event keeps the one before). The
 * prompt must be one both targets answered, so a rating always compares two real answers.
 */
export async function rateEvaluationSample({
  ctx,
  runId,
  input,
}: {
  ctx: ServiceContext;
  runId: string;
  input: RateSampleInput;
}): Promise<SampleRating> {
  const { run } = await authorizeRatedRun(ctx, "evaluation.rate", runId);
  requireSideBySide(run, "ratings are given to");
  const s = tables.evaluationSamples;
  const answered = await ctx.db
    .select({ target: s.target, output: s.output })
    .from(s)
    .where(and(eq(s.runId, run.id), eq(s.index, input.index)));
  if (answered.length === 0)
    throw new DomainError(
      "unprocessable_content",
      `prompt ${input.index} is not a prompt of evaluation run ${run.id}${run.samplesTotal !== null ? ` (it has prompts 0–${run.samplesTotal - 1})` : ""}, or no target has answered it yet`,
      { index: input.index },
    );
  const missing = (["a", "b"] as const).filter((t) => !answered.some((x) => x.target === t));
  if (missing.length > 0)
    throw new DomainError(
      "unprocessable_content",
      `prompt ${input.index} has no answer from target ${missing.join(", ")} yet; rate it once both targets have answered`,
      { index: input.index, missing },
    );
  const actor = actorOf(ctx);
  const raterId = actor.actorId!;
  const r = tables.evaluationRatings;
  return withTransaction(ctx, async (tx) => {
    const key = and(eq(r.runId, run.id), eq(r.index, input.index), eq(r.raterId, raterId));
    const [before] = await tx.db.select().from(r).where(key).for("update");
    const values = {
      raterLabel: actor.actorLabel,
      scoreA: input.score_a,
      scoreB: input.score_b,
      winner: input.winner,
      note: input.note,
      updatedAt: tx.now(),
    };
    const [row] = await tx.db
      .insert(r)
      .values({ runId: run.id, index: input.index, raterId, createdAt: tx.now(), ...values })
      .onConflictDoUpdate({ target: [r.runId, r.index, r.raterId], set: values })
      .returning();
    const rating = toSampleRating(row!, false);
    await recordAudit(tx, {
      action: "evaluation.rate",
      resourceType: "evaluation_run",
      resourceId: run.id,
      tenantId: run.tenantId,
      projectId: run.projectId,
      before: before ? toSampleRating(before, false) : null,
      after: rating,
    });
    return rating;
  });
}
