import type { ApiKeyVerification } from "@infera/core";
import type { Caller } from "../gateway/gateway-deps.js";
import type { GatewayError } from "./openai-error.js";

const REFUSED: Record<string, string> = {
  invalid: "Incorrect API key provided: send `Authorization: Bearer ifr_…` with a key of your project",
  revoked: "This API key has been revoked",
  expired: "This API key has expired",
};

/** The caller behind `Authorization: Bearer ifr_…`: 401 for a bad key, 403 without `inference:invoke`. */
export async function authenticate(
  verifier: { verify(bearer: string | null | undefined): Promise<ApiKeyVerification> },
  authorization: string | undefined,
): Promise<{ ok: true; caller: Caller } | { ok: false; error: GatewayError; caller: Caller | null }> {
  const verified = await verifier.verify(authorization);
  if (!verified.ok)
    return {
      ok: false,
      caller: null,
      error: { status: 401, code: "invalid_api_key", message: REFUSED[verified.code]! },
    };
  const key = verified.key;
  const caller: Caller = {
    tenantId: key.tenantId,
    projectId: key.projectId,
    apiKeyId: key.id,
    limits: key.limits,
  };
  if (!key.scopes.includes("inference:invoke"))
    return {
      ok: false,
      caller,
      error: {
        status: 403,
        code: "insufficient_scope",
        message: "This API key lacks the inference:invoke scope: add it to the key or use another",
      },
    };
  return { ok: true, caller };
}
