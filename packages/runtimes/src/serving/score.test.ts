import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { INFERA_TINY_DIR, MODEL_FILES, readModelDir } from "../formats/model-dir.js";
import type { Tokenizer } from "../tokenizer/bpe.js";
import { type ReplicaProcess, startReplicaProcess } from "./start-replica-process.js";

// The real replica program serving the bundled infera-tiny GGUF, scoring over HTTP.
const GGUF = join(INFERA_TINY_DIR, MODEL_FILES.gguf);
let replica: ReplicaProcess;
let tok: Tokenizer;

beforeAll(async () => {
  replica = await startReplicaProcess({ modelPath: GGUF, contextSize: 256, threads: 1, parallel: 2 });
  tok = (await readModelDir()).tokenizer;
});

afterAll(async () => {
  await replica?.stop("SIGKILL");
});

function score(body: unknown) {
  return fetch(`${replica.baseUrl}/infera/v1/score`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

interface ScoreBody {
  prompt_tokens: number;
  continuation_tokens: number;
  logprob_sum: number;
  mean_nll: number;
  tokens?: { token: number; text: string; logprob: number }[];
}

const CHAT = [{ role: "user", content: "Question: What is the capital of Japan?" }];

describe("POST /infera/v1/score", () => {
  it("answers the continuation's tokens and their logprobs, whose sum is the score", async () => {
    const res = await score({
      messages: CHAT,
      continuation: "The capital of Japan is Tokyo.",
      per_token: true,
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as ScoreBody;
    // The reply's own tokens, then the end-of-turn token that closes it.
    const ids = [...tok.encode("The capital of Japan is Tokyo."), tok.eotId];
    expect(body.tokens!.map((t) => t.token)).toEqual(ids);
    expect(body.continuation_tokens).toBe(ids.length);
    const sum = body.tokens!.reduce((s, t) => s + t.logprob, 0);
    expect(body.logprob_sum).toBeCloseTo(sum, 9);
    expect(body.mean_nll).toBeCloseTo(-sum / ids.length, 9);
    for (const t of body.tokens!) expect(t.logprob).toBeLessThan(0);
    expect(body.tokens!.at(-1)!.text).toBe("<|im_end|>");
  });

  it("scores the model's own greedy answer higher than a random string, per token", async () => {
    const gen = await fetch(`${replica.baseUrl}/v1/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ messages: CHAT, temperature: 0, max_tokens: 12 }),
    });
    const likely = ((await gen.json()) as { choices: { message: { content: string } }[] }).choices[0]!.message
      .content;
    const a = (await (await score({ messages: CHAT, continuation: likely })).json()) as ScoreBody;
    const b = (await (
      await score({ messages: CHAT, continuation: "zq xv 7#k pw;j Qm" })
    ).json()) as ScoreBody;
    expect(Number.isFinite(b.mean_nll)).toBe(true);
    expect(a.mean_nll).toBeLessThan(b.mean_nll - 1);
  });

  it("scores a raw prompt's continuation without an end token, and equals the chained scores", async () => {
    const whole = (await (
      await score({ prompt: "Anna had a", continuation: " red ball" })
    ).json()) as ScoreBody;
    expect(whole.continuation_tokens).toBe(tok.encode(" red ball").length);
    // Chain rule: log p(" red ball" | p) = log p(" red" | p) + log p(" ball" | p + " red").
    const first = (await (await score({ prompt: "Anna had a", continuation: " red" })).json()) as ScoreBody;
    const second = (await (
      await score({ prompt: "Anna had a red", continuation: " ball" })
    ).json()) as ScoreBody;
    expect(first.continuation_tokens + second.continuation_tokens).toBe(whole.continuation_tokens);
    expect(whole.logprob_sum).toBeCloseTo(first.logprob_sum + second.logprob_sum, 3);
  });

  it("refuses bad input with a 400 naming the field", async () => {
    const both = await score({ messages: CHAT, prompt: "x", continuation: "y" });
    expect(both.status).toBe(400);
    expect(((await both.json()) as { error: { param: string } }).error.param).toBe("messages");
    const empty = await score({ prompt: "x", continuation: "" });
    expect(empty.status).toBe(400);
    expect(((await empty.json()) as { error: { param: string } }).error.param).toBe("continuation");
    const tooLong = await score({ prompt: "x", continuation: "word ".repeat(400) });
    expect(tooLong.status).toBe(400);
    expect(((await tooLong.json()) as { error: { code: string } }).error.code).toBe(
      "context_length_exceeded",
    );
  });
});
