import type { PlaygroundChatInput } from "@infera/contracts";
import { and, eq, tables } from "@infera/db";
import type { ServiceContext } from "../../shared/context.js";
import { DomainError, notFound } from "../../shared/errors.js";
import { authorizeService } from "../service-access.js";
import { upstreamRefusal } from "./upstream-refusal.js";

export interface PlaygroundAnswer {
  /** The gateway's answer: JSON, or Server-Sent Events with `stream: true`; always 2xx here. */
  response: Response;
  /** False in a Prod project whose env policy keeps playground content out of every log. */
  logContent: boolean;
}

/**
 * One playground call (seed 000 §4.3.7 Tab 5): the caller may use the service's playground, a pinned
 * revision is one of this service's, and the gateway's `InferenceCaller` answers as `/v1` would. Not
 * audited: nothing of the project changes, and the call is metered as a usage record by the gateway
 * like any other (decision: docs/decisions/0035). The server log keeps who called what, never the
 * messages. A refusal of the gateway (no ready replica in time, a rate limit) is a domain error
 * with the matching code and its message.
 */
export async function chatInPlayground({
  ctx,
  serviceId,
  input,
  signal,
}: {
  ctx: ServiceContext;
  serviceId: string;
  input: PlaygroundChatInput;
  /** Aborted when the browser goes away: the generation upstream stops. */
  signal?: AbortSignal;
}): Promise<PlaygroundAnswer> {
  const { service, access } = await authorizeService(ctx, "service.playground", serviceId);
  const { revision_id: revisionId, ...params } = input;
  if (revisionId) await requireRevisionOf(ctx, service.id, revisionId);
  const inference = ctx.inference;
  if (!inference)
    throw new DomainError(
      "service_unavailable",
      "the playground calls services through the gateway, and this server runs none: start Infera with the gateway (`infera up`, or the gateway role of `infera serve`)",
    );
  const logContent = await mayLogContent(ctx, service.projectId, access.env === "prod");
  const who = callerId(ctx);
  // Who called which service: an operator's trace of the playground. The messages never go here.
  ctx.log.info(
    { serviceId: service.id, revisionId: revisionId ?? null, caller: who, stream: params.stream, logContent },
    "playground call",
  );
  const response = await inference.call({
    tenantId: service.tenantId,
    projectId: service.projectId,
    serviceId: service.id,
    revisionId: revisionId ?? null,
    endpoint: "chat/completions",
    // The console shows token usage from the stream's last chunk: ask for it whatever the gateway does.
    body: params.stream ? { ...params, stream_options: { include_usage: true } } : params,
    signal,
    userId: who,
    logContent,
  });
  if (!response.ok) throw await upstreamRefusal(response);
  return { response, logContent };
}

async function requireRevisionOf(ctx: ServiceContext, serviceId: string, revisionId: string) {
  const r = tables.serviceRevisions;
  const [row] = await ctx.db
    .select({ id: r.id })
    .from(r)
    .where(and(eq(r.id, revisionId), eq(r.serviceId, serviceId)));
  // Another service's revision (of this tenant or not) answers like an unknown one.
  if (!row) throw notFound("service revision");
}

/** Seed 000 §4.3.2 E: a Prod project keeps playground content unlogged unless its policy was turned off. */
async function mayLogContent(ctx: ServiceContext, projectId: string, prod: boolean): Promise<boolean> {
  if (!prod) return true;
  const [row] = await ctx.db
    .select({ noLogging: tables.projectPolicies.prodNoPlaygroundLogging })
    .from(tables.projectPolicies)
    .where(eq(tables.projectPolicies.projectId, projectId));
  // A project without a policy row has the defaults, where this restriction is on.
  return !(row?.noLogging ?? true);
}

function callerId(ctx: ServiceContext): string {
  const p = ctx.principal;
  if (p.type === "user") return p.userId;
  if (p.type === "service_account") return p.serviceAccountId;
  throw new DomainError("unauthenticated", "sign in or send a bearer token");
}
