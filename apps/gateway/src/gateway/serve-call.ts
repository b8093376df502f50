import type { RoutableReplica, RoutableRevision, RoutableService } from "@infera/core";
import { newId } from "@infera/core";
import type { CallIdentity } from "../admission/call-admitter.js";
import {
  passThroughShape,
  relaySse,
  type StreamOutcome,
  type StreamShape,
  type TokenUsage,
} from "../forwarding/relay-sse.js";
import { upstreamTarget } from "../forwarding/upstream-target.js";
import { pickReplica } from "../routing/pick-replica.js";
import { pickRevision } from "../routing/pick-revision.js";
import type { RoutingSnapshot } from "../routing/routing-table.js";
import { type GatewayError, openAiErrorResponse } from "../v1/openai-error.js";
import type { Caller, GatewayDeps } from "./gateway-deps.js";

/** The upstream endpoints a call can reach (the Responses API goes to chat/completions). */
export type UpstreamEndpoint = "chat/completions" | "completions" | "embeddings";

/** How a non-chat API reshapes the upstream's answer (the Responses API); absent: passed on as is. */
export interface ResponseShape {
  json(body: Record<string, unknown>): Record<string, unknown>;
  stream(): StreamShape;
}

export interface CallRequest {
  caller: Caller;
  /** A service of the caller's project, by name (`/v1`) or by id (the playground). */
  service: { name: string } | { id: string };
  pinnedRevisionId: string | null;
  endpoint: UpstreamEndpoint;
  /** The usage record's endpoint (`responses` for a translated call). */
  meteredEndpoint: string;
  /** OpenAI's request body; `model` is replaced by the upstream's name. */
  body: Record<string, unknown>;
  signal: AbortSignal;
  /** performance.now() when the request's first byte was read. */
  startedAt: number;
  shape?: ResponseShape;
}

/** The parts of the usage record a call learns as it goes. */
interface Metered {
  /** The usage record's id, drawn when the call starts; its answer's `X-Request-Id` says it. */
  id: string;
  service: RoutableService | null;
  revision: RoutableRevision | null;
}

/**
 * One call, from the model name to the client's last byte: the service of the caller's project, a
 * revision by traffic weight (or the pinned one), the admitter, a ready replica (least loaded; a
 * cold start held when none), the upstream, and exactly one usage record written before the
 * response's last byte. Refusals are Responses in OpenAI's envelope, never throws.
 */
export async function serveCall(deps: GatewayDeps, req: CallRequest): Promise<Response> {
  const metered: Metered = { id: newId("usageRecord"), service: null, revision: null };
  deps.preparePrices(req.caller.tenantId);
  const refuse = (error: GatewayError) => {
    meterCall(deps, req, metered, { status: error.status, usage: null, streamed: false });
    return openAiErrorResponse(
      error,
      metered.revision
        ? { "x-request-id": metered.id, "x-infera-revision": metered.revision.id }
        : { "x-request-id": metered.id },
    );
  };

  let snapshot = await deps.routing.get();
  let service = findService(snapshot, req);
  let pinned = service && req.pinnedRevisionId ? findRevision(service, req.pinnedRevisionId) : null;
  // A name (or revision) created within the second is not in the table yet: one fresh read before a
  // 404, at most one per MISS_REREAD_MS however many unknown names arrive.
  if ((!service || (req.pinnedRevisionId && !pinned)) && Date.now() - snapshot.loadedAt >= MISS_REREAD_MS) {
    snapshot = await deps.routing.refresh();
    service = findService(snapshot, req);
    pinned = service && req.pinnedRevisionId ? findRevision(service, req.pinnedRevisionId) : null;
  }
  if (!service) return refuse(modelNotFound(req));
  metered.service = service;
  let revision: RoutableRevision | null;
  if (req.pinnedRevisionId) {
    revision = pinned;
    if (!revision) return refuse(modelNotFound(req));
  } else revision = pickRevision(service.revisions);
  if (service.desiredState === "inactive")
    return refuse({
      status: 503,
      code: "service_stopped",
      message: `service ${service.name} is stopped`,
      retryAfterSeconds: 60,
    });
  if (!revision)
    return refuse({
      status: 503,
      code: "no_capacity",
      message: `service ${service.name} has no revision carrying traffic`,
      retryAfterSeconds: 30,
    });
  metered.revision = revision;

  const identity: CallIdentity = { ...req.caller, serviceId: service.id, revisionId: revision.id };
  const admission = await deps.admitter.admit(identity);
  if (!admission.ok)
    return refuse({
      status: admission.status,
      code: admission.code,
      message: admission.message,
      retryAfterSeconds: admission.retryAfterSeconds,
    });

  // In flight from here, held or forwarded: the autoscaler sees a held call as load.
  let endLoad = deps.load.begin(revision.id, null);
  let heldMs = 0;
  try {
    let replica: RoutableReplica | null = null;
    if (revision.upstream) {
      if (revision.currentState !== "ready")
        return refuse({
          status: 503,
          code: "upstream_unavailable",
          message: `revision ${revision.number} of ${service.name} is ${revision.currentState}: its upstream is not answering`,
          retryAfterSeconds: 5,
        });
    } else {
      replica = pickReplica(revision.replicas, deps.load.replicaInFlight);
      if (!replica) {
        const heldFrom = performance.now();
        const held = await holdForReplica(deps, service.id, revision.id, req.signal);
        heldMs = performance.now() - heldFrom;
        if (held === "aborted")
          return refuse({ status: 499, code: "client_closed", message: "the client went away" });
        if (!held)
          return refuse({
            status: 503,
            code: "no_capacity",
            message: `no replica of ${service.name} became ready within ${Math.round(deps.coldStartTimeoutMs / 1000)} s`,
            retryAfterSeconds: 10,
          });
        ({ revision, replica } = held);
        metered.revision = revision;
      }
      endLoad();
      endLoad = deps.load.begin(revision.id, replica.id);
    }
    return await forward(deps, req, metered, identity, revision, replica, heldMs, endLoad);
  } catch (err) {
    endLoad();
    throw err;
  }
}

/** How old the table must be before an unknown name rereads it (bounds the reads 404s can cause). */
const MISS_REREAD_MS = 100;

function findRevision(service: RoutableService, revisionId: string): RoutableRevision | null {
  return service.revisions.find((r) => r.id === revisionId) ?? null;
}

function findService(snapshot: RoutingSnapshot, req: CallRequest): RoutableService | null {
  const service =
    "name" in req.service
      ? snapshot.byProjectAndName.get(`${req.caller.projectId} ${req.service.name}`)
      : snapshot.byId.get(req.service.id);
  // Tenant isolation: a service of another project is as unknown as one that does not exist.
  return service && service.projectId === req.caller.projectId && service.tenantId === req.caller.tenantId
    ? service
    : null;
}

function modelNotFound(req: CallRequest): GatewayError {
  const name = "name" in req.service ? req.service.name : req.service.id;
  const model = req.pinnedRevisionId ? `${name}@${req.pinnedRevisionId}` : name;
  return {
    status: 404,
    code: "model_not_found",
    param: "model",
    message: `The model '${model}' does not exist in this project: use a service name, or <service>@<revision id>`,
  };
}

/**
 * A cold start: the revision has no ready replica, so one is demanded and the call waits, rereading
 * the routing table, until one is ready or the timeout passes (null) or the client leaves.
 */
async function holdForReplica(
  deps: GatewayDeps,
  serviceId: string,
  revisionId: string,
  signal: AbortSignal,
): Promise<{ revision: RoutableRevision; replica: RoutableReplica } | null | "aborted"> {
  const demand = await deps.serviceLoad.demand(revisionId);
  deps.log.info({ revisionId, coldStart: demand.coldStart }, "call held for a replica");
  const until = performance.now() + deps.coldStartTimeoutMs;
  for (;;) {
    if (signal.aborted) return "aborted";
    const snapshot = await deps.routing.refresh();
    const revision = snapshot.byId.get(serviceId)?.revisions.find((r) => r.id === revisionId);
    const replica = revision && pickReplica(revision.replicas, deps.load.replicaInFlight);
    if (revision && replica) return { revision, replica };
    const left = until - performance.now();
    if (left <= 0) return null;
    await sleep(Math.min(deps.coldStartPollMs, left), signal);
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });
}

async function forward(
  deps: GatewayDeps,
  req: CallRequest,
  metered: Metered,
  identity: CallIdentity,
  revision: RoutableRevision,
  replica: RoutableReplica | null,
  heldMs: number,
  endLoad: () => void,
): Promise<Response> {
  const service = metered.service!;
  const target = upstreamTarget(service.name, revision, replica);
  const stream = req.body.stream === true && req.endpoint !== "embeddings";
  const clientWantsUsage =
    stream && (req.body.stream_options as { include_usage?: unknown } | undefined)?.include_usage === true;
  const body: Record<string, unknown> = { ...req.body, model: target.model };
  // Every stream ends with usage upstream, whatever the client asked: the meter needs it.
  if (stream)
    body.stream_options = { ...(req.body.stream_options as object | undefined), include_usage: true };
  const headers: Record<string, string> = {
    "content-type": "application/json",
    accept: stream ? "text/event-stream" : "application/json",
  };
  if (target.authorization) headers.authorization = target.authorization;

  const upstreamAbort = new AbortController();
  const onClientAbort = () => upstreamAbort.abort();
  req.signal.addEventListener("abort", onClientAbort, { once: true });
  const sentAt = performance.now();
  let upstream: Awaited<ReturnType<ReturnType<GatewayDeps["pools"]["pool"]>["request"]>>;
  try {
    upstream = await deps.pools.pool(target.origin).request({
      path: `${target.basePath}/${req.endpoint}`,
      method: "POST",
      headers,
      body: JSON.stringify(body),
      signal: upstreamAbort.signal,
    });
  } catch (err) {
    req.signal.removeEventListener("abort", onClientAbort);
    endLoad();
    const aborted = req.signal.aborted;
    deps.log.warn(
      { err: (err as Error).message, revisionId: revision.id, origin: target.origin },
      "upstream call failed",
    );
    meterCall(deps, req, metered, { status: aborted ? 499 : 502, usage: null, streamed: stream });
    return openAiErrorResponse(
      aborted
        ? { status: 499, code: "client_closed", message: "the client went away" }
        : {
            status: 502,
            code: "upstream_unreachable",
            message: `revision ${revision.number} of ${service.name} did not answer`,
          },
      { "x-request-id": metered.id, "x-infera-revision": revision.id },
    );
  }
  const headersAt = performance.now();
  const overhead = sentAt - req.startedAt - heldMs + 0;
  const responseHeaders = (overheadMs: number): Record<string, string> => ({
    "x-request-id": metered.id,
    "x-infera-revision": revision.id,
    "x-infera-overhead-ms": overheadMs.toFixed(3),
  });
  const upstreamType = String(upstream.headers["content-type"] ?? "");

  if (stream && upstream.statusCode === 200 && upstreamType.startsWith("text/event-stream")) {
    const shape = req.shape?.stream();
    const out = relaySse({
      body: upstream.body,
      clientSignal: req.signal,
      abortUpstream: () => upstreamAbort.abort(),
      clientWantsUsage,
      shape: shape ?? passThroughShape,
      finish: (outcome: StreamOutcome) => {
        req.signal.removeEventListener("abort", onClientAbort);
        endLoad();
        meterCall(deps, req, metered, {
          status: outcome.status,
          usage: outcome.usage,
          streamed: true,
          firstTokenAt: outcome.firstTokenAt,
          lastTokenAt: outcome.lastTokenAt,
        });
        if (outcome.status === 200) charge(deps, identity, outcome.usage);
      },
    });
    return new Response(out, {
      status: 200,
      headers: {
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-cache",
        ...responseHeaders(overhead + (performance.now() - headersAt)),
      },
    });
  }

  // JSON (or a stream the upstream refused with an error): read whole, metered, then answered.
  let text: string;
  try {
    text = await upstream.body.text();
  } catch (err) {
    req.signal.removeEventListener("abort", onClientAbort);
    endLoad();
    const aborted = req.signal.aborted;
    meterCall(deps, req, metered, { status: aborted ? 499 : 502, usage: null, streamed: false });
    return openAiErrorResponse(
      aborted
        ? { status: 499, code: "client_closed", message: "the client went away" }
        : {
            status: 502,
            code: "upstream_broke_off",
            message: `revision ${revision.number} of ${service.name} broke off: ${(err as Error).message}`,
          },
      { "x-request-id": metered.id, "x-infera-revision": revision.id },
    );
  }
  const bodyDoneAt = performance.now();
  req.signal.removeEventListener("abort", onClientAbort);
  endLoad();
  let parsed: Record<string, unknown> | null = null;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = null;
  }
  const usage = (parsed?.usage as TokenUsage | undefined) ?? null;
  const ok = upstream.statusCode >= 200 && upstream.statusCode < 300;
  if (ok && parsed && req.shape) text = JSON.stringify(req.shape.json(parsed));
  meterCall(deps, req, metered, { status: upstream.statusCode, usage, streamed: false });
  if (ok) charge(deps, identity, usage);
  return new Response(text, {
    status: upstream.statusCode,
    headers: {
      "content-type": upstreamType || "application/json",
      ...responseHeaders(overhead + (performance.now() - bodyDoneAt)),
    },
  });
}

function charge(deps: GatewayDeps, identity: CallIdentity, usage: TokenUsage | null) {
  const total = usage?.total_tokens ?? (usage?.prompt_tokens ?? 0) + (usage?.completion_tokens ?? 0);
  if (total > 0)
    void deps.admitter
      .charge(identity, total)
      .catch((err: Error) => deps.log.warn({ err: err.message }, "token charge failed"));
}

/** Exactly one usage record per call that has a project (a call refused for its key has none). */
function meterCall(
  deps: GatewayDeps,
  req: CallRequest,
  metered: Metered,
  o: {
    status: number;
    usage: TokenUsage | null;
    streamed: boolean;
    firstTokenAt?: number | null;
    lastTokenAt?: number | null;
  },
) {
  const endedAt = performance.now();
  const prompt = nonNegative(o.usage?.prompt_tokens);
  const completion = nonNegative(o.usage?.completion_tokens);
  const ttft = o.firstTokenAt != null ? o.firstTokenAt - req.startedAt : null;
  const tpot =
    o.firstTokenAt != null && o.lastTokenAt != null && completion >= 2
      ? (o.lastTokenAt - o.firstTokenAt) / (completion - 1)
      : null;
  const record = {
    id: metered.id,
    at: deps.now().toISOString(),
    tenant_id: req.caller.tenantId,
    project_id: req.caller.projectId,
    api_key_id: req.caller.apiKeyId,
    service_id: metered.service?.id ?? null,
    revision_id: metered.revision?.id ?? null,
    model_version_id: metered.revision?.modelVersionId ?? null,
    endpoint: req.meteredEndpoint,
    status_code: o.status,
    prompt_tokens: prompt,
    completion_tokens: completion,
    latency_ms: Math.max(0, endedAt - req.startedAt),
    ttft_ms: ttft === null ? null : Math.max(0, ttft),
    tpot_ms: tpot === null ? null : Math.max(0, tpot),
    streamed: o.streamed,
  };
  try {
    deps.meter.record({
      ...record,
      cost_estimate: deps.estimateCost(record, metered.revision?.resourceClass ?? null),
    });
  } catch (err) {
    deps.log.warn({ err: (err as Error).message }, "usage record not written");
  }
}

function nonNegative(n: unknown): number {
  return typeof n === "number" && Number.isFinite(n) && n > 0 ? Math.round(n) : 0;
}

/** A call refused before it named a service (bad body, wrong scope): still one usage record. */
export function refuseBeforeRouting(
  deps: GatewayDeps,
  caller: Caller,
  meteredEndpoint: string,
  startedAt: number,
  error: GatewayError,
): Response {
  const req = { caller, meteredEndpoint, startedAt } as CallRequest;
  const id = newId("usageRecord");
  meterCall(
    deps,
    req,
    { id, service: null, revision: null },
    { status: error.status, usage: null, streamed: false },
  );
  return openAiErrorResponse(error, { "x-request-id": id });
}
