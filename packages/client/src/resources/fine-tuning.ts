import {
  type CloneFineTuneJobInput,
  type CreateFineTuneJobInput,
  type CreateFineTuneTemplateInput,
  type CreateResourceClassInput,
  FineTuneJob,
  FineTuneJobArtifacts,
  FineTuneJobCheckpointList,
  FineTuneJobConfig,
  FineTuneJobDetail,
  FineTuneJobEvent,
  FineTuneJobEventList,
  FineTuneJobEventType,
  type FineTuneJobListQuery,
  FineTuneJobMetrics,
  type FineTuneJobMetricsQuery,
  FineTuneJobValidation,
  FineTuneTemplate,
  ResourceClass,
  single,
  type UpdateFineTuneTemplateInput,
  type UpdateResourceClassInput,
} from "@infera/contracts";
import type { z } from "zod";
import { queryString, type Transport } from "../http.js";
import { listing, scopedListing, seg } from "../pagination.js";
import type { EventSourceConstructor } from "./notifications.js";

export type FineTuneJobFilter = FineTuneJobListQuery;

export interface FineTuneJobEventsFilter {
  /** Only events with a larger seq. */
  after?: number;
  /** At most 1000 a page (default 200). */
  limit?: number;
  /** Only these types (default: all). */
  types?: readonly FineTuneJobEventType[];
}

export interface FineTuneJobEventStreamOptions {
  /** Start after this seq (the last one already read); default: the whole log. */
  after?: number;
  /** Only these types (default: all). */
  types?: readonly FineTuneJobEventType[];
  onEvent(e: FineTuneJobEvent): void;
  /** The job finished and every event was sent: the stream is closed for good. */
  onEnd?(): void;
  /** A connection error; the browser reconnects by itself unless the server refused (then `closed`). */
  onError?(info: { closed: boolean }): void;
  /** Another EventSource implementation (tests, Node); default `globalThis.EventSource`. */
  EventSource?: EventSourceConstructor;
}

const CLOSED = 2;
const ALL_EVENT_TYPES = FineTuneJobEventType.options;

/**
 * Fine-tuning jobs: submitted with a configuration (base model, dataset version and output name are
 * enough), they wait `queued` for the scheduler. Cancel, retry, clone, delete and the configuration's
 * export are here; resource classes (platform-wide) beside them.
 */
export function fineTuningApi(t: Transport) {
  const job = (jobId: string) => `/fine-tuning/jobs/${seg(jobId)}`;
  const template = (templateId: string) => `/fine-tuning/templates/${seg(templateId)}`;
  const eventsStreamUrl = (
    jobId: string,
    query: { after?: number; types?: readonly FineTuneJobEventType[]; follow?: boolean } = {},
  ) => {
    const q = { after: query.after, type: query.types?.join(","), follow: query.follow };
    return `${t.baseUrl}/api/v1${job(jobId)}/events${queryString(q)}`;
  };
  return {
    jobs: {
      /** `list(projectId, {status, method, created_by, created_after, created_before})`, newest first. */
      ...scopedListing<typeof FineTuneJob, FineTuneJobFilter>(
        t,
        (projectId) => `/projects/${seg(projectId)}/fine-tuning/jobs`,
        FineTuneJob,
      ),
      /**
       * Submits a job; an exported configuration (`config(jobId)`) imports through here unchanged.
       * With `template_id`, the template's configuration is the base and `input`'s fields override it.
       */
      async create(
        projectId: string,
        input: z.input<typeof CreateFineTuneJobInput>,
      ): Promise<FineTuneJobDetail> {
        return (
          await t.json("POST", `/projects/${seg(projectId)}/fine-tuning/jobs`, single(FineTuneJobDetail), {
            body: input,
          })
        ).data;
      },
      async get(jobId: string): Promise<FineTuneJobDetail> {
        return (await t.json("GET", job(jobId), single(FineTuneJobDetail))).data;
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
      /** One page of the job's event log, oldest first; `next_after` continues (null: the end so far). */
      async events(jobId: string, filter: FineTuneJobEventsFilter = {}): Promise<FineTuneJobEventList> {
        const query = { after: filter.after, limit: filter.limit, type: filter.types?.join(",") };
        return t.json("GET", `${job(jobId)}/events`, FineTuneJobEventList, { query });
      },
      /** The Server-Sent Events URL of the event log (for an EventSource of your own, or `curl -N`). */
      eventsStreamUrl,
      /**
       * Follows the event log with the browser's EventSource on the session cookie. It reconnects by
       * itself and resumes after the last id it received (`Last-Event-ID`), so nothing is missed or
       * repeated; after the job finished it ends (`onEnd`).
       */
      openEventStream(jobId: string, opts: FineTuneJobEventStreamOptions): { close(): void } {
        const Source =
          opts.EventSource ?? (globalThis as unknown as { EventSource?: EventSourceConstructor }).EventSource;
        if (!Source) throw new Error("EventSource is not available here; read eventsStreamUrl() with fetch");
        const url = eventsStreamUrl(jobId, { after: opts.after, types: opts.types });
        const source = new Source(url, { withCredentials: true });
        // Events are named by their type, so each wanted type gets its listener.
        for (const type of opts.types ?? ALL_EVENT_TYPES) {
          source.addEventListener(type, (e) => {
            const parsed = FineTuneJobEvent.safeParse(JSON.parse(e.data));
            // An entry this client cannot read (a newer server) is skipped, not fatal.
            if (parsed.success) opts.onEvent(parsed.data);
          });
        }
        source.addEventListener("end", () => {
          source.close();
          opts.onEnd?.();
        });
        source.addEventListener("error", () => opts.onError?.({ closed: source.readyState === CLOSED }));
        return { close: () => source.close() };
      },
      /** A dry run of `create`: resolved ids, checks and the estimate; nothing is written. */
      async validate(
        projectId: string,
        input: z.input<typeof CreateFineTuneJobInput>,
      ): Promise<FineTuneJobValidation> {
        return (
          await t.json(
            "POST",
            `/projects/${seg(projectId)}/fine-tuning/jobs/validate`,
            single(FineTuneJobValidation),
            { body: input },
          )
        ).data;
      },
      /** Metric curves by name and step range, each at most `max_points` long (downsampled beyond). */
      async metrics(
        jobId: string,
        query: { names?: string[] } & Partial<Omit<FineTuneJobMetricsQuery, "name">> = {},
      ): Promise<FineTuneJobMetrics> {
        const { names, ...rest } = query;
        return (
          await t.json("GET", `${job(jobId)}/metrics`, single(FineTuneJobMetrics), {
            query: { ...rest, name: names?.join(",") },
          })
        ).data;
      },
      /** The job's checkpoints, oldest step first, and whether each is still downloadable. */
      async checkpoints(jobId: string): Promise<FineTuneJobCheckpointList["data"]> {
        return (await t.json("GET", `${job(jobId)}/checkpoints`, FineTuneJobCheckpointList)).data;
      },
      /** The URL of one checkpoint as a tar archive, for a download link or a streaming fetch. */
      checkpointDownloadUrl(jobId: string, name: string): string {
        return `${t.baseUrl}/api/v1${job(jobId)}/checkpoints/${seg(name)}/download`;
      },
      /**
       * The URL of the job's log as a text file (`time level [source] message` lines, state changes,
       * its failure); `level` keeps that level and above, `q` lines containing the text.
       */
      logDownloadUrl(
        jobId: string,
        query: { level?: "debug" | "info" | "warn" | "error"; q?: string } = {},
      ): string {
        return `${t.baseUrl}/api/v1${job(jobId)}/logs${queryString(query)}`;
      },
      /** The output model version and its files with download links (none until it succeeded). */
      async artifacts(jobId: string): Promise<FineTuneJobArtifacts> {
        return (await t.json("GET", `${job(jobId)}/artifacts`, single(FineTuneJobArtifacts))).data;
      },
      /** Only finished jobs; a model version the job registered stays. */
      async delete(jobId: string): Promise<void> {
        await t.empty("DELETE", job(jobId));
      },
    },
    /** Saved job configurations of a project; a job is created from one with `jobs.create(…, { template_id })`. */
    templates: {
      /** `list(projectId, { q, sort })`: newest first; `q` finds a part of the name or description. */
      ...scopedListing<typeof FineTuneTemplate>(
        t,
        (projectId) => `/projects/${seg(projectId)}/fine-tuning/templates`,
        FineTuneTemplate,
      ),
      /** Saves a configuration (a job's `config()` less its `name`) under a name unique in the project. */
      async create(
        projectId: string,
        input: z.input<typeof CreateFineTuneTemplateInput>,
      ): Promise<FineTuneTemplate> {
        const path = `/projects/${seg(projectId)}/fine-tuning/templates`;
        return (await t.json("POST", path, single(FineTuneTemplate), { body: input })).data;
      },
      async get(templateId: string): Promise<FineTuneTemplate> {
        return (await t.json("GET", template(templateId), single(FineTuneTemplate))).data;
      },
      /** Omitted fields stay; a `config` replaces the whole configuration. */
      async update(
        templateId: string,
        input: z.input<typeof UpdateFineTuneTemplateInput>,
      ): Promise<FineTuneTemplate> {
        return (await t.json("PATCH", template(templateId), single(FineTuneTemplate), { body: input })).data;
      },
      async delete(templateId: string): Promise<void> {
        await t.empty("DELETE", template(templateId));
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
