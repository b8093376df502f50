import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { z } from "zod";
import { chatRequestPrompt } from "./chat-request-prompt.js";
import { handleGeneration, type ReplicaContext } from "./handle-generation.js";
import { handleScore } from "./handle-score.js";
import { BodyError, readJsonBody, sendError, sendJson } from "./http-io.js";
import {
  chatCompletionRequest,
  completionRequest,
  describeIssue,
  embeddingRequest,
  scoreRequest,
} from "./openai-requests.js";
import { PromptTooLongError } from "./prompt-too-long-error.js";
import type { ReplicaMetrics } from "./replica-metrics.js";

export interface ReplicaState {
  /** Set once the model is loaded; until then `/health` answers 503 and inference routes too. */
  ready?: ReplicaContext;
  stopping: boolean;
  parallel: number;
  maxBodyBytes: number;
  modelId: string;
  metrics: ReplicaMetrics;
  log(line: Record<string, unknown>): void;
}

const INFERENCE_ROUTES = new Set([
  "/v1/chat/completions",
  "/v1/completions",
  "/v1/embeddings",
  "/infera/v1/score",
]);
const GET_ROUTES = new Set(["/health", "/v1/models", "/metrics"]);

async function parse<T extends z.ZodType>(req: IncomingMessage, max: number, schema: T): Promise<z.infer<T>> {
  const raw = await readJsonBody(req, max);
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const { message, param } = describeIssue(parsed.error);
    throw Object.assign(new BodyError(400, "invalid_request", message), { param });
  }
  return parsed.data;
}

async function route(
  state: ReplicaState,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
): Promise<number> {
  const ready = state.ready;
  if (req.method === "GET" && path === "/health") {
    const status = state.stopping ? "stopping" : ready ? "ok" : "loading";
    sendJson(res, status === "ok" ? 200 : 503, { status });
    return status === "ok" ? 200 : 503;
  }
  if (req.method === "GET" && path === "/metrics") {
    const text = state.metrics.render({
      queueDepth: ready?.engine.pool.queued ?? 0,
      parallel: state.parallel,
      ready: ready !== undefined,
    });
    res.writeHead(200, { "content-type": "text/plain; version=0.0.4; charset=utf-8" });
    res.end(text);
    return 200;
  }
  if (req.method === "GET" && path === "/v1/models") {
    sendJson(res, 200, {
      object: "list",
      data: [{ id: state.modelId, object: "model", created: 0, owned_by: "infera" }],
    });
    return 200;
  }
  if (!INFERENCE_ROUTES.has(path) && !GET_ROUTES.has(path)) {
    sendError(res, 404, "not_found", `no route ${req.method} ${path}`);
    return 404;
  }
  if (req.method !== (INFERENCE_ROUTES.has(path) ? "POST" : "GET")) {
    res.setHeader("allow", INFERENCE_ROUTES.has(path) ? "POST" : "GET");
    sendError(res, 405, "method_not_allowed", `${path} does not accept ${req.method}`);
    return 405;
  }
  if (!ready || state.stopping) {
    sendError(
      res,
      503,
      state.stopping ? "replica_stopping" : "model_loading",
      state.stopping ? "the replica is shutting down" : "the model is still loading",
    );
    return 503;
  }
  const receivedAt = performance.now();
  if (path === "/v1/embeddings") {
    const body = await parse(req, state.maxBodyBytes, embeddingRequest);
    const inputs = typeof body.input === "string" ? [body.input] : body.input;
    ready.metrics.inFlight++;
    try {
      const { vectors, promptTokens } = await ready.engine.embed(inputs);
      ready.metrics.promptTokens += promptTokens;
      sendJson(res, 200, {
        object: "list",
        model: state.modelId,
        data: vectors.map((embedding, index) => ({ object: "embedding", index, embedding })),
        usage: { prompt_tokens: promptTokens, total_tokens: promptTokens },
        timings: {
          prompt_n: promptTokens,
          prompt_ms: Math.round((performance.now() - receivedAt) * 100) / 100,
        },
      });
      return 200;
    } catch (e) {
      if (!(e instanceof PromptTooLongError)) throw e;
      sendError(res, 400, "context_length_exceeded", e.message, "input");
      return 400;
    } finally {
      ready.metrics.inFlight--;
    }
  }
  if (path === "/infera/v1/score")
    return handleScore(ready, await parse(req, state.maxBodyBytes, scoreRequest), res);
  if (path === "/v1/chat/completions") {
    const body = await parse(req, state.maxBodyBytes, chatCompletionRequest);
    const { prompt, functionNames } = chatRequestPrompt(ready.engine, body);
    return handleGeneration(ready, { kind: "chat", body, prompt, functionNames, receivedAt }, res);
  }
  const body = await parse(req, state.maxBodyBytes, completionRequest);
  return handleGeneration(
    ready,
    { kind: "completion", body, prompt: ready.engine.completionPrompt(body.prompt), receivedAt },
    res,
  );
}

/** The replica's HTTP server (node:http; docs/decisions/0023-serving-replica-on-node-http.md). */
export function createReplicaServer(state: ReplicaState): Server {
  return createServer((req, res) => {
    const started = performance.now();
    const path = (req.url ?? "/").split("?")[0]!;
    const routeLabel = INFERENCE_ROUTES.has(path) || GET_ROUTES.has(path) ? path : "other";
    route(state, req, res, path)
      .catch((e: unknown) => {
        if (e instanceof BodyError) {
          sendError(res, e.status, e.code, e.message, (e as { param?: string }).param ?? null);
          return e.status;
        }
        state.log({ level: "error", msg: "request failed", path, error: String((e as Error)?.stack ?? e) });
        sendError(res, 500, "internal", "the replica failed to answer this request; see its log");
        return 500;
      })
      .then((status) => {
        if (routeLabel === "/metrics" || routeLabel === "/health") return;
        state.metrics.countRequest(routeLabel, status);
        if (INFERENCE_ROUTES.has(path)) state.metrics.duration.observe((performance.now() - started) / 1000);
      });
  });
}
