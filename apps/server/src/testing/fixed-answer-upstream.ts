import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface UpstreamCall {
  path: string;
  headers: IncomingMessage["headers"];
  body: Record<string, any>;
  /** Set when the client (the gateway) closed the connection before the answer ended. */
  aborted: boolean;
}

/**
 * An OpenAI-compatible upstream of fixed answers (JSON and SSE), for tests of the gateway that need
 * no model: every answer says `name`, usage is 7 prompt tokens and one completion token per chunk.
 * The prompt steers it: `silence:<ms>` waits that long before its first byte; `forever` streams a
 * chunk every 100 ms until the client goes away (then the call is marked `aborted`). A chat prompt with
 * `call:<name>:<json>` parts answers tool calls (`finish_reason: "tool_calls"`), the text before
 * the first part as content: `Checking. call:weather:{"city":"Paris"} call:time:{}`.
 */
export async function startFixedAnswerUpstream(name: string, opts: { chunks?: number } = {}) {
  const chunks = opts.chunks ?? 3;
  const calls: UpstreamCall[] = [];
  const server: Server = createServer((req, res) => {
    let raw = "";
    req.on("data", (d) => (raw += d));
    req.on("end", () => {
      const body = raw ? JSON.parse(raw) : {};
      const call: UpstreamCall = { path: req.url ?? "", headers: req.headers, body, aborted: false };
      calls.push(call);
      res.on("close", () => {
        if (!res.writableFinished) call.aborted = true;
      });
      void answer(call, res);
    });
  });
  const answer = async (call: UpstreamCall, res: ServerResponse) => {
    if (call.path.endsWith("/models"))
      return json(res, 200, { object: "list", data: [{ id: name, object: "model" }] });
    const prompt = String(call.body.messages?.at(-1)?.content ?? call.body.prompt ?? "");
    const silence = /^silence:(\d+)$/.exec(prompt);
    if (silence) await new Promise((r) => setTimeout(r, Number(silence[1])));
    if (call.path.endsWith("/embeddings"))
      return json(res, 200, {
        object: "list",
        data: []
          .concat(call.body.input)
          .map((_, index) => ({ object: "embedding", index, embedding: [0.1, 0.2, 0.3] })),
        model: call.body.model,
        usage: { prompt_tokens: 4, total_tokens: 4 },
      });
    const chat = call.path.endsWith("/chat/completions");
    const calls = chat ? toolCallsOf(prompt) : null;
    if (calls) return answerToolCalls(call, res, calls, chunks);
    const usage = { prompt_tokens: 7, completion_tokens: chunks, total_tokens: 7 + chunks };
    const base = { id: "cmpl-fixed", created: 1_700_000_000, model: call.body.model };
    if (!call.body.stream) {
      const text = Array.from({ length: chunks }, (_, i) => `${name}${i}`).join(" ");
      return json(res, 200, {
        ...base,
        object: chat ? "chat.completion" : "text_completion",
        choices: [
          chat
            ? { index: 0, message: { role: "assistant", content: text }, finish_reason: "stop" }
            : { index: 0, text, finish_reason: "stop" },
        ],
        usage,
      });
    }
    res.writeHead(200, { "content-type": "text/event-stream" });
    const object = chat ? "chat.completion.chunk" : "text_completion";
    const send = (o: unknown) => res.write(`data: ${JSON.stringify(o)}\n\n`);
    if (chat)
      send({
        ...base,
        object,
        choices: [{ index: 0, delta: { role: "assistant", content: "" }, finish_reason: null }],
      });
    const forever = prompt === "forever";
    for (let i = 0; forever ? !res.destroyed : i < chunks; i++) {
      const piece = `${i ? " " : ""}${name}${i}`;
      send({
        ...base,
        object,
        choices: [
          chat
            ? { index: 0, delta: { content: piece }, finish_reason: null }
            : { index: 0, text: piece, finish_reason: null },
        ],
      });
      if (forever) await new Promise((r) => setTimeout(r, 100));
    }
    if (res.destroyed) return;
    send({
      ...base,
      object,
      choices: [
        chat ? { index: 0, delta: {}, finish_reason: "stop" } : { index: 0, text: "", finish_reason: "stop" },
      ],
    });
    if (call.body.stream_options?.include_usage) send({ ...base, object, choices: [], usage });
    res.end("data: [DONE]\n\n");
  };
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as AddressInfo).port;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    calls,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

interface ToolCallsAnswer {
  text: string;
  calls: Array<{ name: string; arguments: string }>;
}

function toolCallsOf(prompt: string): ToolCallsAnswer | null {
  const at = prompt.indexOf("call:");
  if (at < 0) return null;
  const calls = [...prompt.slice(at).matchAll(/call:([\w-]+):(\S*)/g)].map((m) => ({
    name: m[1]!,
    arguments: m[2]!,
  }));
  return { text: prompt.slice(0, at).trim(), calls };
}

/** Tool calls, whole or streamed as OpenAI does: id and name first, the arguments in two pieces. */
function answerToolCalls(call: UpstreamCall, res: ServerResponse, answer: ToolCallsAnswer, chunks: number) {
  const usage = { prompt_tokens: 7, completion_tokens: chunks, total_tokens: 7 + chunks };
  const base = { id: "cmpl-fixed", created: 1_700_000_000, model: call.body.model };
  const toolCalls = answer.calls.map((c, i) => ({
    id: `call_${i}_${c.name}`,
    type: "function",
    function: { name: c.name, arguments: c.arguments },
  }));
  if (!call.body.stream)
    return json(res, 200, {
      ...base,
      object: "chat.completion",
      choices: [
        {
          index: 0,
          message: { role: "assistant", content: answer.text || null, tool_calls: toolCalls },
          finish_reason: "tool_calls",
        },
      ],
      usage,
    });
  res.writeHead(200, { "content-type": "text/event-stream" });
  const send = (delta: unknown, finish: string | null = null) =>
    res.write(
      `data: ${JSON.stringify({ ...base, object: "chat.completion.chunk", choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`,
    );
  send({ role: "assistant", content: answer.text ? "" : null });
  if (answer.text) send({ content: answer.text });
  for (const [index, c] of toolCalls.entries()) {
    send({
      tool_calls: [{ index, id: c.id, type: "function", function: { name: c.function.name, arguments: "" } }],
    });
    const half = Math.ceil(c.function.arguments.length / 2);
    for (const piece of [c.function.arguments.slice(0, half), c.function.arguments.slice(half)])
      if (piece) send({ tool_calls: [{ index, function: { arguments: piece } }] });
  }
  send({}, "tool_calls");
  if (call.body.stream_options?.include_usage)
    res.write(
      `data: ${JSON.stringify({ ...base, object: "chat.completion.chunk", choices: [], usage })}\n\n`,
    );
  res.end("data: [DONE]\n\n");
}

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}
