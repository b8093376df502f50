import {
  type CloneFineTuneJobInput,
  type CreateResourceClassInput,
  FineTuneJob,
  FineTuneJobConfig,
  FineTuneJobDetail,
  FineTuneJobEventList,
  type FineTuneJobEventsQuery,
  type FineTuneJobListQuery,
  ResourceClass,
  single,
  type UpdateResourceClassInput,
} from "@infera/contracts";
import type { z } from "zod";
import type { Transport } from "../http.js";
import { listing, scopedListing, seg } from "../pagination.js";

export type FineTuneJobFilter = FineTuneJobListQuery;

/**
 * Fine-tuning jobs: submitted with a configuration (base model, dataset version and output name are
 * enough), they wait `queued` for the scheduler. Cancel, retry, clone, delete and the configuration's
 * export are here; resource classes (platform-wide) beside them.
 */
export function fineTuningApi(t: Transport) {
  const job = (jobId: string) => `/fine-tuning/jobs/${seg(jobId)}`;
  return {
    jobs: {
      /** `list(projectId, {status, method, created_by, created_after, created_before})`, newest first. */
      ...scopedListing<typeof FineTuneJob, FineTuneJobFilter>(
        t,
        (projectId) => `/projects/${seg(projectId)}/fine-tuning/jobs`,
        FineTuneJob,
      ),
      /** Submits a job; an exported configuration (`config(jobId)`) imports through here unchanged. */
      async create(projectId: string, input: z.input<typeof FineTuneJobConfig>): Promise<FineTuneJobDetail> {
        return (
          await t.json("POST", `/projects/${seg(projectId)}/fine-tuning/jobs`, single(FineTuneJobDetail), {
            body: input,
          })
        ).data;
      },
      async get(jobId: string): Promise<FineTuneJobDetail> {
        return (await t.json("GET", job(jobId), single(FineTuneJobDetail))).data;
      },
      /**
       * A page of the job's event log, oldest first after `query.after` (state changes, progress,
       * metrics, checkpoints, artifacts, logs); `type` keeps some (`"metrics"`, `"log,status"`).
       * Continue with `after: next_after`; null means the end of the log so far.
       */
      async events(
        jobId: string,
        query: Partial<Omit<FineTuneJobEventsQuery, "follow">> = {},
      ): Promise<FineTuneJobEventList> {
        return t.json("GET", `${job(jobId)}/events`, FineTuneJobEventList, { query });
      },
      /** The configuration alone, defaults filled in (export). */
      async config(jobId: string): Promise<FineTuneJobConfig> {
        return (await t.json("GET", `${job(jobId)}/config`, single(FineTuneJobConfig))).data;
      },
      /** Queued or starting → canceled; running → canceling. Anything else fails with `conflict`. */
      async cancel(jobId: string): Promise<FineTuneJobDetail> {
        return (await t.json("POST", `${job(jobId)}/cancel`, single(FineTuneJobDetail))).data;
      },
      /** A failed or canceled job queued again: same id, next attempt. */
      async retry(jobId: string): Promise<FineTuneJobDetail> {
        return (await t.json("POST", `${job(jobId)}/retry`, single(FineTuneJobDetail))).data;
      },
      /** A new job from this one's configuration with `overrides` (nested objects replace whole). */
      async clone(
        jobId: string,
        overrides: z.input<typeof CloneFineTuneJobInput> = {},
      ): Promise<FineTuneJobDetail> {
        return (await t.json("POST", `${job(jobId)}/clone`, single(FineTuneJobDetail), { body: overrides }))
          .data;
      },
      /** Only finished jobs; a model version the job registered stays. */
      async delete(jobId: string): Promise<void> {
        await t.empty("DELETE", job(jobId));
      },
    },
    resourceClasses: {
      /** `list()`: the classes a job may ask for (the platform admin also sees disabled ones). */
      ...listing(t, "/fine-tuning/resource-classes", ResourceClass),
      /** Platform admin. */
      async create(input: z.input<typeof CreateResourceClassInput>): Promise<ResourceClass> {
        return (await t.json("POST", "/admin/resource-classes", single(ResourceClass), { body: input })).data;
      },
      /** Platform admin; omitted fields stay. */
      async update(name: string, input: z.input<typeof UpdateResourceClassInput>): Promise<ResourceClass> {
        return (
          await t.json("PATCH", `/admin/resource-classes/${seg(name)}`, single(ResourceClass), {
            body: input,
          })
        ).data;
      },
    },
  };
}
