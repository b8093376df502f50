import {
  PLAYGROUND_LOG_CONTENT_HEADER,
  PLAYGROUND_REVISION_HEADER,
  PlaygroundChatChunk,
  PlaygroundChatCompletion,
  type PlaygroundChatInput,
} from "@infera/contracts";
import type { z } from "zod";
import { InferaApiError } from "../errors.js";
import type { Transport } from "../http.js";
import { seg } from "../pagination.js";

/** What every playground answer says besides its content. */
export interface PlaygroundAnswerInfo {
  /** The revision that answered (`x-infera-revision`); null when the gateway did not say. */
  revisionId: string | null;
  /** False when this call's prompt and answer are logged nowhere (a Prod project's policy). */
  logContent: boolean;
  requestId: string | null;
}

export interface PlaygroundReply extends PlaygroundAnswerInfo {
  completion: PlaygroundChatCompletion;
  /** The body as the server sent it (the raw response viewer). */
  raw: string;
}

export interface PlaygroundStream extends PlaygroundAnswerInfo {
  /** Each chunk as it arrives with its `data:` text; ends at `[DONE]`. An error event throws. */
  chunks: AsyncIterable<{ chunk: PlaygroundChatChunk; raw: string }>;
}

type Input = Omit<z.input<typeof PlaygroundChatInput>, "stream">;

function infoOf(res: Response): PlaygroundAnswerInfo {
  return {
    revisionId: res.headers.get(PLAYGROUND_REVISION_HEADER),
    logContent: res.headers.get(PLAYGROUND_LOG_CONTENT_HEADER) !== "false",
    requestId: res.headers.get("x-request-id"),
  };
}

function broken(info: PlaygroundAnswerInfo, message: string, details?: unknown) {
  return new InferaApiError({ status: 200, code: "internal", message, details, requestId: info.requestId });
}

/** The `data:` payloads of a Server-Sent Events body, one per event, as they arrive. */
async function* eventData(body: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true }).replace(/\r\n?/g, "\n");
      let end = buffer.indexOf("\n\n");
      while (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = block
          .split("\n")
          .filter((l) => l.startsWith("data:"))
          .map((l) => l.slice(5).replace(/^ /, ""));
        if (data.length) yield data.join("\n");
        end = buffer.indexOf("\n\n");
      }
    }
  } finally {
    reader.releaseLock();
    await body.cancel().catch(() => {});
  }
}

async function* chunksOf(res: Response, info: PlaygroundAnswerInfo) {
  if (!res.body) return;
  for await (const raw of eventData(res.body)) {
    if (raw === "[DONE]") return;
    let json: { error?: { message?: unknown } } & Record<string, unknown>;
    try {
      json = JSON.parse(raw);
    } catch {
      throw broken(info, "the playground stream sent an event that is not JSON", raw.slice(0, 200));
    }
    // OpenAI's way to fail after the stream began: an error object as an event.
    if (json.error)
      throw new InferaApiError({
        status: 200,
        code: "service_unavailable",
        message: typeof json.error.message === "string" ? json.error.message : "the stream failed",
        details: json.error,
        requestId: info.requestId,
      });
    const parsed = PlaygroundChatChunk.safeParse(json);
    if (!parsed.success)
      throw broken(info, "the playground stream sent a chunk that does not match its contract", {
        issues: parsed.error.issues,
      });
    yield { chunk: parsed.data, raw };
  }
}

/** The console's playground of a service: the gateway's answer for the signed-in caller. */
export function playgroundApi(t: Transport) {
  const path = (serviceId: string) => `/services/${seg(serviceId)}/playground/chat`;
  return {
    /** One answer as JSON (`stream: false`). */
    async chat(
      serviceId: string,
      input: Input,
      opts: { signal?: AbortSignal } = {},
    ): Promise<PlaygroundReply> {
      const res = await t.response("POST", path(serviceId), {
        body: { ...input, stream: false },
        signal: opts.signal,
      });
      const info = infoOf(res);
      const raw = await res.text();
      let json: unknown;
      try {
        json = JSON.parse(raw);
      } catch {
        throw broken(info, "the playground did not answer JSON", raw.slice(0, 200));
      }
      const parsed = PlaygroundChatCompletion.safeParse(json);
      if (!parsed.success)
        throw broken(info, "the playground answered a body that does not match its contract", {
          issues: parsed.error.issues,
        });
      return { ...info, completion: parsed.data, raw };
    },
    /**
     * The answer as it is generated (`stream: true`): refusals throw before the first chunk; the
     * chunks end with one carrying `usage`. Aborting `signal` stops the generation on the server.
     */
    async chatStream(
      serviceId: string,
      input: Input,
      opts: { signal?: AbortSignal } = {},
    ): Promise<PlaygroundStream> {
      const res = await t.response("POST", path(serviceId), {
        body: { ...input, stream: true },
        accept: "text/event-stream",
        signal: opts.signal,
      });
      const info = infoOf(res);
      return { ...info, chunks: chunksOf(res, info) };
    },
  };
}
