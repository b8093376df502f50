import type { RoutableReplica, RoutableRevision } from "@infera/core";

export interface UpstreamTarget {
  origin: string;
  /** The path prefix the endpoint is appended to (`/v1`, or an external base URL's own path). */
  basePath: string;
  /** The `model` the upstream expects. */
  model: string;
  authorization: string | null;
}

/**
 * Where a call goes: a llama.cpp replica on its node's address, or an openai-compatible revision's
 * base URL (…/v1 appended unless it already ends so), with its upstream key.
 */
export function upstreamTarget(
  serviceName: string,
  revision: RoutableRevision,
  replica: RoutableReplica | null,
): UpstreamTarget {
  if (revision.upstream) {
    const url = new URL(revision.upstream.baseUrl);
    const path = url.pathname.replace(/\/+$/, "");
    return {
      origin: url.origin,
      basePath: path.endsWith("/v1") ? path : `${path}/v1`,
      model: revision.upstream.model ?? serviceName,
      authorization: revision.upstream.apiKey ? `Bearer ${revision.upstream.apiKey}` : null,
    };
  }
  const host = replica!.host.includes(":") ? `[${replica!.host}]` : replica!.host;
  return {
    origin: `http://${host}:${replica!.port}`,
    basePath: "/v1",
    model: serviceName,
    authorization: null,
  };
}
