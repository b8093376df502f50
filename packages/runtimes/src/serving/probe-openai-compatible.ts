import type { UpstreamHealth, UpstreamProbeInput } from "@infera/core";

/**
 * Health of an `openai-compatible` upstream (vLLM, SGLang, TGI, Ollama, llama-server, another
 * replica): `GET {baseUrl}/v1/models` answers 200 with a model list within the timeout. A base URL
 * that already ends in `/v1` is accepted as it is. Never throws; the reason is in `error`.
 */
export async function probeOpenAiCompatible(input: UpstreamProbeInput): Promise<UpstreamHealth> {
  const started = performance.now();
  const base = input.baseUrl.replace(/\/+$/, "");
  const url = `${base.endsWith("/v1") ? base : `${base}/v1`}/models`;
  const done = (ok: boolean, models: string[], error?: string): UpstreamHealth => ({
    ok,
    models,
    ...(error ? { error } : {}),
    latencyMs: Math.round(performance.now() - started),
  });
  let response: Response;
  try {
    response = await fetch(url, {
      headers: {
        accept: "application/json",
        ...(input.apiKey ? { authorization: `Bearer ${input.apiKey}` } : {}),
      },
      signal: AbortSignal.timeout(input.timeoutMs),
      redirect: "error",
    });
  } catch (e) {
    const err = e as Error & { cause?: { code?: string; message?: string } };
    if (err.name === "TimeoutError")
      return done(false, [], `no answer from ${url} within ${input.timeoutMs} ms`);
    return done(false, [], `cannot reach ${url}: ${err.cause?.code ?? err.cause?.message ?? err.message}`);
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  if (!response.ok) {
    const detail = (body as { error?: { message?: string } } | undefined)?.error?.message;
    return done(false, [], `${url} answered HTTP ${response.status}${detail ? `: ${detail}` : ""}`);
  }
  const data = (body as { data?: unknown } | undefined)?.data;
  if (!Array.isArray(data) || data.some((m) => typeof (m as { id?: unknown })?.id !== "string"))
    return done(false, [], `${url} did not answer an OpenAI model list ({"data": [{"id": …}]})`);
  return done(
    true,
    data.map((m) => (m as { id: string }).id),
  );
}
