import { randomUUID } from "node:crypto";
import type { ServerResponse } from "node:http";
import type { Token } from "node-llama-cpp";
import { sendError, sendJson, sseData, startSse } from "./http-io.js";
import { UnsupportedResponseFormatError } from "./json-grammar.js";
import type { ChatCompletionRequest, CompletionRequest } from "./openai-requests.js";
import { PromptTooLongError } from "./prompt-too-long-error.js";
import type { ReplicaMetrics } from "./replica-metrics.js";
import { ReplicaStoppingError } from "./sequence-pool.js";
import type { GenerationResult, Sampling, ServingEngine } from "./serving-engine.js";
import { type ParsedToolCall, ToolCallParser } from "./tool-call-parser.js";

export interface GenerationRequest {
  kind: "chat" | "completion";
  body: ChatCompletionRequest | CompletionRequest;
  prompt: Token[];
  /** Functions offered to the model (chat with tools): their `<tool_call>` blocks become `tool_calls`. */
  functionNames?: ReadonlySet<string>;
  receivedAt: number;
}

export interface ReplicaContext {
  engine: ServingEngine;
  metrics: ReplicaMetrics;
  modelId: string;
  /** Aborted when the replica stops: in-flight generations end and queued ones are refused. */
  shutdown: AbortSignal;
}

function samplingOf(body: ChatCompletionRequest | CompletionRequest): Sampling {
  const stop = body.stop == null ? [] : typeof body.stop === "string" ? [body.stop] : body.stop;
  return {
    maxTokens: body.max_completion_tokens ?? body.max_tokens ?? undefined,
    temperature: body.temperature ?? 1,
    topP: body.top_p ?? 1,
    seed: body.seed ?? undefined,
    stop: stop.filter((s) => s.length > 0),
    ignoreEos: body.ignore_eos ?? false,
    json:
      body.response_format?.type === "json_schema"
        ? { kind: "json_schema", schema: body.response_format.json_schema.schema }
        : body.response_format?.type === "json_object"
          ? { kind: "json_object" }
          : undefined,
  };
}

function usageOf(r: GenerationResult) {
  return {
    prompt_tokens: r.promptTokens,
    completion_tokens: r.completionTokens,
    total_tokens: r.promptTokens + r.completionTokens,
  };
}

/**
 * Runs one chat or text completion and answers it, whole or as Server-Sent Events. A client that
 * disconnects aborts its generation at the next token, which frees the sequence for the queue.
 */
export async function handleGeneration(
  ctx: ReplicaContext,
  req: GenerationRequest,
  res: ServerResponse,
): Promise<number> {
  const { engine, metrics } = ctx;
  const clientGone = new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) clientGone.abort(new Error("client disconnected"));
  });
  const signal = AbortSignal.any([clientGone.signal, ctx.shutdown]);
  const stream = req.body.stream === true;
  const includeUsage = req.body.stream_options?.include_usage === true;
  const id = `${req.kind === "chat" ? "chatcmpl" : "cmpl"}-${randomUUID()}`;
  const created = Math.floor(Date.now() / 1000);
  const base = {
    id,
    object: req.kind === "chat" ? "chat.completion.chunk" : "text_completion",
    created,
    model: ctx.modelId,
  };
  const chunk = (delta: string | null, finish: string | null, extra: object = {}) =>
    req.kind === "chat"
      ? {
          ...base,
          choices: [
            {
              index: 0,
              delta: delta === null ? {} : { content: delta },
              logprobs: null,
              finish_reason: finish,
            },
          ],
          ...extra,
        }
      : {
          ...base,
          choices: [{ index: 0, text: delta ?? "", logprobs: null, finish_reason: finish }],
          ...extra,
        };

  const toolCallChunk = (call: ParsedToolCall, index: number) => ({
    ...base,
    choices: [{ index: 0, delta: { tool_calls: [{ index, ...call }] }, logprobs: null, finish_reason: null }],
  });
  // The answer's text and calls as the parser splits them (without tools: all text).
  const parser = req.functionNames?.size ? new ToolCallParser(req.functionNames) : null;
  let content = "";
  const calls: ParsedToolCall[] = [];
  const answer = (text: string, newCalls: readonly ParsedToolCall[] = []) => {
    content += text;
    if (stream && text) sseData(res, chunk(text, null));
    for (const call of newCalls) {
      if (stream) sseData(res, toolCallChunk(call, calls.length));
      calls.push(call);
    }
  };

  if (engine.pool.available === 0) metrics.queuedTotal++;
  let started = false;
  let firstText = true;
  let result: GenerationResult;
  try {
    result = await engine.generate(req.prompt, samplingOf(req.body), {
      signal,
      receivedAt: req.receivedAt,
      onStart: () => {
        started = true;
        metrics.inFlight++;
        if (!stream) return;
        startSse(res);
        if (req.kind === "chat")
          sseData(res, {
            ...base,
            choices: [
              { index: 0, delta: { role: "assistant", content: "" }, logprobs: null, finish_reason: null },
            ],
          });
      },
      onText: (text) => {
        if (firstText) {
          firstText = false;
          metrics.ttft.observe((performance.now() - req.receivedAt) / 1000);
        }
        if (!parser) return answer(text);
        const parsed = parser.push(text);
        answer(parsed.text, parsed.calls);
      },
    });
    if (parser) answer(parser.flush());
  } catch (e) {
    if (started) metrics.inFlight--;
    if (e instanceof UnsupportedResponseFormatError) {
      sendError(res, 400, "invalid_request", e.message, "response_format");
      return 400;
    }
    if (e instanceof PromptTooLongError) {
      sendError(res, 400, "context_length_exceeded", e.message, req.kind === "chat" ? "messages" : "prompt");
      return 400;
    }
    if (signal.aborted || e instanceof ReplicaStoppingError) {
      // Left the queue: the client is gone (nothing to answer) or the replica is stopping.
      sendError(res, 503, "replica_stopping", "the replica is shutting down");
      return clientGone.signal.aborted ? 499 : 503;
    }
    throw e;
  }
  metrics.inFlight--;
  metrics.promptTokens += result.promptTokens;
  metrics.generatedTokens += result.completionTokens;
  if (result.completionTokens > 1)
    metrics.tpot.observe(result.timings.predicted_ms / 1000 / (result.completionTokens - 1));
  if (clientGone.signal.aborted) {
    res.destroy();
    return 499;
  }
  const usage = usageOf(result);
  const timings = result.timings;
  const finishReason =
    calls.length > 0 && result.finishReason === "stop" ? "tool_calls" : result.finishReason;
  if (stream) {
    sseData(res, chunk(null, finishReason, includeUsage ? {} : { timings }));
    if (includeUsage) sseData(res, { ...base, choices: [], usage, timings });
    sseData(res, "[DONE]");
    res.end();
    return 200;
  }
  const choice =
    req.kind === "chat"
      ? {
          index: 0,
          message: calls.length
            ? { role: "assistant", content: content || null, tool_calls: calls }
            : { role: "assistant", content },
          logprobs: null,
          finish_reason: finishReason,
        }
      : { index: 0, text: result.text, logprobs: null, finish_reason: result.finishReason };
  sendJson(res, 200, {
    id,
    object: req.kind === "chat" ? "chat.completion" : "text_completion",
    created,
    model: ctx.modelId,
    choices: [choice],
    usage,
    timings,
  });
  return 200;
}
