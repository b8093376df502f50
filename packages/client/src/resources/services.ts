import {
  type CreateServiceInput,
  type DeleteServiceInput,
  type DeployRevisionInput,
  type RollbackServiceInput,
  Service,
  ServiceDetail,
  ServiceEvent,
  ServiceGatewayMetrics,
  type ServiceGatewayMetricsQuery,
  ServiceListItem,
  type ServiceListQuery,
  ServiceLogLine,
  ServiceLogList,
  type ServiceLogsQuery,
  ServiceMetrics,
  type ServiceMetricsQuery,
  ServiceRevision,
  ServiceRevisionDetail,
  type SetTrafficInput,
  single,
  type UpdateServiceInput,
} from "@infera/contracts";
import type { z } from "zod";
import { queryString, type Transport } from "../http.js";
import { scopedListing, seg } from "../pagination.js";
import type { EventSourceConstructor } from "./notifications.js";
import { playgroundApi } from "./playground.js";

/** The filters of a service's logs (every form): revision number, replica id, level and above, time range, text. */
export type ServiceLogFilter = Partial<
  Pick<ServiceLogsQuery, "revision" | "replica" | "level" | "since" | "until" | "q">
>;

export interface ServiceLogStreamOptions extends ServiceLogFilter {
  /** Start after this seq (the last line already shown); default: the whole log. */
  after?: number;
  onLine(line: ServiceLogLine): void;
  /** A connection error; the browser reconnects by itself unless the server refused (then `closed`). */
  onError?(info: { closed: boolean }): void;
  /** Another EventSource implementation (tests, Node); default `globalThis.EventSource`. */
  EventSource?: EventSourceConstructor;
}

const CLOSED = 2;

export function servicesApi(t: Transport) {
  const one = (serviceId: string) => `/services/${seg(serviceId)}`;
  const logsUrl = (serviceId: string, query: Record<string, string | number | undefined>) =>
    `${t.baseUrl}/api/v1${one(serviceId)}/logs${queryString(query)}`;
  return {
    /** `list(projectId, {state, desired_state, env, model, q})`, `iterate`, `exportCsv`: a project's services, newest first. */
    ...scopedListing<typeof ServiceListItem, z.input<typeof ServiceListQuery>>(
      t,
      (projectId) => `/projects/${seg(projectId)}/services`,
      ServiceListItem,
    ),
    /** Creates a service and its revision 1 (the model's tag is resolved and the version stored). */
    async create(projectId: string, input: z.input<typeof CreateServiceInput>): Promise<ServiceDetail> {
      const path = `/projects/${seg(projectId)}/services`;
      return (await t.json("POST", path, single(ServiceDetail), { body: input })).data;
    },
    /** The service with its revisions, traffic and state durations. */
    async get(serviceId: string): Promise<ServiceDetail> {
      return (await t.json("GET", one(serviceId), single(ServiceDetail))).data;
    },
    /** Description, exposure, IP allow-list: never a new revision. */
    async update(serviceId: string, input: z.input<typeof UpdateServiceInput>): Promise<Service> {
      return (await t.json("PATCH", one(serviceId), single(Service), { body: input })).data;
    },
    /** Deletes the service; `confirm_name` is its name, typed. */
    async delete(serviceId: string, input: z.input<typeof DeleteServiceInput>): Promise<void> {
      await t.empty("DELETE", one(serviceId), { body: input });
    },
    /** A new configuration as a new revision: strategy full, none or canary with a weight. */
    async deploy(serviceId: string, input: z.input<typeof DeployRevisionInput>): Promise<ServiceRevision> {
      return (await t.json("POST", `${one(serviceId)}/revisions`, single(ServiceRevision), { body: input }))
        .data;
    },
    /** Replaces the split (weights sum to 100, or `normalize: true`). */
    async setTraffic(serviceId: string, input: z.input<typeof SetTrafficInput>): Promise<Service> {
      return (await t.json("PUT", `${one(serviceId)}/traffic`, single(Service), { body: input })).data;
    },
    /** 100% of traffic to an earlier revision (no new revision). */
    async rollback(serviceId: string, input: z.input<typeof RollbackServiceInput>): Promise<Service> {
      return (await t.json("POST", `${one(serviceId)}/rollback`, single(Service), { body: input })).data;
    },
    async start(serviceId: string): Promise<Service> {
      return (await t.json("POST", `${one(serviceId)}/start`, single(Service))).data;
    },
    async stop(serviceId: string): Promise<Service> {
      return (await t.json("POST", `${one(serviceId)}/stop`, single(Service))).data;
    },
    /** A service's revisions, newest first: `revisions.list(serviceId)`, `iterate`, `exportCsv`; `revisions.get(revisionId)`. */
    revisions: {
      ...scopedListing<typeof ServiceRevision>(
        t,
        (serviceId) => `${one(serviceId)}/revisions`,
        ServiceRevision,
      ),
      async get(revisionId: string): Promise<ServiceRevisionDetail> {
        const path = `/service-revisions/${seg(revisionId)}`;
        return (await t.json("GET", path, single(ServiceRevisionDetail))).data;
      },
    },
    /** Serving metrics over a window (1h, 6h, 24h, 7d), one series per revision; `revision` one id or several comma-separated. */
    async metrics(
      serviceId: string,
      query: Partial<Omit<ServiceMetricsQuery, "format">> = {},
    ): Promise<ServiceMetrics> {
      return (await t.json("GET", `${one(serviceId)}/metrics`, single(ServiceMetrics), { query })).data;
    },
    /**
     * What the gateway measured over the same windows, one series per revision: requests, 4xx/5xx,
     * latency p50/p95, tokens (from the usage rollups of every `/v1` and playground call).
     */
    async gatewayMetrics(
      serviceId: string,
      query: Partial<ServiceGatewayMetricsQuery> = {},
    ): Promise<ServiceGatewayMetrics> {
      return (
        await t.json("GET", `${one(serviceId)}/gateway-metrics`, single(ServiceGatewayMetrics), { query })
      ).data;
    },
    /** The same points as CSV, one row per revision and bucket. */
    async metricsCsv(
      serviceId: string,
      query: Partial<Omit<ServiceMetricsQuery, "format">> = {},
    ): Promise<string> {
      return t.text("GET", `${one(serviceId)}/metrics`, {
        query: { ...query, format: "csv" },
        accept: "text/csv",
      });
    },
    /**
     * A page of the replicas' logs, oldest first: forward from `after` (`next_after` continues, also
     * once the end is reached), or the newest `limit` lines with `tail: "true"` / before `before`
     * (`prev_before` pages back). A Prod project's Viewers get `forbidden` with `details.policy`.
     */
    async logs(
      serviceId: string,
      query: ServiceLogFilter & Partial<Pick<ServiceLogsQuery, "after" | "before" | "tail" | "limit">> = {},
    ): Promise<ServiceLogList> {
      return t.json("GET", `${one(serviceId)}/logs`, ServiceLogList, { query });
    },
    /** The URL of the matching lines as a text file (`time level [replica rN] line`), for a download link. */
    logDownloadUrl(serviceId: string, filter: ServiceLogFilter = {}): string {
      return logsUrl(serviceId, { ...filter, download: "true" });
    },
    /** The Server-Sent Events URL of the logs (for an EventSource of your own, or `curl -N`). */
    logStreamUrl(serviceId: string, filter: ServiceLogFilter & { after?: number } = {}): string {
      return logsUrl(serviceId, filter);
    },
    /**
     * Follows the logs with the browser's EventSource on the session cookie: each new matching line
     * as it is shipped. It reconnects by itself and resumes after the last id it received.
     */
    openLogStream(serviceId: string, opts: ServiceLogStreamOptions): { close(): void } {
      const Source =
        opts.EventSource ?? (globalThis as unknown as { EventSource?: EventSourceConstructor }).EventSource;
      if (!Source) throw new Error("EventSource is not available here; read logStreamUrl() with fetch");
      const { onLine, onError, EventSource: _, ...filter } = opts;
      const source = new Source(logsUrl(serviceId, filter), { withCredentials: true });
      source.addEventListener("log", (e) => {
        const parsed = ServiceLogLine.safeParse(JSON.parse(e.data));
        if (parsed.success) onLine(parsed.data);
      });
      source.addEventListener("error", () => onError?.({ closed: source.readyState === CLOSED }));
      return { close: () => source.close() };
    },
    /** Chat with the service as the console's playground does: `chat` (JSON) or `chatStream` (SSE). */
    playground: playgroundApi(t),
    /** A service's events, newest first. */
    events: scopedListing<typeof ServiceEvent>(t, (serviceId) => `${one(serviceId)}/events`, ServiceEvent),
  };
}
