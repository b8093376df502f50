/** What scoring a sample's reference gave: mean NLL per token and the token count, or why not. */
export type ReferenceScore = { loss: number; tokens: number } | { error: string };

/**
 * The model's log-probability of a reference answer after the sample's prompt, from the private
 * replica's `POST /infera/v1/score` (docs/decisions/0047-runtime-scoring-endpoint.md): chat messages
 * are rendered by the model's template and the reference closed by its end-of-turn token, a plain
 * prompt is continued by the reference as it is.
 */
export async function scoreReference(
  port: number,
  body: { messages: unknown[]; continuation: string } | { prompt: string; continuation: string },
  signal: AbortSignal,
): Promise<ReferenceScore> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/infera/v1/score`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
      signal,
    });
    const text = await res.text();
    if (!res.ok) return { error: `scoring the reference: HTTP ${res.status}: ${errorText(text)}` };
    const r = JSON.parse(text) as { continuation_tokens?: number; logprob_sum?: number };
    if (!r.continuation_tokens || typeof r.logprob_sum !== "number" || !Number.isFinite(r.logprob_sum))
      return { error: "scoring the reference: the replica's answer had no finite score" };
    return { loss: -r.logprob_sum / r.continuation_tokens, tokens: r.continuation_tokens };
  } catch (err) {
    return { error: `scoring the reference: ${(err as Error).message}` };
  }
}

function errorText(text: string): string {
  try {
    return (JSON.parse(text) as { error?: { message?: string } }).error?.message ?? text.slice(0, 300);
  } catch {
    return text.slice(0, 300);
  }
}
