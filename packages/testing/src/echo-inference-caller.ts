import type { InferenceCall, InferenceCaller } from "@infera/core";

export interface EchoCall extends Omit<InferenceCall, "signal"> {
  /** Whether the call's signal was aborted before its answer ended. */
  aborted: boolean;
}

export interface EchoOptions {
  /** Milliseconds between two streamed chunks (a stream a test can stop halfway). */
  chunkDelayMs?: number;
  /** An answer instead of the echo (a refusal in OpenAI's envelope, say); null echoes. */
  refuse?: (call: InferenceCall) => Response | null;
}

type Message = { role: string; content: string };

const words = (s: string) => s.split(/\s+/).filter(Boolean);

/**
 * A fake of our own `InferenceCaller` port for the playground's tests: it answers
 * `<revision or "auto">: <the last user message>` the way OpenAI does — a `chat.completion`, or
 * `chat.completion.chunk`s as Server-Sent Events (one word each, then a usage chunk when
 * `stream_options.include_usage` is set, then `[DONE]`). Token counts are words. It records every
 * call (without its signal) and whether the caller aborted it.
 */
export function echoInferenceCaller(opts: EchoOptions = {}): InferenceCaller & { calls: EchoCall[] } {
  const calls: EchoCall[] = [];
  return {
    calls,
    async call(call) {
      const { signal, ...rest } = call;
      const record: EchoCall = { ...rest, aborted: false };
      calls.push(record);
      const refusal = opts.refuse?.(call);
      if (refusal) return refusal;
      const messages = (call.body.messages ?? []) as Message[];
      const prompt = [...messages].reverse().find((m) => m.role === "user")?.content ?? "";
      const reply = `${call.revisionId ?? "auto"}: ${prompt}`;
      const usage = {
        prompt_tokens: messages.reduce((n, m) => n + words(m.content).length, 0),
        completion_tokens: words(reply).length,
        total_tokens: 0,
      };
      usage.total_tokens = usage.prompt_tokens + usage.completion_tokens;
      const headers: Record<string, string> = call.revisionId ? { "x-infera-revision": call.revisionId } : {};
      if (!call.body.stream)
        return Response.json(
          {
            id: "chatcmpl-echo",
            object: "chat.completion",
            model: call.serviceId,
            choices: [{ index: 0, message: { role: "assistant", content: reply }, finish_reason: "stop" }],
            usage,
          },
          { headers },
        );
      const includeUsage = (call.body.stream_options as { include_usage?: boolean } | undefined)
        ?.include_usage;
      const pieces = words(reply).map((w, i) => (i === 0 ? w : ` ${w}`));
      const frame = (data: unknown) =>
        new TextEncoder().encode(`data: ${typeof data === "string" ? data : JSON.stringify(data)}\n\n`);
      const chunk = (delta: object, finish: string | null = null) => ({
        id: "chatcmpl-echo",
        object: "chat.completion.chunk",
        choices: [{ index: 0, delta, finish_reason: finish }],
      });
      const body = new ReadableStream<Uint8Array>({
        async start(controller) {
          const wait = () => new Promise<void>((resolve) => setTimeout(resolve, opts.chunkDelayMs ?? 0));
          const stopped = () => {
            if (!signal?.aborted) return false;
            record.aborted = true;
            controller.error(signal.reason);
            return true;
          };
          controller.enqueue(frame(chunk({ role: "assistant", content: "" })));
          for (const piece of pieces) {
            await wait();
            if (stopped()) return;
            controller.enqueue(frame(chunk({ content: piece })));
          }
          controller.enqueue(frame(chunk({}, "stop")));
          if (includeUsage) controller.enqueue(frame({ id: "chatcmpl-echo", choices: [], usage }));
          controller.enqueue(frame("[DONE]"));
          controller.close();
        },
      });
      return new Response(body, { headers: { ...headers, "content-type": "text/event-stream" } });
    },
  };
}
