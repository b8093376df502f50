import type { TFunction } from "i18next";
import { isApiError } from "../../lib/api-error";

/** The message a user reads for an error: the server's own message, or a known code's advice. */
export function errorMessage(error: unknown, t: TFunction): string {
  if (isApiError(error)) {
    // The typed client answers status 0 when the server could not be reached at all.
    if (error.status === 0) return t("errors.network");
    switch (error.code) {
      case "rate_limit_exceeded":
      case "quota_exceeded":
        return error.retryAfterSeconds
          ? t("errors.rateLimitedRetry", { seconds: error.retryAfterSeconds })
          : t("errors.rateLimited");
      case "service_unavailable":
        return `${t("errors.unavailable")} ${error.message}`;
      default:
        return error.message || t("errors.unknown");
    }
  }
  if (error instanceof Error && error.message) return error.message;
  return t("errors.unknown");
}
