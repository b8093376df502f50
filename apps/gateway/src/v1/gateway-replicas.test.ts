import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BUNDLED_MODEL_DIR, type RunningServer } from "@infera/server";
import { createWorld, startTestServer, type World } from "@infera/server/testing";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/** Pids of the live infera-serve processes whose arguments name `dir`. */
function replicaPids(dir: string): number[] {
  return execFileSync("ps", ["-eo", "pid=,stat=,args="], { encoding: "utf8" })
    .split("\n")
    .filter((l) => l.includes("infera-serve") && l.includes(dir) && !/^\s*\d+\s+Z/.test(l))
    .map((l) => Number(l.trim().split(/\s+/)[0]));
}

/**
 * The gateway in front of real infera-tiny replicas (llama.cpp, `infera-serve`): a streamed chat
 * through the openai SDK, then the service scaled to zero and a call held through its cold start.
 */
describe("gateway /v1 to real replicas", () => {
  const dir = mkdtempSync(join(tmpdir(), "infera-gateway-replicas-"));
  let server: RunningServer;
  let w: World;
  let sdk: OpenAI;

  beforeAll(async () => {
    server = await startTestServer(
      {
        INFERA_DATA_DIR: dir,
        INFERA_MAX_REPLICAS: "2",
        INFERA_WORKER_POLL_MS: "100",
        INFERA_COLD_START_TIMEOUT_SECONDS: "120",
        // Not the default loopback address: replicas listen on the node's address and the gateway
        // dials it there (Linux routes all of 127/8 to loopback).
        INFERA_NODE_ADDRESS: "127.0.0.2",
      },
      { systemModelDir: BUNDLED_MODEL_DIR },
    );
    w = await createWorld(server.url);
    const key = await w.users.developer!.client.post(`/projects/${w.projectId}/api-keys`, {
      name: "replicas",
    });
    sdk = new OpenAI({
      apiKey: key.body.data.secret,
      baseURL: `${server.url}/v1`,
      maxRetries: 0,
      timeout: 180_000,
    });
  });
  afterAll(async () => {
    await server?.stop();
    for (const pid of replicaPids(dir)) process.kill(-pid, "SIGKILL");
    rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  });

  it("streams infera-tiny through the SDK, then holds a call through a cold start from zero", async () => {
    const owner = w.users.owner!.client;
    const models = await owner.get(`/projects/${w.projectId}/models?scope=system`);
    const tiny = models.body.data.find((m: { name: string }) => m.name === "infera-tiny").id;
    const created = await owner.post(`/projects/${w.projectId}/services`, {
      name: "tiny",
      exposure: "private",
      config: {
        model: { model_id: tiny, tag: "latest" },
        runtime: { kind: "llama.cpp", context_size: 256, threads: 1 },
        resources: { resource_class: "cpu-2" },
        autoscaling: { min_replicas: 0, max_replicas: 1, scale_to_zero: true, scale_down_delay_seconds: 1 },
      },
    });
    expect(created.status, created.text).toBe(201);
    const id = created.body.data.id as string;
    const revisionId = created.body.data.revisions[0].id as string;
    const until = async (done: (s: any) => boolean, what: string) => {
      for (const end = Date.now() + 120_000; ; await new Promise((r) => setTimeout(r, 200))) {
        const res = await w.admin.get(`/services/${id}`);
        if (res.status === 200 && done(res.body.data)) return res.body.data;
        if (Date.now() > end) throw new Error(`${what}: ${res.text.slice(0, 2000)}`);
      }
    };

    // The first call already finds the new revision starting or ready: held or served, it is answered.
    const stream = await sdk.chat.completions.create({
      model: "tiny",
      messages: [{ role: "user", content: "hello" }],
      max_tokens: 8,
      temperature: 0,
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = "";
    let usage: OpenAI.CompletionUsage | null | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta?.content ?? "";
      usage = chunk.usage ?? usage;
    }
    expect(text.length).toBeGreaterThan(0);
    expect(usage!.completion_tokens).toBeGreaterThan(0);
    const running = await until((s) => s.replicas.some((r: any) => r.state === "ready"), "a ready replica");
    const port = running.replicas.find((r: any) => r.state === "ready").port;
    expect((await fetch(`http://127.0.0.2:${port}/health`)).status).toBe(200);
    await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();

    // Idle: to zero after the delay (the gateway's last load report says nothing is in flight).
    await until((s) => s.revisions[0].current_state === "inactive" && !s.replicas.length, "scaled to zero");
    expect(replicaPids(dir)).toEqual([]);

    const asked = Date.now();
    const { data, response } = await sdk.chat.completions
      .create({
        model: "tiny",
        messages: [{ role: "user", content: "again" }],
        max_tokens: 4,
        temperature: 0,
      })
      .withResponse();
    expect(data.choices[0]!.message.content!.length).toBeGreaterThan(0);
    expect(response.headers.get("x-infera-revision")).toBe(revisionId);
    const held = Date.now() - asked;
    let cold: any;
    for (let i = 0; i < 100 && !cold; i++) {
      const events = (await w.admin.get(`/services/${id}/events`)).body.data as any[];
      cold = events.find((e) => e.type === "cold_start");
      if (!cold) await new Promise((r) => setTimeout(r, 200));
    }
    expect(cold).toMatchObject({ revision_id: revisionId });
    expect(cold.data.latency_ms).toBeLessThanOrEqual(held + 1000);

    // response_format json_schema is enforced by the replica's grammar: a tiny random model's
    // output parses and fits the schema, streamed or not.
    const schema = {
      type: "object",
      properties: {
        ok: { type: "boolean" },
        color: { enum: ["red", "green", "blue"] },
        count: { type: "integer" },
      },
      required: ["ok", "color", "count"],
      additionalProperties: false,
    };
    const fits = (text: string) => {
      const value = JSON.parse(text);
      expect(Object.keys(value).sort()).toEqual(["color", "count", "ok"]);
      expect(typeof value.ok).toBe("boolean");
      expect(["red", "green", "blue"]).toContain(value.color);
      // An integer literal (node-llama-cpp's integer grammar allows an exponent, e.g. 48281347108767e+843:
      // an integer to JSON Schema, though past Number.MAX_VALUE for JSON.parse).
      expect(typeof value.count).toBe("number");
      expect(text).toMatch(/"count"\s*:\s*-?(0|[1-9]\d*)([eE]\+?\d+)?\s*[,}]/);
    };
    const response_format = { type: "json_schema" as const, json_schema: { name: "answer", schema } };
    for (const seed of [1, 2, 3]) {
      const structured = await sdk.chat.completions.create({
        model: "tiny",
        messages: [{ role: "user", content: "answer in JSON" }],
        max_tokens: 96,
        seed,
        response_format,
      });
      fits(structured.choices[0]!.message.content!);
    }
    let streamed = "";
    for await (const chunk of await sdk.chat.completions.create({
      model: "tiny",
      messages: [{ role: "user", content: "answer in JSON" }],
      max_tokens: 96,
      stream: true,
      response_format,
    }))
      streamed += chunk.choices[0]?.delta?.content ?? "";
    fits(streamed);
  }, 300_000);
});
