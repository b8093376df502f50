import type { IncomingMessage, ServerResponse } from "node:http";

/** OpenAI's error envelope; `type` follows OpenAI's names, `code` is ours (stable, documented). */
export function sendError(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  param: string | null = null,
): void {
  const type =
    status === 404
      ? "not_found_error"
      : status === 503
        ? "service_unavailable_error"
        : status >= 500
          ? "server_error"
          : "invalid_request_error";
  sendJson(res, status, { error: { message, type, param, code } });
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

export class BodyError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The JSON body, refused past `maxBytes`: the 413 is answered at once and the rest of the body is
 * drained (not read into memory) so that the client sees the answer instead of a reset connection;
 * a client that keeps sending long after is cut off.
 */
export function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<unknown> {
  const type = req.headers["content-type"] ?? "";
  if (!/^application\/json\b/i.test(type))
    return Promise.reject(
      new BodyError(
        415,
        "unsupported_media_type",
        `Content-Type must be application/json, got ${type || "none"}`,
      ),
    );
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const tooLarge = () => {
      reject(new BodyError(413, "request_too_large", `the request body is larger than ${maxBytes} bytes`));
      req.removeAllListeners("data");
      req.resume();
      const cutOff = setTimeout(() => req.socket.destroy(), 10_000).unref();
      req.once("end", () => clearTimeout(cutOff));
    };
    if (Number(req.headers["content-length"] ?? 0) > maxBytes) return tooLarge();
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) return tooLarge();
      chunks.push(chunk);
    });
    req.on("error", reject);
    req.on("end", () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString("utf8")));
      } catch (e) {
        reject(new BodyError(400, "invalid_json", `the body is not valid JSON: ${(e as Error).message}`));
      }
    });
  });
}

/** One Server-Sent Event in OpenAI's streaming shape. */
export function sseData(res: ServerResponse, data: unknown): void {
  res.write(`data: ${typeof data === "string" ? data : JSON.stringify(data)}\n\n`);
}

export function startSse(res: ServerResponse): void {
  res.writeHead(200, {
    "content-type": "text/event-stream",
    "cache-control": "no-cache",
    connection: "keep-alive",
  });
  res.flushHeaders();
}
