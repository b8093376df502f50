/** The `type` OpenAI's SDKs and clients read beside the status. */
type OpenAiErrorType =
  | "invalid_request_error"
  | "authentication_error"
  | "permission_error"
  | "not_found_error"
  | "rate_limit_error"
  | "server_error";

const TYPE_OF_STATUS: Record<number, OpenAiErrorType> = {
  400: "invalid_request_error",
  401: "authentication_error",
  403: "permission_error",
  404: "not_found_error",
  405: "invalid_request_error",
  413: "invalid_request_error",
  415: "invalid_request_error",
  429: "rate_limit_error",
};

export interface GatewayError {
  status: number;
  code: string;
  message: string;
  param?: string | null;
  /** Whole seconds for `Retry-After` (429, 503). */
  retryAfterSeconds?: number;
}

/** OpenAI's error envelope `{error:{message,type,param,code}}` as a Response, with `Retry-After` when given. */
export function openAiErrorResponse(error: GatewayError, headers?: Record<string, string>): Response {
  const body = JSON.stringify({
    error: {
      message: error.message,
      type: TYPE_OF_STATUS[error.status] ?? "server_error",
      param: error.param ?? null,
      code: error.code,
    },
  });
  const h: Record<string, string> = { "content-type": "application/json", ...headers };
  if (error.retryAfterSeconds !== undefined)
    h["retry-after"] = String(Math.max(1, Math.ceil(error.retryAfterSeconds)));
  return new Response(body, { status: error.status, headers: h });
}
