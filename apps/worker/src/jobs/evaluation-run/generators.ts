import type {
  EvaluationGenerator,
  EvaluationMessage,
  EvaluationRecord,
  EvaluationRunPlan,
  ServiceContext,
} from "@infera/core";
import { type ReferenceScore, scoreReference } from "../../serving/score-reference.js";

import type { EvaluationRunOptions } from "./options.js";

/** What one generation gave. */
export interface Generated {
  output: string | null;
  latencyMs: number | null;
  promptTokens: number | null;
  completionTokens: number | null;
  error: string | null;
}

/** How a target answers one record. */
export type Generate = (record: EvaluationRecord, signal: AbortSignal) => Promise<Generated>;

/** How a target scores a record's reference (`loss`, `perplexity`): a model version's replica only. */
export type ScoreReference = (record: EvaluationRecord, signal: AbortSignal) => Promise<ReferenceScore>;

/** The request body of a generation, by the run's generation parameters. */
export function chatBody(plan: EvaluationRunPlan, record: EvaluationRecord): Record<string, unknown> {
  const g = plan.generation;
  const messages: EvaluationMessage[] =
    typeof record.input === "string" ? [{ role: "user", content: record.input }] : [...record.input];
  if (g.system_prompt && messages[0]?.role !== "system")
    messages.unshift({ role: "system", content: g.system_prompt });
  return { messages, temperature: g.temperature, top_p: g.top_p, max_tokens: g.max_tokens, stream: false };
}

export function replicaGenerator(
  port: number,
  plan: EvaluationRunPlan,
  opts: EvaluationRunOptions,
): Generate {
  const base = `http://127.0.0.1:${port}/v1`;
  return async (record, signal) => {
    const g = plan.generation;
    // Messages go through the chat template; a plain prompt is completed as it is.
    const [path, body] =
      typeof record.input === "string"
        ? [
            "completions",
            {
              prompt: g.system_prompt ? `${g.system_prompt}\n\n${record.input}` : record.input,
              temperature: g.temperature,
              top_p: g.top_p,
              max_tokens: g.max_tokens,
            },
          ]
        : ["chat/completions", chatBody(plan, record)];
    return timed(
      () =>
        fetch(`${base}/${path}`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(body),
          signal: AbortSignal.any([signal, AbortSignal.timeout(opts.requestTimeoutMs ?? 120_000)]),
        }),
      path === "completions" ? "text" : "chat",
    );
  };
}

export function replicaScorer(
  port: number,
  plan: EvaluationRunPlan,
  opts: EvaluationRunOptions,
): ScoreReference {
  return (record, signal) => {
    const g = plan.generation;
    const timeout = AbortSignal.any([signal, AbortSignal.timeout(opts.requestTimeoutMs ?? 120_000)]);
    const continuation = record.reference ?? "";
    // The same prompt the generation had, the reference as the answer.
    return typeof record.input === "string"
      ? scoreReference(
          port,
          { prompt: g.system_prompt ? `${g.system_prompt}\n\n${record.input}` : record.input, continuation },
          timeout,
        )
      : scoreReference(
          port,
          { messages: chatBody(plan, record).messages as unknown[], continuation },
          timeout,
        );
  };
}

export function serviceGenerator(
  ctx: ServiceContext,
  plan: EvaluationRunPlan,
  gen: Extract<EvaluationGenerator, { kind: "service_revision" }>,
  opts: EvaluationRunOptions,
): Generate {
  return async (record, signal) => {
    const inference = ctx.inference;
    if (!inference)
      throw new Error(
        "service targets are called through the gateway, and this worker's process runs none: run the worker with the gateway role",
      );
    return timed(
      () =>
        inference.call({
          tenantId: plan.tenantId,
          projectId: plan.projectId,
          serviceId: gen.serviceId,
          revisionId: gen.revisionId,
          endpoint: "chat/completions",
          body: chatBody(plan, record),
          signal: AbortSignal.any([signal, AbortSignal.timeout(opts.requestTimeoutMs ?? 120_000)]),
          userId: plan.createdBy ?? "system",
          logContent: plan.logContent,
        }),
      "chat",
    );
  };
}

/** One call, timed, read as an OpenAI answer; a refusal or a failed call is the sample's error. */
export async function timed(call: () => Promise<Response>, kind: "chat" | "text"): Promise<Generated> {
  const t0 = performance.now();
  try {
    const res = await call();
    const text = await res.text();
    const latencyMs = Math.round((performance.now() - t0) * 10) / 10;
    if (!res.ok) return failed(`HTTP ${res.status}: ${errorMessage(text)}`, latencyMs);
    const body = JSON.parse(text) as {
      choices?: { message?: { content?: string | null }; text?: string }[];
      usage?: { prompt_tokens?: number; completion_tokens?: number };
    };
    const choice = body.choices?.[0];
    const output = kind === "chat" ? choice?.message?.content : choice?.text;
    if (typeof output !== "string") return failed("the answer had no text", latencyMs);
    return {
      output,
      latencyMs,
      promptTokens: body.usage?.prompt_tokens ?? null,
      completionTokens: body.usage?.completion_tokens ?? null,
      error: null,
    };
  } catch (err) {
    return failed((err as Error).message, null);
  }
}

function failed(error: string, latencyMs: number | null): Generated {
  return { output: null, latencyMs, promptTokens: null, completionTokens: null, error: error.slice(0, 1000) };
}

function errorMessage(text: string): string {
  try {
    const e = JSON.parse(text) as { error?: { message?: string } };
    return e.error?.message ?? text.slice(0, 300);
  } catch {
    return text.slice(0, 300);
  }
}
