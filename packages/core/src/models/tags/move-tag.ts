import type { GateResult, TagMoveResult } from "@infera/contracts";
import { and, eq, type Transaction, tables } from "@infera/db";
import { recordAudit } from "../../audit/record-audit.js";
import type { Access } from "../../authz/authorize.js";
import type { ServiceContext } from "../../shared/context.js";
import { DomainError, forbidden, invalid } from "../../shared/errors.js";
import { withTransaction } from "../../shared/transaction.js";
import { authorizeModel, type ModelRow } from "../model-access.js";
import { applyTagMove } from "./apply-tag-move.js";
import {
  findEvaluationEvidence,
  PROTECTED_TAGS,
  type ReleaseGateInput,
  runReleaseGates,
} from "./release-gates.js";

const MIN_FORCE_REASON = 5;

function runIdOf(g: GateResult): string | null {
  const id = (g.details as { evaluation_run_id?: unknown } | undefined)?.evaluation_run_id;
  return typeof id === "string" ? id : null;
}

/**
 * The passing gate run that vouches for the move, recorded in the tag's history and audit event: the
 * one the release gate accepted, or — where no gate looked (a Dev project, a version released before)
 * — the offered run, still checked to be a finished gate run of this version in this project.
 */
async function evidenceOf(
  tx: ServiceContext,
  gates: GateResult[],
  input: ReleaseGateInput,
): Promise<string | null> {
  const accepted = gates.find((g) => g.passed && runIdOf(g));
  if (accepted) return runIdOf(accepted);
  if (!input.evaluationRunId || gates.some((g) => runIdOf(g))) return null;
  const found = await findEvaluationEvidence(tx.db, input, tx.registry);
  return found?.passed ? found.evaluationRunId : null;
}

function isOwner(ctx: ServiceContext, access: Access | null): boolean {
  if (ctx.principal.type === "user" && ctx.principal.isPlatformAdmin) return true;
  const s = access?.subject;
  return s?.projectRole === "owner" || s?.tenantRole === "tenant_admin";
}

/**
 * Points a tag at a version under the model's row lock: resolves the target, runs the release gates of
 * a protected tag (a version that held the tag before passes), lets an Owner force a failed gate with a
 * written reason, records the history entry and one audit event.
 */
export async function moveTag({
  ctx,
  modelId,
  tag,
  action,
  target,
  force,
  reason,
  dryRun,
  evaluationRunId,
}: {
  ctx: ServiceContext;
  modelId: string;
  tag: string;
  action: "model.tag.update" | "model.tag.rollback";
  target: (tx: Transaction, model: ModelRow) => Promise<string>;
  force: boolean;
  reason: string;
  dryRun: boolean;
  /** A gate evaluation run offered as evidence; checked to be one of this version in the model's project. */
  evaluationRunId?: string;
}): Promise<TagMoveResult> {
  return withTransaction(ctx, async (tx) => {
    const { model, access } = await authorizeModel(tx, action, modelId, { forUpdate: true });
    const to = await target(tx.db, model);
    const [current] = await tx.db
      .select({ versionId: tables.modelTags.versionId })
      .from(tables.modelTags)
      .where(and(eq(tables.modelTags.modelId, modelId), eq(tables.modelTags.tag, tag)));
    const from = current?.versionId ?? null;
    let gates: GateResult[] = [];
    if (PROTECTED_TAGS.has(tag) && from !== to) {
      const [before] = await tx.db
        .select({ id: tables.modelTagHistory.id })
        .from(tables.modelTagHistory)
        .where(
          and(
            eq(tables.modelTagHistory.modelId, modelId),
            eq(tables.modelTagHistory.tag, tag),
            eq(tables.modelTagHistory.toVersionId, to),
          ),
        )
        .limit(1);
      gates = before
        ? [{ gate: "previously_released", passed: true, reason: `${to} held "${tag}" before` }]
        : await runReleaseGates(tx, {
            modelId,
            projectId: model.projectId,
            tag,
            versionId: to,
            evaluationRunId,
          });
    }
    const evidenceRunId = await evidenceOf(tx, gates, {
      modelId,
      projectId: model.projectId,
      tag,
      versionId: to,
      evaluationRunId,
    });
    const failed = gates.filter((g) => !g.passed);
    const result: TagMoveResult = {
      model_id: modelId,
      tag,
      current_version_id: from,
      target_version_id: to,
      changed: from !== to,
      dry_run: dryRun,
      forced: false,
      gates,
      history_id: null,
    };
    if (dryRun) return result;
    if (failed.length) {
      if (!force)
        throw new DomainError(
          "precondition_failed",
          `"${tag}" is protected: ${failed.map((g) => g.reason).join("; ")}. An Owner may force it with a reason.`,
          {
            gates,
            current_version_id: from,
            target_version_id: to,
            // The failing gate run, so the console can offer to evaluate again.
            evaluation_run_id: failed.map(runIdOf).find((id) => id) ?? null,
          },
        );
      if (!isOwner(ctx, access))
        throw forbidden("only an Owner may force a protected tag past a failed gate");
      if (reason.length < MIN_FORCE_REASON)
        throw invalid(`forcing "${tag}" needs a written reason (at least ${MIN_FORCE_REASON} characters)`);
      result.forced = true;
    }
    const moved = await applyTagMove(tx, {
      modelId,
      tag,
      to,
      action: action === "model.tag.rollback" ? "rollback" : "set",
      reason,
      forced: result.forced,
      evidenceEvaluationRunId: evidenceRunId,
    });
    if (!moved.changed) return result;
    result.history_id = moved.historyId;
    await recordAudit(tx, {
      action,
      resourceType: "model_tag",
      resourceId: `${modelId}:${tag}`,
      tenantId: model.tenantId,
      projectId: model.projectId,
      before: { model_id: modelId, tag, version_id: from },
      after: {
        model_id: modelId,
        tag,
        version_id: to,
        forced: result.forced,
        reason,
        gates,
        evaluation_run_id: evidenceRunId,
      },
    });
    return result;
  });
}
