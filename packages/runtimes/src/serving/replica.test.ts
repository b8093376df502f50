import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import type { LlamaModel } from "node-llama-cpp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { INFERA_TINY_DIR, MODEL_FILES, readModelDir } from "../formats/model-dir.js";
import { llamaGreedy, loadGgufModel } from "../llamacpp/engine.js";
import type { Tokenizer } from "../tokenizer/bpe.js";
import { renderChat } from "../tokenizer/chat-template.js";
import { probeOpenAiCompatible } from "./probe-openai-compatible.js";
import { type ReplicaProcess, startReplicaProcess } from "./start-replica-process.js";

// The real replica program (bin/infera-serve.js) serving the bundled infera-tiny GGUF on a port the
// OS picks, two sequences in parallel; the test process loads the same GGUF to know the right answers.
const GGUF = join(INFERA_TINY_DIR, MODEL_FILES.gguf);
let replica: ReplicaProcess;
let tok: Tokenizer;
let direct: LlamaModel;

beforeAll(async () => {
  replica = await startReplicaProcess({ modelPath: GGUF, contextSize: 2048, threads: 1, parallel: 2 });
  tok = (await readModelDir()).tokenizer;
  direct = await loadGgufModel(GGUF);
});

afterAll(async () => {
  await replica?.stop("SIGKILL");
  await direct?.dispose();
});

function post(path: string, body: unknown, init: RequestInit = {}) {
  return fetch(`${replica.baseUrl}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
    ...init,
  });
}

/** Reads `data:` events of an SSE response until `[DONE]`. */
async function readSse(res: Response): Promise<unknown[]> {
  const events: unknown[] = [];
  let buffered = "";
  for await (const chunk of res.body!.pipeThrough(new TextDecoderStream())) {
    buffered += chunk;
    let end = buffered.indexOf("\n\n");
    while (end >= 0) {
      const data = buffered.slice(0, end).replace(/^data: /, "");
      buffered = buffered.slice(end + 2);
      if (data === "[DONE]") return events;
      events.push(JSON.parse(data));
      end = buffered.indexOf("\n\n");
    }
  }
  throw new Error("stream ended without [DONE]");
}

/** The first `data:` event of a stream, leaving the rest unread. */
async function firstEvent(res: Response) {
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = "";
  while (!buffered.includes("\n\n")) buffered += (await reader.read()).value ?? "";
  return JSON.parse(buffered.slice(6, buffered.indexOf("\n\n")));
}

async function metric(name: string): Promise<number> {
  const text = await (await fetch(`${replica.baseUrl}/metrics`)).text();
  const line = text.split("\n").find((l) => l.startsWith(`${name} `));
  return Number(line?.split(" ")[1]);
}

async function waitFor(what: string, check: () => Promise<boolean>) {
  for (let i = 0; i < 600; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const LEMON = [
  { role: "system", content: "You are a helpful assistant." },
  { role: "user", content: "What color is a lemon?" },
] as const;

describe("infera-serve replica (infera-tiny, real llama.cpp)", () => {
  it("is healthy once ready and lists the served model in OpenAI's shape", async () => {
    const health = await fetch(`${replica.baseUrl}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok" });
    expect(await (await fetch(`${replica.baseUrl}/v1/models`)).json()).toMatchObject({
      object: "list",
      data: [{ id: "infera-tiny-f32", object: "model" }],
    });
  });

  it("chat: the prompt is the model's ChatML template, and the stream concatenates to the whole answer", async () => {
    const request = { messages: LEMON, max_tokens: 24, temperature: 0, seed: 7 };
    const whole = (await (await post("/v1/chat/completions", request)).json()) as {
      choices: { message: { role: string; content: string }; finish_reason: string }[];
      usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
      timings: Record<string, number>;
    };
    const rendered = renderChat(tok, [...LEMON], { addGenerationPrompt: true }).ids;
    expect(whole.usage.prompt_tokens).toBe(rendered.length);
    expect(whole.usage.total_tokens).toBe(whole.usage.prompt_tokens + whole.usage.completion_tokens);
    // At temperature 0 the answer is llama.cpp's greedy continuation of exactly that prompt.
    const greedy = await llamaGreedy(direct, rendered, 24);
    const end = greedy.findIndex((t) => direct.isEogToken(t as never));
    const answer = end >= 0 ? greedy.slice(0, end) : greedy;
    const expected = tok.decode(answer);
    expect(whole.choices[0]!.message).toEqual({ role: "assistant", content: expected });
    expect(whole.usage.completion_tokens).toBe(answer.length);
    expect(whole.choices[0]!.finish_reason).toBe(end >= 0 ? "stop" : "length");
    expect(whole.timings).toMatchObject({
      prompt_n: rendered.length,
      predicted_n: whole.usage.completion_tokens,
    });
    for (const k of ["queue_ms", "prompt_ms", "predicted_ms", "ttft_ms", "predicted_per_second"])
      expect(whole.timings[k]).toBeGreaterThanOrEqual(0);

    const streamed = await post("/v1/chat/completions", {
      ...request,
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(streamed.headers.get("content-type")).toBe("text/event-stream");
    const events = (await readSse(streamed)) as {
      object: string;
      choices: { delta: { role?: string; content?: string }; finish_reason: string | null }[];
      usage?: unknown;
      timings?: unknown;
    }[];
    expect(events[0]!.choices[0]!.delta.role).toBe("assistant");
    expect(events.every((e) => e.object === "chat.completion.chunk")).toBe(true);
    expect(events.map((e) => e.choices[0]?.delta.content ?? "").join("")).toBe(expected);
    expect(events.at(-2)!.choices[0]!.finish_reason).toBe(whole.choices[0]!.finish_reason);
    expect(events.at(-1)).toMatchObject({
      choices: [],
      usage: whole.usage,
      timings: { prompt_n: rendered.length },
    });
  });

  it("completions: raw prompt with BOS, greedy text, stop strings cut the text and say stop", async () => {
    const prompt = "Anna had a";
    const ids = tok.encode(prompt, { addBos: true });
    const expected = tok.decode(await llamaGreedy(direct, ids, 12));
    const res = (await (
      await post("/v1/completions", { prompt, max_tokens: 12, temperature: 0 })
    ).json()) as {
      object: string;
      choices: { text: string; finish_reason: string }[];
      usage: { prompt_tokens: number; completion_tokens: number };
    };
    expect(res.object).toBe("text_completion");
    expect(res.choices[0]).toMatchObject({ text: expected, finish_reason: "length" });
    expect(res.usage).toMatchObject({ prompt_tokens: ids.length, completion_tokens: 12 });

    // ignore_eos (llama-server's extension, for benchmarks): exactly max_tokens, past end-of-text.
    const forced = (await (
      await post("/v1/completions", { prompt, max_tokens: 300, temperature: 0, ignore_eos: true })
    ).json()) as { usage: { completion_tokens: number }; choices: { finish_reason: string }[] };
    expect([forced.usage.completion_tokens, forced.choices[0]!.finish_reason]).toEqual([300, "length"]);

    const word = expected.trim().split(" ")[2]!;
    const cut = (await (
      await post("/v1/completions", { prompt, max_tokens: 12, temperature: 0, stop: [word] })
    ).json()) as {
      choices: { text: string; finish_reason: string }[];
    };
    expect(cut.choices[0]).toEqual({
      index: 0,
      text: expected.slice(0, expected.indexOf(word)),
      logprobs: null,
      finish_reason: "stop",
    });
    const streamedCut = (await readSse(
      await post("/v1/completions", { prompt, max_tokens: 12, temperature: 0, stop: [word], stream: true }),
    )) as { choices: { text: string; finish_reason: string | null }[] }[];
    expect(streamedCut.map((e) => e.choices[0]!.text).join("")).toBe(cut.choices[0]!.text);
    expect(streamedCut.at(-1)!.choices[0]!.finish_reason).toBe("stop");
  });

  it("embeddings: one vector of the model's width per input, with usage", async () => {
    const one = (await (await post("/v1/embeddings", { input: "hello world" })).json()) as {
      data: { index: number; embedding: number[] }[];
      usage: { prompt_tokens: number; total_tokens: number };
    };
    expect(one.data).toHaveLength(1);
    expect(one.data[0]!.embedding).toHaveLength(128);
    expect(one.usage.prompt_tokens).toBeGreaterThanOrEqual(tok.encode("hello world").length);
    const two = (await (
      await post("/v1/embeddings", { input: ["hello world", "a lemon is yellow"] })
    ).json()) as {
      data: { index: number; embedding: number[] }[];
    };
    expect(two.data.map((d) => d.index)).toEqual([0, 1]);
    expect(two.data[0]!.embedding).toEqual(one.data[0]!.embedding);
    expect(two.data[1]!.embedding).not.toEqual(one.data[0]!.embedding);
  });

  it("parallel 2: a third request waits in the queue; clients that disconnect free their sequences", async () => {
    const generatedBefore = await metric("gen_ai_server_generated_tokens_total");
    const long = { prompt: "The dog", max_tokens: 2000, temperature: 0, ignore_eos: true, stream: true };
    const clients = [new AbortController(), new AbortController()];
    const streams = await Promise.all(
      clients.map((c) => post("/v1/completions", long, { signal: c.signal })),
    );
    await Promise.all(streams.map(firstEvent));
    const third = post("/v1/completions", { prompt: "Anna had a", max_tokens: 4, temperature: 0 });
    await waitFor(
      "the third request to queue",
      async () => (await metric("infera_replica_queue_depth")) === 1,
    );
    expect(await metric("infera_replica_requests_in_flight")).toBe(2);
    expect(await metric("infera_replica_requests_queued_total")).toBeGreaterThanOrEqual(1);

    for (const c of clients) c.abort();
    const answered = await third;
    expect(answered.status).toBe(200);
    expect(
      ((await answered.json()) as { usage: { completion_tokens: number } }).usage.completion_tokens,
    ).toBe(4);
    await waitFor(
      "the aborted generations to end",
      async () => (await metric("infera_replica_requests_in_flight")) === 0,
    );
    // Both long generations stopped early instead of running to 2000 tokens each.
    expect((await metric("gen_ai_server_generated_tokens_total")) - generatedBefore).toBeLessThan(4000);
    // Three at once on two sequences: all answered, the same greedy text for the same prompt.
    const three = await Promise.all(
      [0, 1, 2].map(() => post("/v1/chat/completions", { messages: LEMON, max_tokens: 8, temperature: 0 })),
    );
    expect(three.map((r) => r.status)).toEqual([200, 200, 200]);
    const texts = await Promise.all(
      three.map(
        async (r) =>
          ((await r.json()) as { choices: { message: { content: string } }[] }).choices[0]!.message.content,
      ),
    );
    expect(new Set(texts).size).toBe(1);
    const text = await (await fetch(`${replica.baseUrl}/metrics`)).text();
    expect(text).toMatch(/infera_replica_requests_total\{route="\/v1\/completions",status="499"\} 2/);
    expect(text).toMatch(/gen_ai_server_time_to_first_token_seconds_count \d+/);
  });

  it("bad input gets OpenAI's error envelope with 400/404/405/413/415, and the replica keeps serving", async () => {
    const cases: [Promise<Response>, number, string][] = [
      [
        fetch(`${replica.baseUrl}/v1/chat/completions`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: "{not json",
        }),
        400,
        "invalid_json",
      ],
      [post("/v1/chat/completions", { messages: "hi" }), 400, "invalid_request"],
      [post("/v1/chat/completions", { messages: [{ role: "robot", content: "x" }] }), 400, "invalid_request"],
      [post("/v1/chat/completions", { messages: LEMON, temperature: "hot" }), 400, "invalid_request"],
      [post("/v1/completions", { prompt: "x", n: 2 }), 400, "invalid_request"],
      [
        post("/v1/completions", { prompt: "word ".repeat(3000), max_tokens: 1 }),
        400,
        "context_length_exceeded",
      ],
      [post("/v1/embeddings", { input: 42 }), 400, "invalid_request"],
      [fetch(`${replica.baseUrl}/v2/anything`), 404, "not_found"],
      [fetch(`${replica.baseUrl}/v1/chat/completions`), 405, "method_not_allowed"],
      [
        fetch(`${replica.baseUrl}/v1/completions`, {
          method: "POST",
          headers: { "content-type": "text/plain" },
          body: "hello",
        }),
        415,
        "unsupported_media_type",
      ],
      [post("/v1/completions", { prompt: "x".repeat(5 * 1024 * 1024) }), 413, "request_too_large"],
    ];
    for (const [response, status, code] of cases) {
      const res = await response;
      const body = (await res.json()) as { error: { message: string; type: string; code: string } };
      expect([res.status, body.error.code], body.error.message).toEqual([status, code]);
      expect(body.error.message.length).toBeGreaterThan(0);
      expect(body.error.type).toMatch(/_error$/);
    }
    const wrongType = (await (
      await post("/v1/chat/completions", { messages: LEMON, temperature: "hot" })
    ).json()) as {
      error: { param: string; message: string };
    };
    expect(wrongType.error.param).toBe("temperature");
    expect((await fetch(`${replica.baseUrl}/health`)).status).toBe(200);
  });
});

describe("openai-compatible health probe", () => {
  let silent: Server;
  let refusing: Server;

  beforeAll(async () => {
    silent = createServer(() => undefined).listen(0, "127.0.0.1");
    refusing = createServer((req, res) => {
      res.writeHead(req.headers.authorization === "Bearer sk-right" ? 200 : 401, {
        "content-type": "application/json",
      });
      res.end(
        req.headers.authorization === "Bearer sk-right"
          ? JSON.stringify({ object: "list", data: [{ id: "upstream-model" }] })
          : JSON.stringify({ error: { message: "Incorrect API key provided" } }),
      );
    }).listen(0, "127.0.0.1");
  });

  afterAll(() => {
    silent.closeAllConnections();
    silent.close();
    refusing.close();
  });

  const urlOf = (s: Server) => `http://127.0.0.1:${(s.address() as AddressInfo).port}`;

  it("a running replica as the upstream is healthy and lists its model, with or without /v1 in the base URL", async () => {
    for (const baseUrl of [replica.baseUrl, `${replica.baseUrl}/v1/`]) {
      expect(await probeOpenAiCompatible({ baseUrl, timeoutMs: 5000 })).toMatchObject({
        ok: true,
        models: ["infera-tiny-f32"],
      });
    }
  });

  it("says why an upstream is unhealthy: refused, wrong key, no answer in time", async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
    const closedUrl = urlOf(closed);
    await new Promise((r) => closed.close(r));
    expect(await probeOpenAiCompatible({ baseUrl: closedUrl, timeoutMs: 5000 })).toMatchObject({
      ok: false,
      models: [],
      error: expect.stringContaining("ECONNREFUSED"),
    });
    expect(
      await probeOpenAiCompatible({ baseUrl: urlOf(refusing), apiKey: "sk-wrong", timeoutMs: 5000 }),
    ).toMatchObject({
      ok: false,
      error: expect.stringMatching(/HTTP 401: Incorrect API key/),
    });
    expect(
      await probeOpenAiCompatible({ baseUrl: urlOf(refusing), apiKey: "sk-right", timeoutMs: 5000 }),
    ).toMatchObject({
      ok: true,
      models: ["upstream-model"],
    });
    expect(await probeOpenAiCompatible({ baseUrl: urlOf(silent), timeoutMs: 200 })).toMatchObject({
      ok: false,
      error: expect.stringContaining("within 200 ms"),
    });
  });
});

describe("replica lifecycle", () => {
  it("SIGTERM with a generation in flight: the stream ends, the process exits 0 and the port closes", async () => {
    const { baseUrl } = replica;
    const long = await post("/v1/completions", {
      prompt: "The dog",
      max_tokens: 2000,
      temperature: 0,
      ignore_eos: true,
      stream: true,
    });
    const reader = long.body!.getReader();
    await reader.read();
    expect(await replica.stop("SIGTERM")).toBe(0);
    // Whatever the grace period let it finish, the response is over (no hung client).
    for (;;) if ((await reader.read().catch(() => ({ done: true }))).done) break;
    await expect(fetch(`${baseUrl}/health`)).rejects.toThrow();
  });
});
