import type { Action } from "@infera/contracts";
import { eq, tables } from "@infera/db";
import { type Access, authorize } from "../authz/authorize.js";
import type { ServiceContext } from "../shared/context.js";
import { DomainError, notFound } from "../shared/errors.js";

export type JobRow = typeof tables.fineTuneJobs.$inferSelect;

const JOB_ID = /^ftj_[0-9a-z]{26}$/;

/** Who a job's `created_by` and a transition's `actor_id` name: the user or the service account. */
export function actorIdOf(ctx: ServiceContext): string | null {
  const p = ctx.principal;
  if (p.type === "user") return p.userId;
  if (p.type === "service_account") return p.serviceAccountId;
  return null;
}

/**
 * Seed 004 FR54/FR55: with the project's policy `fine_tuning_own_jobs_only` on, Developers, Viewers
 * and service accounts see only the jobs they created; Owners, Tenant Admins, Finance and the
 * platform admin still see every job. Answers the creator id to restrict to, or null.
 */
export async function ownJobsFilter(ctx: ServiceContext, access: Access): Promise<string | null> {
  const s = access.subject;
  if (s.isPlatformAdmin || s.tenantRole === "tenant_admin" || s.tenantRole === "finance") return null;
  if (s.projectRole === "owner") return null;
  const [policy] = await ctx.db
    .select({ on: tables.projectPolicies.fineTuningOwnJobsOnly })
    .from(tables.projectPolicies)
    .where(eq(tables.projectPolicies.projectId, access.projectId!));
  if (!policy?.on) return null;
  // No identity means no own jobs: an impossible id matches nothing.
  return actorIdOf(ctx) ?? "";
}

/**
 * Decides `action` on the job's project. A job the caller may not see (another tenant's, another
 * project's, or someone else's under FR54's policy) answers not_found, like an unknown id.
 */
export async function authorizeJob(
  ctx: ServiceContext,
  action: Action,
  jobId: string,
  opts: { forUpdate?: boolean } = {},
): Promise<{ job: JobRow; access: Access }> {
  if (ctx.principal.type === "anonymous")
    throw new DomainError("unauthenticated", "sign in or send a bearer token");
  if (!JOB_ID.test(jobId)) throw notFound("fine-tuning job");
  const q = ctx.db.select().from(tables.fineTuneJobs).where(eq(tables.fineTuneJobs.id, jobId));
  const [job] = opts.forUpdate ? await q.for("update") : await q;
  if (!job) throw notFound("fine-tuning job");
  let access: Access;
  try {
    access = await authorize(ctx, action, { projectId: job.projectId });
  } catch (err) {
    if (err instanceof DomainError && err.code === "not_found") throw notFound("fine-tuning job");
    throw err;
  }
  const own = await ownJobsFilter(ctx, access);
  if (own !== null && job.createdBy !== own) throw notFound("fine-tuning job");
  return { job, access };
}
