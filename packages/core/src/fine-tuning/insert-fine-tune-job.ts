import { tables } from "@infera/db";
import { newId } from "../shared/ids.js";
import type { TxContext } from "../shared/transaction.js";
import { appendJobEvents } from "./events/append-job-events.js";
import { actorIdOf } from "./job-access.js";
import { recordTransition } from "./job-state-machine.js";
import type { ResolvedJobInputs } from "./resolve-job-inputs.js";
import { requestSchedulingPass } from "./scheduling/request-scheduling-pass.js";

/** Writes a new queued job and the first entry of its timeline; the scheduler picks it up from there. */
export async function insertFineTuneJob(
  tx: TxContext,
  input: {
    tenantId: string;
    projectId: string;
    resolved: ResolvedJobInputs;
    reason: string;
    /** The template it was made from, if any. */
    templateId?: string | null;
  },
): Promise<string> {
  const { config, ...ids } = input.resolved;
  const id = newId("fineTuneJob");
  const now = tx.now();
  const actorId = actorIdOf(tx);
  await tx.db.insert(tables.fineTuneJobs).values({
    id,
    tenantId: input.tenantId,
    projectId: input.projectId,
    name: config.name ?? null,
    status: "queued",
    priority: config.priority,
    config,
    stage: config.stage,
    method: config.method,
    ...ids,
    runtime: config.runtime,
    resourceClass: config.resource_class,
    gpuCount: config.gpu_count,
    artifactType: config.output.artifact_type!,
    attempt: 1,
    templateId: input.templateId ?? null,
    createdBy: actorId,
    createdAt: now,
    queuedAt: now,
    updatedAt: now,
  });
  await recordTransition(tx, { jobId: id, from: null, to: "queued", reason: input.reason, actorId, at: now });
  await appendJobEvents(tx, id, 1, [
    { type: "status", at: now, data: { from: null, to: "queued", reason: input.reason } },
  ]);
  await requestSchedulingPass(tx);
  return id;
}
