export interface TokenUsage {
  prompt_tokens?: number;
  completion_tokens?: number;
  total_tokens?: number;
}

/** How the stream ended, for the meter: 200 completed, 499 the client left, 502 the upstream broke off. */
export interface StreamOutcome {
  status: number;
  usage: TokenUsage | null;
  /** performance.now() of the first and last chunk that carried generated text (or a tool call). */
  firstTokenAt: number | null;
  lastTokenAt: number | null;
}

/** What the client receives for each upstream chunk (the Responses API reshapes them; chat passes them on). */
export interface StreamShape {
  /** SSE text to send for one parsed chunk (empty: nothing). */
  chunk(chunk: Record<string, unknown>, raw: string): string;
  /** SSE text after the last chunk (chat: `data: [DONE]`). */
  end(outcome: StreamOutcome): string;
}

export const passThroughShape: StreamShape = {
  chunk: (_chunk, raw) => `data: ${raw}\n\n`,
  end: () => "data: [DONE]\n\n",
};

const encoder = new TextEncoder();

/**
 * Relays an upstream's Server-Sent Events to the client event by event as they arrive (nothing is
 * held back beyond the current incomplete event). It watches the chunks for the first and last
 * token and for `usage` (forced upstream); the usage-only last chunk is dropped unless the client
 * asked for it. `finish` runs exactly once, before the stream's last bytes are handed out (the
 * meter's record precedes the end of the response); a client that goes away aborts the upstream.
 */
export function relaySse(opts: {
  body: AsyncIterable<Uint8Array>;
  /** The client's request: its abort (a disconnect) ends the relay even between reads. */
  clientSignal: AbortSignal;
  abortUpstream: () => void;
  clientWantsUsage: boolean;
  shape: StreamShape;
  finish: (outcome: StreamOutcome) => void;
}): ReadableStream<Uint8Array> {
  const iterator = opts.body[Symbol.asyncIterator]();
  const decoder = new TextDecoder();
  let pending = "";
  const outcome: StreamOutcome = { status: 200, usage: null, firstTokenAt: null, lastTokenAt: null };
  let finished = false;
  const finish = (status: number) => {
    if (finished) return;
    finished = true;
    outcome.status = status;
    opts.finish(outcome);
  };

  /** SSE text for the complete events in `pending`; true once `[DONE]` was seen. */
  const drain = (): { text: string; done: boolean } => {
    let text = "";
    for (;;) {
      const end = pending.search(/\r?\n\r?\n/);
      if (end === -1) return { text, done: false };
      const block = pending.slice(0, end);
      pending = pending.slice(end + (pending[end] === "\r" ? 4 : 2));
      const data = block
        .split(/\r?\n/)
        .filter((l) => l.startsWith("data:"))
        .map((l) => l.slice(l[5] === " " ? 6 : 5))
        .join("\n");
      if (!data) continue;
      if (data === "[DONE]") return { text, done: true };
      let chunk: Record<string, unknown>;
      try {
        chunk = JSON.parse(data);
      } catch {
        text += `data: ${data}\n\n`;
        continue;
      }
      if (chunk.usage && typeof chunk.usage === "object") outcome.usage = chunk.usage as TokenUsage;
      const choices = chunk.choices as StreamChoice[] | undefined;
      if (Array.isArray(choices) && choices.length === 0 && chunk.usage && !opts.clientWantsUsage) continue;
      if (Array.isArray(choices) && choices.some(carriesToken)) {
        const at = performance.now();
        outcome.firstTokenAt ??= at;
        outcome.lastTokenAt = at;
      }
      text += opts.shape.chunk(chunk, data);
    }
  };

  const onClientGone = () => {
    finish(499);
    opts.abortUpstream();
  };
  if (opts.clientSignal.aborted) queueMicrotask(onClientGone);
  else opts.clientSignal.addEventListener("abort", onClientGone, { once: true });
  const settle = (status: number) => {
    opts.clientSignal.removeEventListener("abort", onClientGone);
    finish(status);
  };

  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        for (;;) {
          const next = await iterator.next();
          if (next.done) {
            pending += decoder.decode();
            const { text } = drain();
            settle(200);
            controller.enqueue(encoder.encode(text + opts.shape.end(outcome)));
            controller.close();
            return;
          }
          pending += decoder.decode(next.value, { stream: true });
          const { text, done } = drain();
          if (done) {
            settle(200);
            controller.enqueue(encoder.encode(text + opts.shape.end(outcome)));
            controller.close();
            // What may follow [DONE] is read off so the connection goes back to the pool.
            void (async () => {
              while (!(await iterator.next()).done);
            })().catch(() => undefined);
            return;
          }
          if (text) {
            controller.enqueue(encoder.encode(text));
            return;
          }
        }
      } catch (err) {
        settle(opts.clientSignal.aborted ? 499 : 502);
        controller.error(err);
      }
    },
    // The client went away: the generation upstream is cancelled, the call metered as 499.
    cancel: onClientGone,
  });
}

interface StreamChoice {
  delta?: { content?: string | null; tool_calls?: unknown[]; reasoning_content?: string | null };
  text?: string;
}

function carriesToken(choice: StreamChoice): boolean {
  const delta = choice.delta ?? {};
  return Boolean(delta.content || delta.tool_calls?.length || delta.reasoning_content || choice.text);
}
