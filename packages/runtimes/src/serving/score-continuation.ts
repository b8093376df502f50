import type { ControlledEvaluateInputItem, Token } from "node-llama-cpp";
import { PromptTooLongError } from "./prompt-too-long-error.js";
import type { ServingEngine } from "./serving-engine.js";

export interface TokenLogprob {
  token: number;
  text: string;
  /** Natural log of the token's probability given every token before it. */
  logprob: number;
}

export interface ScoreResult {
  promptTokens: number;
  tokens: TokenLogprob[];
  /** Sum of the continuation tokens' natural-log probabilities. */
  logprobSum: number;
}

/**
 * The log-probability of each continuation token given the prompt and the continuation before it,
 * read from one forward pass (`controlledEvaluate`) on a sequence of the engine's pool, so scoring
 * queues with generation. Each position asks llama.cpp for the target's raw logit, the top logit and
 * the sum of exp(logit - top) (greedy sampler: no truncation of the distribution), and the log-softmax
 * is taken here in double precision: a reference the model finds very unlikely still gets a finite
 * value, where probabilities in float would underflow to 0.
 */
export async function scoreContinuation(
  engine: ServingEngine,
  prompt: Token[],
  continuation: Token[],
  signal?: AbortSignal,
): Promise<ScoreResult> {
  const total = prompt.length + continuation.length;
  if (total > engine.contextSize)
    throw new PromptTooLongError(
      `the prompt and continuation are ${total} tokens; this replica's context is ${engine.contextSize} tokens`,
    );
  const sequence = await engine.pool.acquire(signal);
  try {
    await sequence.clearHistory();
    const all = [...prompt, ...continuation];
    // Position i predicts token i + 1: ask for the next-token logits at the last prompt token and
    // at every continuation token but the last.
    const input: ControlledEvaluateInputItem[] = all.map((token, i) =>
      i >= prompt.length - 1 && i < all.length - 1
        ? [
            token,
            {
              generateNext: {
                logits: { filter: { tokens: [all[i + 1]!], includeTop: 1 } },
                totalLogitWeight: true,
                options: { temperature: 0 },
              },
            },
          ]
        : token,
    );
    const output = await sequence.controlledEvaluate(input);
    const tokens = continuation.map((token, k) => {
      const next = output[prompt.length - 1 + k]?.next;
      const logits = next?.logits;
      const target = logits?.get(token);
      if (!logits || target === undefined || next?.totalLogitWeight === undefined)
        throw new Error(`llama.cpp returned no logits for continuation token ${k}`);
      const top = Math.max(...logits.values());
      return {
        token,
        text: engine.model.detokenize([token], true),
        logprob: target - top - Math.log(next.totalLogitWeight),
      };
    });
    return {
      promptTokens: prompt.length,
      tokens,
      logprobSum: tokens.reduce((s, t) => s + t.logprob, 0),
    };
  } finally {
    engine.pool.release(sequence);
  }
}
