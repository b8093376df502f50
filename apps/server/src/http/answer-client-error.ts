import type { Socket } from "node:net";
import type { Logger } from "pino";
import { errorBody } from "./error-response.js";
import { newRequestId } from "./request-context.js";

/**
 * Node answers requests its parser refuses (headers too large, a request line with a space or a
 * control character, a made-up method) with a bare status before any app code runs. This writes
 * our envelope instead, so every client reads the same shape. Attach to the server's `clientError`.
 */
export function answerClientError(log: Logger) {
  return (err: Error & { code?: string }, socket: Socket) => {
    // Nothing to answer on a connection that is gone or already answered.
    if (
      err.code === "ECONNRESET" ||
      !socket.writable ||
      (socket as { _httpMessage?: unknown })._httpMessage
    ) {
      socket.destroy();
      return;
    }
    const requestId = newRequestId();
    const tooLarge = err.code === "HPE_HEADER_OVERFLOW";
    const timedOut = err.code === "ERR_HTTP_REQUEST_TIMEOUT";
    const [status, reason, message] = tooLarge
      ? [431, "Request Header Fields Too Large", "request headers are too large"]
      : timedOut
        ? [408, "Request Timeout", "the request did not arrive in time"]
        : [400, "Bad Request", "the request is not valid HTTP (request line, method or headers)"];
    log.info(
      { err: { code: err.code, message: err.message }, request_id: requestId },
      "refused malformed request",
    );
    const body = JSON.stringify(errorBody("validation_error", message, requestId));
    socket.end(
      `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `X-Request-Id: ${requestId}\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n${body}`,
    );
  };
}
