import type { ServerResponse } from "node:http";
import type { ReplicaContext } from "./handle-generation.js";
import { sendError, sendJson } from "./http-io.js";
import type { ScoreRequest } from "./openai-requests.js";
import { PromptTooLongError } from "./prompt-too-long-error.js";
import { scoreContinuation } from "./score-continuation.js";
import { ReplicaStoppingError } from "./sequence-pool.js";

/**
 * `POST /infera/v1/score`: the log-probability the model gives a continuation after a chat or a raw
 * prompt (docs/decisions/0047-runtime-scoring-endpoint.md). Chat continuations are closed by the
 * end-of-turn token, which is scored too.
 */
export async function handleScore(
  ctx: ReplicaContext,
  body: ScoreRequest,
  res: ServerResponse,
): Promise<number> {
  const { engine } = ctx;
  const chat = body.messages !== undefined;
  const prompt = chat
    ? engine.chatPrompt(
        body.messages!.map((m) => ({ role: m.role === "developer" ? "system" : m.role, content: m.content })),
      )
    : engine.completionPrompt(body.prompt!);
  if (prompt.length === 0) {
    sendError(
      res,
      400,
      "invalid_request",
      "prompt: must not be empty for a model without a BOS token",
      "prompt",
    );
    return 400;
  }
  const continuation = engine.continuationTokens(body.continuation, chat);
  ctx.metrics.inFlight++;
  try {
    const r = await scoreContinuation(engine, prompt, continuation, ctx.shutdown);
    ctx.metrics.promptTokens += r.promptTokens + r.tokens.length;
    const n = r.tokens.length;
    sendJson(res, 200, {
      object: "score",
      model: ctx.modelId,
      prompt_tokens: r.promptTokens,
      continuation_tokens: n,
      logprob_sum: r.logprobSum,
      mean_nll: -r.logprobSum / n,
      ...(body.per_token ? { tokens: r.tokens } : {}),
      usage: { prompt_tokens: r.promptTokens + n, completion_tokens: 0, total_tokens: r.promptTokens + n },
    });
    return 200;
  } catch (e) {
    if (e instanceof PromptTooLongError) {
      sendError(res, 400, "context_length_exceeded", e.message, chat ? "messages" : "prompt");
      return 400;
    }
    if (e instanceof ReplicaStoppingError || ctx.shutdown.aborted) {
      sendError(res, 503, "replica_stopping", "the replica is shutting down");
      return 503;
    }
    throw e;
  } finally {
    ctx.metrics.inFlight--;
  }
}
