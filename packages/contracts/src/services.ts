import { z } from "zod";
import { Env, freeText, lineField, Timestamp } from "./common.js";
import { BaseModelRef } from "./fine-tuning.js";
import { idSchema } from "./ids.js";

/** Seed 000 §4.3.7 step 1: 2–64 lower-case letters, digits and '-', not starting or ending with '-'. */
export const ServiceName = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9-]{0,62}[a-z0-9]$/,
    "must be 2–64 characters: lower-case letters, digits and '-', starting and ending with a letter or digit",
  )
  .describe("2–64 lower-case letters, digits and '-' (unique in the project)");

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const HEXTET = /^[0-9a-f]{1,4}$/i;

/** An IPv6 address in any of its textual forms (`::`, an embedded IPv4 tail). */
function isIpv6(s: string): boolean {
  const halves = s.split("::");
  if (halves.length > 2) return false;
  const groups = (part: string) => (part === "" ? [] : part.split(":"));
  const parts = halves.flatMap(groups);
  let count = parts.length;
  const last = parts[parts.length - 1];
  if (last?.includes(".")) {
    if (!IPV4.test(last)) return false;
    parts.pop();
    count += 1; // an IPv4 tail fills two groups
  }
  if (!parts.every((p) => HEXTET.test(p))) return false;
  return halves.length === 2 ? count < 8 : count === 8;
}

/** `address/prefix` of IPv4 (prefix 0–32) or IPv6 (0–128); a bare address means a single host. */
export function isCidr(s: string): boolean {
  const [address, prefix, extra] = s.split("/");
  if (extra !== undefined || !address) return false;
  const v4 = IPV4.test(address);
  if (!v4 && !isIpv6(address)) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (v4 ? 32 : 128);
}

export const Cidr = z
  .string()
  .trim()
  .max(64)
  .refine(isCidr, "must be an IPv4 or IPv6 address or CIDR block (10.0.0.0/8, 2001:db8::/32)")
  .describe("IPv4 or IPv6 CIDR block");

export const IpAllowList = z
  .array(Cidr)
  .max(100)
  .transform((list) => [...new Set(list)])
  .describe("CIDR blocks allowed to call a public service; empty = anyone with a key");

export const ServiceExposure = z.enum(["public", "private"]);
export type ServiceExposure = z.infer<typeof ServiceExposure>;
export const ServiceDesiredState = z.enum(["active", "inactive"]);
export type ServiceDesiredState = z.infer<typeof ServiceDesiredState>;
/** ARCHITECTURE.md: a revision's (and its service's) current state. */
export const ServiceRevisionState = z.enum([
  "pending",
  "downloading",
  "starting",
  "ready",
  "inactive",
  "failed",
]);
export type ServiceRevisionState = z.infer<typeof ServiceRevisionState>;

/**
 * Runtime kinds. `llama.cpp` and `openai-compatible` run on this installation; the others (seed 000's
 * vLLM, TGI, Triton, HF Predictor) are named so a request for them is answered with why not.
 */
export const ServiceRuntimeKind = z.enum(["llama.cpp", "openai-compatible", "vllm", "tgi", "triton", "hf"]);
export type ServiceRuntimeKind = z.infer<typeof ServiceRuntimeKind>;
/** The kinds this installation runs; the others are refused with 422 saying so (the console shows them disabled). */
export const RUNNABLE_SERVICE_RUNTIMES: readonly ServiceRuntimeKind[] = ["llama.cpp", "openai-compatible"];

const HttpUrl = z
  .string()
  .trim()
  .max(2048)
  .refine((s) => {
    try {
      const u = new URL(s);
      return (u.protocol === "http:" || u.protocol === "https:") && Boolean(u.hostname);
    } catch {
      return false;
    }
  }, "must be an http:// or https:// URL");

/** The runtime and its parameters as a request gives them (`api_key` is write-only). */
export const ServiceRuntimeInput = z
  .object({
    kind: ServiceRuntimeKind,
    /** llama.cpp: tokens of context per sequence. */
    context_size: z.number().int().min(128).max(1_048_576).optional(),
    /** llama.cpp: CPU threads; left out = the runtime decides from the node. */
    threads: z.number().int().min(1).max(256).optional(),
    /** llama.cpp: sequences decoded in parallel by one replica. */
    parallel: z.number().int().min(1).max(256).optional(),
    /** openai-compatible: the upstream's base URL (…/v1 is appended by the gateway when absent). */
    base_url: HttpUrl.optional(),
    /** openai-compatible: the upstream's model name, when it differs from the service's. */
    upstream_model: lineField(200, { trim: true }).optional(),
    /** openai-compatible: a bearer token for the upstream; stored encrypted, never answered. */
    api_key: z.string().min(1).max(4096).optional(),
  })
  .strict()
  .superRefine((r, ctx) => {
    const llama = ["context_size", "threads", "parallel"] as const;
    const upstream = ["base_url", "upstream_model", "api_key"] as const;
    if (r.kind !== "llama.cpp")
      for (const f of llama)
        if (r[f] !== undefined)
          ctx.addIssue({ code: "custom", path: [f], message: `${f} applies to the llama.cpp runtime only` });
    if (r.kind !== "openai-compatible")
      for (const f of upstream)
        if (r[f] !== undefined)
          ctx.addIssue({
            code: "custom",
            path: [f],
            message: `${f} applies to the openai-compatible runtime only`,
          });
    if (r.kind === "openai-compatible" && r.base_url === undefined)
      ctx.addIssue({
        code: "custom",
        path: ["base_url"],
        message: "the openai-compatible runtime needs base_url",
      });
  });
export type ServiceRuntimeInput = z.infer<typeof ServiceRuntimeInput>;

export const ServiceResources = z
  .object({
    resource_class: z.string().min(1).max(64).describe("a resource class name (GET /resource-classes)"),
    gpu_count: z.number().int().min(0).max(64).default(0),
  })
  .strict();
export type ServiceResources = z.infer<typeof ServiceResources>;

export const AutoscalingMetric = z.enum(["concurrency", "qps"]);

export const ServiceAutoscaling = z
  .object({
    metric: AutoscalingMetric.default("concurrency"),
    /** In-flight requests (concurrency) or requests per second (qps) one replica should carry. */
    target: z.number().positive().max(100_000).default(4),
    min_replicas: z.number().int().min(0).max(100).default(1),
    max_replicas: z.number().int().min(1).max(100).default(1),
    scale_down_delay_seconds: z.number().int().min(0).max(86_400).default(300),
    /** Scale to zero replicas when idle: `min_replicas` must then be 0 (and 0 means this). */
    scale_to_zero: z.boolean().default(false),
  })
  .strict()
  .superRefine((a, ctx) => {
    if (a.max_replicas < a.min_replicas)
      ctx.addIssue({
        code: "custom",
        path: ["max_replicas"],
        message: "max_replicas must be at least min_replicas",
      });
    if (a.scale_to_zero !== (a.min_replicas === 0))
      ctx.addIssue({
        code: "custom",
        path: ["scale_to_zero"],
        message: "scale_to_zero goes with min_replicas 0 (and min_replicas 0 is scale to zero)",
      });
  });
export type ServiceAutoscaling = z.infer<typeof ServiceAutoscaling>;

/** What a revision is made of, as a request gives it: the model by tag or version id. */
export const ServiceConfigInput = z
  .object({
    model: BaseModelRef,
    runtime: ServiceRuntimeInput,
    resources: ServiceResources,
    autoscaling: ServiceAutoscaling.prefault({}),
  })
  .strict();
export type ServiceConfigInput = z.infer<typeof ServiceConfigInput>;

/**
 * A revision's configuration as stored and shown: the model resolved to its version (an adapter
 * names its base version), the runtime without its key (`api_key_set` says whether one is kept).
 * `config_hash` is sha256 over this object's canonical JSON.
 */
export const ServiceRevisionConfig = z.object({
  model: z.object({
    model_id: z.string(),
    version_id: z.string(),
    /** The base version an adapter version was trained from; null for a full model. */
    base_version_id: z.string().nullable(),
  }),
  runtime: z.object({
    kind: ServiceRuntimeKind,
    context_size: z.number().int().optional(),
    threads: z.number().int().nullable().optional(),
    parallel: z.number().int().optional(),
    base_url: z.string().optional(),
    upstream_model: z.string().nullable().optional(),
    api_key_set: z.boolean().optional(),
  }),
  resources: z.object({ resource_class: z.string(), gpu_count: z.number().int() }),
  autoscaling: z.object({
    metric: AutoscalingMetric,
    target: z.number(),
    min_replicas: z.number().int(),
    max_replicas: z.number().int(),
    scale_down_delay_seconds: z.number().int(),
    scale_to_zero: z.boolean(),
  }),
});
export type ServiceRevisionConfig = z.infer<typeof ServiceRevisionConfig>;

export const DeployStrategy = z.enum(["full", "none", "canary"]);
export type DeployStrategy = z.infer<typeof DeployStrategy>;

export const CreateServiceInput = z
  .object({
    name: ServiceName,
    description: freeText(1000).default(""),
    /** The project's env when left out. */
    env: Env.optional(),
    exposure: ServiceExposure,
    ip_allow_list: IpAllowList.default([]),
    config: ServiceConfigInput,
    /** full: revision 1 takes all traffic (default); none: it is created with 0% (no traffic). */
    strategy: z.enum(["full", "none"]).default("full"),
  })
  .strict();
export type CreateServiceInput = z.infer<typeof CreateServiceInput>;

/** Metadata only: never a new revision. */
export const UpdateServiceInput = z
  .object({
    description: freeText(1000).optional(),
    exposure: ServiceExposure.optional(),
    ip_allow_list: IpAllowList.optional(),
  })
  .strict();
export type UpdateServiceInput = z.infer<typeof UpdateServiceInput>;

export const DeployRevisionInput = z
  .object({
    config: ServiceConfigInput,
    strategy: DeployStrategy.default("full"),
    /** canary: the new revision's share, 1–99; the others give it up in proportion to theirs. */
    weight: z.number().int().min(1).max(99).optional(),
  })
  .strict()
  .superRefine((d, ctx) => {
    if (d.strategy === "canary" && d.weight === undefined)
      ctx.addIssue({ code: "custom", path: ["weight"], message: "a canary needs weight (1–99)" });
    if (d.strategy !== "canary" && d.weight !== undefined)
      ctx.addIssue({ code: "custom", path: ["weight"], message: "weight goes with strategy canary" });
  });
export type DeployRevisionInput = z.infer<typeof DeployRevisionInput>;

export const TrafficEntry = z
  .object({ revision_id: idSchema("serviceRevision"), percent: z.number().int().min(0).max(100) })
  .strict();

export const SetTrafficInput = z
  .object({
    /** Every revision that should get traffic; revisions left out get 0%. */
    traffic: z.array(TrafficEntry).min(1).max(100),
    /**
     * Scale the weights to sum to 100 (largest remainders) instead of refusing a sum that is not 100;
     * what the console's "normalize" button sends.
     */
    normalize: z.boolean().default(false),
  })
  .strict()
  .superRefine((t, ctx) => {
    const ids = t.traffic.map((e) => e.revision_id);
    if (new Set(ids).size !== ids.length)
      ctx.addIssue({ code: "custom", path: ["traffic"], message: "each revision may appear once" });
    const sum = t.traffic.reduce((s, e) => s + e.percent, 0);
    if (!t.normalize && sum !== 100)
      ctx.addIssue({
        code: "custom",
        path: ["traffic"],
        message: `weights must sum to 100 (they sum to ${sum}); send normalize: true to scale them`,
      });
    if (t.normalize && sum === 0)
      ctx.addIssue({ code: "custom", path: ["traffic"], message: "at least one weight must be above 0" });
  });
export type SetTrafficInput = z.infer<typeof SetTrafficInput>;

export const RollbackServiceInput = z.object({ revision_id: idSchema("serviceRevision") }).strict();
export type RollbackServiceInput = z.infer<typeof RollbackServiceInput>;

export const DeleteServiceInput = z
  .object({ confirm_name: z.string().max(200).describe("the service's name, typed by the user") })
  .strict();
export type DeleteServiceInput = z.infer<typeof DeleteServiceInput>;

export const ServiceListQuery = z.object({
  state: ServiceRevisionState.optional(),
  desired_state: ServiceDesiredState.optional(),
  env: Env.optional(),
  /** A model id or model version id: services with a revision of it. */
  model: z.string().max(64).optional(),
});
export type ServiceListQuery = z.infer<typeof ServiceListQuery>;

export const ServiceStateDuration = z.object({
  state: ServiceRevisionState,
  entered_at: Timestamp,
  /** null while the revision is still in it. */
  left_at: Timestamp.nullable(),
  /** Seconds spent in it (up to now for the current one). */
  seconds: z.number(),
});

export const ServiceRevision = z.object({
  id: z.string(),
  service_id: z.string(),
  number: z.number().int(),
  config: ServiceRevisionConfig,
  config_hash: z.string(),
  model_version_id: z.string(),
  runtime: ServiceRuntimeKind,
  traffic_percent: z.number().int(),
  current_state: ServiceRevisionState,
  state_since: Timestamp,
  /** Why it failed (the runtime's own words). */
  failure_reason: z.string().nullable(),
  /** Why a pending revision waits (which resource is short). */
  wait_reason: z.string().nullable(),
  created_by: z.string().nullable(),
  created_at: Timestamp,
});
export type ServiceRevision = z.infer<typeof ServiceRevision>;

export const ServiceRevisionDetail = ServiceRevision.extend({
  /** Each state it has been in, in order, with how long it lasted. */
  durations: z.array(ServiceStateDuration),
});
export type ServiceRevisionDetail = z.infer<typeof ServiceRevisionDetail>;

export const Service = z.object({
  id: z.string(),
  tenant_id: z.string(),
  project_id: z.string(),
  name: z.string(),
  description: z.string(),
  env: Env,
  exposure: ServiceExposure,
  ip_allow_list: z.array(z.string()),
  desired_state: ServiceDesiredState,
  /** The state of the revision carrying the most traffic (the newest when none carries any). */
  current_state: ServiceRevisionState,
  /** The revision carrying the most traffic, its model version and runtime (list columns). */
  current_revision_id: z.string().nullable(),
  model_version_id: z.string().nullable(),
  runtime: ServiceRuntimeKind.nullable(),
  traffic: z.array(z.object({ revision_id: z.string(), percent: z.number().int() })),
  created_by: z.string().nullable(),
  created_at: Timestamp,
  updated_at: Timestamp,
});
export type Service = z.infer<typeof Service>;

/** A row of the services list: the service and its replica counts (the list's Replicas column). */
export const ServiceListItem = Service.extend({
  replicas: z.object({
    /** Replicas of its revisions that answer their health check. */
    ready: z.number().int(),
    /** The serving revision's autoscaling bounds; null without a revision. */
    min: z.number().int().nullable(),
    max: z.number().int().nullable(),
  }),
});
export type ServiceListItem = z.infer<typeof ServiceListItem>;

export const ServiceReplicaState = z.enum(["pending", "starting", "ready", "stopping", "stopped", "failed"]);
export type ServiceReplicaState = z.infer<typeof ServiceReplicaState>;

/** One replica of a revision (a process on a node). `pid` and `port` are internal: admins only, null for others. */
export const ServiceReplica = z.object({
  id: z.string(),
  revision_id: z.string(),
  node_id: z.string(),
  state: ServiceReplicaState,
  started_at: Timestamp.nullable(),
  ready_at: Timestamp.nullable(),
  last_error: z.string().nullable(),
  restart_count: z.number().int(),
  /** A crashed replica waiting out its restart backoff restarts then; null otherwise. */
  restart_at: Timestamp.nullable(),
  pid: z.number().int().nullable(),
  port: z.number().int().nullable(),
});
export type ServiceReplica = z.infer<typeof ServiceReplica>;

export const ServiceDetail = Service.extend({
  revisions: z.array(ServiceRevisionDetail),
  /** Its replicas that are not stopped (pending on a node, starting, ready, stopping, failed), oldest first. */
  replicas: z.array(ServiceReplica),
});
export type ServiceDetail = z.infer<typeof ServiceDetail>;

export const ServiceEventType = z.enum([
  "created",
  "deployed",
  "state_changed",
  "failed",
  "traffic_changed",
  "rolled_back",
  "started",
  "stopped",
  "scaled_up",
  "scaled_down",
  "scaled_to_zero",
  "cold_start",
]);
export type ServiceEventType = z.infer<typeof ServiceEventType>;

export const ServiceEvent = z.object({
  id: z.string(),
  service_id: z.string(),
  revision_id: z.string().nullable(),
  type: ServiceEventType,
  message: z.string(),
  data: z.record(z.string(), z.unknown()),
  actor_id: z.string().nullable(),
  at: Timestamp,
});
export type ServiceEvent = z.infer<typeof ServiceEvent>;

export const TransitionRevisionInput = z.object({
  to: ServiceRevisionState,
  reason: z.string().min(1).max(2000),
  failure_reason: z.string().max(4000).optional(),
  wait_reason: z.string().max(2000).nullable().optional(),
});
export type TransitionRevisionInput = z.infer<typeof TransitionRevisionInput>;

export const ServiceLogLevel = z.enum(["debug", "info", "warn", "error"]);
export type ServiceLogLevel = z.infer<typeof ServiceLogLevel>;

/** One line a replica wrote (infera-serve's JSON lines, or any other output of its process). */
export const ServiceLogLine = z.object({
  /** Per service, strictly increasing in the order lines were stored: the cursor and the SSE id. */
  seq: z.number().int(),
  replica_id: z.string(),
  revision_id: z.string(),
  revision_number: z.number().int(),
  /** The line's own time (infera-serve's `time`), else when the node shipped it. */
  at: Timestamp,
  level: ServiceLogLevel,
  /** The message (`msg` of a JSON line; the whole line otherwise). */
  message: z.string(),
  /** The line as the replica wrote it. */
  line: z.string(),
});
export type ServiceLogLine = z.infer<typeof ServiceLogLine>;

const instant = z.string().datetime({ offset: true });

export const ServiceLogsQuery = z.object({
  revision: z.coerce.number().int().min(1).optional().describe("only this revision's replicas (its number)"),
  replica: z.string().max(64).optional().describe("only this replica's lines (its id)"),
  level: ServiceLogLevel.optional().describe("this level and above (`warn` keeps warnings and errors)"),
  since: instant.optional().describe("lines at or after this time (RFC 3339)"),
  until: instant.optional().describe("lines before this time (RFC 3339)"),
  q: z.string().max(200).optional().describe("lines containing this text (case-insensitive)"),
  after: z.coerce
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .optional()
    .describe("lines with a larger seq (oldest first)"),
  before: z.coerce
    .number()
    .int()
    .min(1)
    .max(2 ** 31 - 1)
    .optional()
    .describe("the newest lines with a smaller seq (paging back from the end)"),
  tail: z
    .enum(["true", "false"])
    .optional()
    .describe("true: the newest `limit` lines (as `before` = the end); what a viewer opens with"),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  follow: z
    .enum(["true", "false"])
    .optional()
    .describe(
      "event stream only: false sends what there is and ends (default: follow until the client leaves)",
    ),
  download: z
    .enum(["true", "false"])
    .optional()
    .describe("true: every matching line as a text file (`time level [replica rN] line`), oldest first"),
});
export type ServiceLogsQuery = z.infer<typeof ServiceLogsQuery>;

export const ServiceLogList = z.object({
  /** Oldest first. */
  data: z.array(ServiceLogLine),
  /** Pass as `after` for newer lines (also after reaching the end: the log grows); null when empty and no `after` was given. */
  next_after: z.number().int().nullable(),
  /** Pass as `before` for older lines; null when there are none. */
  prev_before: z.number().int().nullable(),
});
export type ServiceLogList = z.infer<typeof ServiceLogList>;
