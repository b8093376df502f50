import type { IncomingMessage, ServerResponse } from "node:http";
import { chatCompletions } from "../v1/chat-completions.js";
import { completions } from "../v1/completions.js";
import { embeddings } from "../v1/embeddings.js";
import type { InferenceInput, V1Context } from "../v1/handle-inference.js";
import { type GatewayAnswer, openAiErrorAnswer } from "../v1/openai-error.js";
import { type BodyRead, parseJsonObject, refuseBeforeReading, tooLarge } from "../v1/read-json-body.js";
import { responses } from "../v1/responses.js";
import type { GatewayLog } from "./gateway-deps.js";

type Endpoint = (v1: V1Context, input: InferenceInput) => Promise<GatewayAnswer>;

const ENDPOINTS: Record<string, Endpoint> = {
  "/v1/chat/completions": chatCompletions,
  "/v1/completions": completions,
  "/v1/embeddings": embeddings,
  "/v1/responses": responses,
};

/**
 * The raw `/v1` path (decision 0099): a Node `request` listener's first look at a request. The
 * inference endpoints (`POST` chat/completions, completions, embeddings, responses) are served here
 * from the Node request and response themselves — the body read from the socket's stream, the
 * answer written with `writeHead`/`end` or chunk by chunk — by the same call path as the Hono
 * routes (key, limits, routing, metering, SSE relay, error envelopes). Anything else (`GET
 * /v1/models`, unknown `/v1` URLs, the control plane) answers false and goes to the Hono adapter.
 */
export function createNodeHandler(
  v1: V1Context,
  log: GatewayLog,
): (req: IncomingMessage, res: ServerResponse) => boolean {
  return (req, res) => {
    if (req.method !== "POST") return false;
    const url = req.url ?? "";
    const q = url.indexOf("?");
    const endpoint = ENDPOINTS[q === -1 ? url : url.slice(0, q)];
    if (!endpoint) return false;
    void serve(v1, log, endpoint, req, res);
    return true;
  };
}

async function serve(
  v1: V1Context,
  log: GatewayLog,
  endpoint: Endpoint,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  // The client going away (the connection closed before the answer's end) aborts the call.
  const gone = new AbortController();
  res.once("close", () => {
    if (!res.writableFinished) gone.abort();
  });
  let answer: GatewayAnswer;
  try {
    answer = await endpoint(v1, {
      authorization: req.headers.authorization,
      readBody: () => readNodeJsonBody(req, v1.maxBodyBytes),
      signal: gone.signal,
    });
  } catch (err) {
    log.warn({ err: (err as Error).message, path: req.url }, "gateway call failed");
    answer = openAiErrorAnswer({
      status: 500,
      code: "internal_error",
      message: "the gateway failed this call",
    });
  }
  await writeAnswer(res, answer);
}

/** The JSON object body from the Node stream, counted against the limit as it arrives. */
export function readNodeJsonBody(req: IncomingMessage, maxBytes: number): Promise<BodyRead> {
  const refused = refuseBeforeReading(req.headers["content-type"], req.headers["content-length"], maxBytes);
  if (refused) return Promise.resolve(refused);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (read: BodyRead) => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", cutOff);
      req.off("close", onClose);
      resolve(read);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size > maxBytes) {
        done(tooLarge(maxBytes));
        // The rest is read off and dropped, so the connection can carry the 413 and the next call.
        req.resume();
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () =>
      done(
        parseJsonObject(
          chunks.length === 1 ? chunks[0]!.toString("utf8") : Buffer.concat(chunks).toString("utf8"),
        ),
      );
    // A body cut off mid-way: the client went away (metered as 499, like a disconnect later on).
    const cutOff = () =>
      done({ ok: false, error: { status: 499, code: "client_closed", message: "the client went away" } });
    const onClose = () => {
      if (!req.complete) cutOff();
    };
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", cutOff);
    req.on("close", onClose);
  });
}

/**
 * The answer on the Node response: a whole text with its length, or a stream chunk by chunk as it
 * comes (waiting for the socket to drain); a client that goes away cancels the stream, which aborts
 * the upstream and meters the call as 499 (relay-sse.ts).
 */
export async function writeAnswer(res: ServerResponse, answer: GatewayAnswer): Promise<void> {
  if (res.destroyed && typeof answer.body !== "string") {
    await answer.body.cancel().catch(() => undefined);
    return;
  }
  if (typeof answer.body === "string") {
    answer.headers["content-length"] = String(Buffer.byteLength(answer.body));
    res.writeHead(answer.status, answer.headers);
    res.end(answer.body);
    return;
  }
  res.writeHead(answer.status, answer.headers);
  res.flushHeaders();
  const reader = answer.body.getReader();
  let closed = false;
  const onClose = () => {
    closed = true;
    if (!res.writableFinished) reader.cancel().catch(() => undefined);
  };
  res.once("close", onClose);
  try {
    for (;;) {
      const next = await reader.read();
      if (next.done || closed) break;
      if (!res.write(next.value))
        await new Promise<void>((resolve) => {
          const on = () => {
            res.off("drain", on);
            res.off("close", on);
            resolve();
          };
          res.on("drain", on);
          res.on("close", on);
        });
    }
    if (!closed) res.end();
  } catch (err) {
    res.destroy(err as Error);
  } finally {
    res.off("close", onClose);
  }
}
