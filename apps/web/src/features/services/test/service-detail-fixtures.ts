import type {
  ServiceDetail,
  ServiceReplica,
  ServiceRevisionConfig,
  ServiceRevisionDetail,
} from "@infera/contracts";

const id = (prefix: string, n: number) => `${prefix}_${"0".repeat(25)}${n}`;

/** Well-formed ids (the contracts check their shape). */
export const svcIds = {
  service: id("svc", 1),
  rev1: id("rev", 1),
  rev2: id("rev", 2),
  rev3: id("rev", 3),
  model: id("mdl", 1),
  version1: id("mv", 1),
  version2: id("mv", 2),
  node: id("node", 1),
  replica: id("rep", 1),
};

export function revisionConfig(over: Partial<ServiceRevisionConfig> = {}): ServiceRevisionConfig {
  return {
    model: { model_id: svcIds.model, version_id: svcIds.version1, base_version_id: null },
    runtime: { kind: "llama.cpp", context_size: 4096, threads: null, parallel: 1 },
    resources: { resource_class: "cpu-2", gpu_count: 0 },
    autoscaling: {
      metric: "concurrency",
      target: 4,
      min_replicas: 1,
      max_replicas: 2,
      scale_down_delay_seconds: 300,
      scale_to_zero: false,
    },
    ...over,
  };
}

/**
 * Revision 1, ready: pending 30s (08:00:00–08:00:30), downloading 2m (–08:02:30), starting 45s
 * (–08:03:15), ready since 08:03:15 for 1h so far.
 */
export function revision(over: Partial<ServiceRevisionDetail> = {}): ServiceRevisionDetail {
  return {
    id: svcIds.rev1,
    service_id: svcIds.service,
    number: 1,
    config: revisionConfig(),
    config_hash: "a".repeat(64),
    model_version_id: svcIds.version1,
    runtime: "llama.cpp",
    traffic_percent: 100,
    current_state: "ready",
    state_since: "2025-03-01T08:03:15.000Z",
    failure_reason: null,
    wait_reason: null,
    created_by: "usr_1",
    created_at: "2025-03-01T08:00:00.000Z",
    durations: [
      {
        state: "pending",
        entered_at: "2025-03-01T08:00:00.000Z",
        left_at: "2025-03-01T08:00:30.000Z",
        seconds: 30,
      },
      {
        state: "downloading",
        entered_at: "2025-03-01T08:00:30.000Z",
        left_at: "2025-03-01T08:02:30.000Z",
        seconds: 120,
      },
      {
        state: "starting",
        entered_at: "2025-03-01T08:02:30.000Z",
        left_at: "2025-03-01T08:03:15.000Z",
        seconds: 45,
      },
      { state: "ready", entered_at: "2025-03-01T08:03:15.000Z", left_at: null, seconds: 3600 },
    ],
    ...over,
  };
}

export function replica(over: Partial<ServiceReplica> = {}): ServiceReplica {
  return {
    id: svcIds.replica,
    revision_id: svcIds.rev1,
    node_id: svcIds.node,
    state: "ready",
    started_at: "2025-03-01T08:02:31.000Z",
    ready_at: "2025-03-01T08:03:15.000Z",
    last_error: null,
    restart_count: 2,
    restart_at: null,
    pid: null,
    port: null,
    ...over,
  };
}

/** `GET /services/{id}`: chat-assistant, active, one ready revision with all traffic and one replica. */
export function serviceDetail(over: Partial<ServiceDetail> = {}): ServiceDetail {
  const revisions = over.revisions ?? [revision()];
  const traffic = revisions
    .filter((r) => r.traffic_percent > 0)
    .map((r) => ({ revision_id: r.id, percent: r.traffic_percent }));
  const top = [...revisions].sort((a, b) => b.traffic_percent - a.traffic_percent)[0];
  return {
    id: svcIds.service,
    tenant_id: "ten_1",
    project_id: "proj_1",
    name: "chat-assistant",
    description: "support bot",
    env: "dev",
    exposure: "public",
    ip_allow_list: ["10.0.0.0/8"],
    desired_state: "active",
    current_state: top?.current_state ?? "pending",
    current_revision_id: top?.id ?? null,
    model_version_id: top?.model_version_id ?? null,
    runtime: top?.runtime ?? null,
    traffic,
    created_by: "usr_1",
    created_at: "2025-03-01T08:00:00.000Z",
    updated_at: "2025-03-01T08:00:00.000Z",
    revisions,
    replicas: [replica()],
    ...over,
  };
}

/** Three revisions: 3 failed (0%), 2 ready with 10%, 1 ready with 90%. */
export function threeRevisionService(): ServiceDetail {
  return serviceDetail({
    revisions: [
      revision({ traffic_percent: 90 }),
      revision({ id: svcIds.rev2, number: 2, traffic_percent: 10, config_hash: "b".repeat(64) }),
      revision({
        id: svcIds.rev3,
        number: 3,
        traffic_percent: 0,
        current_state: "failed",
        failure_reason: "llama_model_load: error loading model: bad magic",
        config_hash: "c".repeat(64),
      }),
    ],
  });
}
