import type { ErrorCode } from "@infera/contracts";
import { DomainError } from "../../shared/errors.js";

/** The code of ours for the status the gateway refused a call with (its OpenAI-style envelope). */
function codeFor(status: number, upstreamCode: unknown): ErrorCode {
  if (status === 429) return upstreamCode === "quota_exceeded" ? "quota_exceeded" : "rate_limit_exceeded";
  if (status === 400) return "validation_error";
  if (status === 403) return "forbidden";
  if (status === 404) return "not_found";
  if (status === 413) return "payload_too_large";
  // 401 means the gateway's own credentials towards the upstream failed, not the caller's: like any
  // other upstream failure, the service cannot answer now.
  if (status >= 500 || status === 401 || status === 408) return "service_unavailable";
  return "unprocessable_content";
}

/**
 * A non-2xx answer of the `InferenceCaller` as a domain error: its message and code kept (OpenAI's
 * envelope `{"error":{"message","type","code"}}`), its `Retry-After` passed on, its status mapped
 * to ours so the control plane answers its own envelope.
 */
export async function upstreamRefusal(res: Response): Promise<DomainError> {
  const text = await res.text().catch(() => "");
  let envelope: { error?: { message?: unknown; code?: unknown; type?: unknown } } | undefined;
  try {
    envelope = JSON.parse(text);
  } catch {}
  const e = envelope?.error;
  const message =
    typeof e?.message === "string" && e.message
      ? e.message
      : `the service answered HTTP ${res.status}${text ? `: ${text.slice(0, 200)}` : ""}`;
  const retryAfter = Number(res.headers.get("retry-after"));
  return new DomainError(
    codeFor(res.status, e?.code),
    message,
    { upstream_status: res.status, upstream_code: typeof e?.code === "string" ? e.code : null },
    Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
  );
}
