import {
  type CreateServiceInput,
  type DeleteServiceInput,
  type DeployRevisionInput,
  type RollbackServiceInput,
  Service,
  ServiceDetail,
  ServiceEvent,
  ServiceListItem,
  type ServiceListQuery,
  ServiceMetrics,
  type ServiceMetricsQuery,
  ServiceRevision,
  ServiceRevisionDetail,
  type SetTrafficInput,
  single,
  type UpdateServiceInput,
} from "@infera/contracts";
import type { z } from "zod";
import type { Transport } from "../http.js";
import { scopedListing, seg } from "../pagination.js";

export function servicesApi(t: Transport) {
  const one = (serviceId: string) => `/services/${seg(serviceId)}`;
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
    /** A service's events, newest first. */
    events: scopedListing<typeof ServiceEvent>(t, (serviceId) => `${one(serviceId)}/events`, ServiceEvent),
  };
}
