import { stat } from "node:fs/promises";
import { basename, join, resolve, sep } from "node:path";
import type { FineTuneJobCheckpoint } from "@infera/contracts";
import { and, asc, eq, tables } from "@infera/db";
import type { ServiceContext } from "../../shared/context.js";
import { iso } from "../../shared/pagination.js";
import type { JobRow } from "../job-access.js";
import { loadStoredCheckpoints, type StoredCheckpoint } from "./stored-checkpoints.js";

export interface JobCheckpoint extends Omit<FineTuneJobCheckpoint, "stored"> {
  /** Its folder on this machine, or null when the workspace location is unknown. */
  dir: string | null;
  /** Its copy in the blob store, when one was recorded `stored` (any node can read it). */
  stored: StoredCheckpoint | null;
}

/** The folder of a job's workspace, or null when this process was not told where workspaces live. */
export function workspaceOf(ctx: ServiceContext, jobId: string): string | null {
  const root = ctx.settings.fineTuningWorkspaceDir;
  return root ? join(root, jobId) : null;
}

/**
 * A job's checkpoints from its `checkpoint` events (the last report of a name wins: a resumed
 * attempt rewrites `final`), oldest step first, each available while its folder is still in this
 * machine's workspace or its copy is stored in the blob store (until retention removes the
 * workspace and releases the copy). A path the runtime reported outside the workspace is never read.
 */
export async function loadJobCheckpoints(ctx: ServiceContext, job: JobRow): Promise<JobCheckpoint[]> {
  const e = tables.fineTuneJobEvents;
  const rows = await ctx.db
    .select()
    .from(e)
    .where(and(eq(e.jobId, job.id), eq(e.type, "checkpoint")))
    .orderBy(asc(e.seq));
  const workspace = workspaceOf(ctx, job.id);
  const byName = new Map<string, JobCheckpoint>();
  for (const row of rows) {
    const path = typeof row.data.path === "string" ? row.data.path : null;
    if (!path) continue;
    const name = basename(path);
    // Stored relative to the workspace; older events hold the worker's absolute path.
    const dir = workspace ? resolve(workspace, path) : null;
    byName.delete(name);
    byName.set(name, {
      name,
      step: typeof row.data.step === "number" ? row.data.step : 0,
      reason: (row.data.reason as FineTuneJobCheckpoint["reason"]) ?? null,
      attempt: row.attempt,
      time: iso(row.at)!,
      available: false,
      dir: dir && workspace && dir.startsWith(workspace + sep) ? dir : null,
      stored: null,
    });
  }
  const list = [...byName.values()].sort((a, b) => a.step - b.step);
  const stored = new Map((await loadStoredCheckpoints(ctx, job.id)).map((s) => [s.name, s]));
  for (const c of list) {
    c.stored = stored.get(c.name) ?? null;
    c.available =
      !job.workspaceRemovedAt &&
      (c.stored !== null ||
        (c.dir !== null &&
          (await stat(c.dir).then(
            (s) => s.isDirectory(),
            () => false,
          ))));
  }
  return list;
}
