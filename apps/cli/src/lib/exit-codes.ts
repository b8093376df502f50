import type { ErrorCode } from "@infera/contracts";

/** The CLI's exit status for each error code: the one mapping table (CONVENTIONS.md "Errors"). */
export const exitCodeByErrorCode: Record<ErrorCode, number> = {
  internal: 1,
  validation_error: 2,
  payload_too_large: 2,
  unsupported_media_type: 2,
  unprocessable_content: 2,
  unauthenticated: 3,
  forbidden: 4,
  insufficient_scope: 4,
  not_found: 5,
  conflict: 6,
  resource_in_use: 6,
  precondition_failed: 6,
  rate_limit_exceeded: 7,
  quota_exceeded: 7,
  service_unavailable: 8,
};

export const EXIT_USAGE = 2;

/**
 * `infera finetune watch` exits with the job's outcome: 0 when it succeeded, these when it did not
 * (above the error codes, so a script tells "the job failed" from "the CLI could not ask").
 */
export const EXIT_JOB_FAILED = 9;
export const EXIT_JOB_CANCELED = 10;
/** `infera services create|deploy|start --wait`: the revision failed (9, as a failed job), or was not ready in time. */
export const EXIT_REVISION_FAILED = 9;
export const EXIT_WAIT_TIMEOUT = 11;

/** Shown by `infera --help` and written in the README: keep the three in step. */
export const exitCodeHelp = `Exit codes:
  0  ok
  1  internal error, or anything unexpected
  2  usage error, or the server rejected the input (validation_error, payload_too_large,
     unsupported_media_type, unprocessable_content)
  3  not signed in, or the token expired (unauthenticated) — run \`infera login\`
  4  not allowed (forbidden, insufficient_scope)
  5  not found (not_found; another tenant's ids are not found either)
  6  conflict with the current state (conflict, resource_in_use, precondition_failed;
     also \`audit verify\` on a broken chain)
  7  rate or quota limit (rate_limit_exceeded, quota_exceeded)
  8  server unavailable or unreachable (service_unavailable, connection refused)
  9  \`finetune watch\`: the job failed; \`services … --wait\`: the revision failed
 10  \`finetune watch\`: the job was canceled
 11  \`services … --wait\`: the revision was not ready before --timeout`;
