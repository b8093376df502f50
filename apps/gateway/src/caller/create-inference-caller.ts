import type { InferenceCaller } from "@infera/core";
import type { GatewayDeps } from "../gateway/gateway-deps.js";
import { serveCall } from "../gateway/serve-call.js";

/**
 * The playground's way in (core's `InferenceCaller`): the same revision pick, replica choice,
 * cold-start hold and metering as `/v1`, for a user the route has already authorized on the
 * project — no key, so no key limits (`api_key_id` null in the usage record).
 */
export function createInferenceCaller(deps: GatewayDeps): InferenceCaller {
  return {
    call(call) {
      return serveCall(deps, {
        caller: {
          tenantId: call.tenantId,
          projectId: call.projectId,
          apiKeyId: null,
          limits: { rpm: null, dailyTokens: null },
        },
        service: { id: call.serviceId },
        pinnedRevisionId: call.revisionId ?? null,
        endpoint: call.endpoint,
        meteredEndpoint: call.endpoint,
        body: call.body,
        signal: call.signal ?? new AbortController().signal,
        startedAt: performance.now(),
      });
    },
  };
}
