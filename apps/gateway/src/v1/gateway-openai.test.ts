import { eq, tables } from "@infera/db";
import { BUNDLED_MODEL_DIR, type RunningServer } from "@infera/server";
import {
  createWorld,
  type HttpClient,
  startFixedAnswerUpstream,
  startTestServer,
  type World,
} from "@infera/server/testing";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CallAdmitter } from "../admission/call-admitter.js";

type Upstream = Awaited<ReturnType<typeof startFixedAnswerUpstream>>;

/** The upstream's last call from the gateway (its health checks, `GET …/models` every second, skipped). */
const lastCall = (upstream: Upstream) => upstream.calls.filter((c) => !c.path.endsWith("/models")).at(-1)!;

/**
 * The gateway's /v1 through the official `openai` SDK, unchanged, against a real server whose
 * services are openai-compatible revisions pointing at fixed-answer upstreams of the test's own: the
 * routing, the SDK's error classes, usage forced on streams, metering, canary weights, tenant
 * isolation, bad transports, disconnects and long silences. Real replicas: gateway-replicas.test.ts.
 */
describe("gateway /v1 with the openai SDK", () => {
  let server: RunningServer;
  let w: World;
  let owner: HttpClient;
  let tiny: string;
  let a: Upstream;
  let b: Upstream;
  let secret: string;
  let sdk: OpenAI;
  /** What the test admitter refuses next: the remaining refusals, and their Retry-After. */
  const refusals = { left: 0, retryAfterSeconds: 1, at: [] as number[] };
  const admitter: CallAdmitter = {
    admit: async () => {
      refusals.at.push(Date.now());
      if (refusals.left <= 0) return { ok: true };
      refusals.left -= 1;
      return {
        ok: false,
        code: "rate_limit_exceeded",
        message: "test limit: 0 requests per minute",
        status: 429,
        retryAfterSeconds: refusals.retryAfterSeconds,
      };
    },
    charge: async () => {},
    close: async () => {},
  };

  const key = async (world: World, scopes = ["inference:invoke"]) => {
    const res = await world.users.developer!.client.post(`/projects/${world.projectId}/api-keys`, {
      name: `k${Math.random()}`,
      scopes,
    });
    expect(res.status, res.text).toBe(201);
    return res.body.data.secret as string;
  };
  const service = async (world: World, name: string, baseUrl: string) => {
    const res = await world.users.owner!.client.post(`/projects/${world.projectId}/services`, {
      name,
      exposure: "private",
      config: {
        model: { model_id: tiny, tag: "latest" },
        runtime: { kind: "openai-compatible", base_url: baseUrl, api_key: `sk-${name}` },
        resources: { resource_class: "cpu-2" },
      },
    });
    expect(res.status, res.text).toBe(201);
    return { id: res.body.data.id as string, revision: res.body.data.revisions[0].id as string };
  };
  /** Until every revision with traffic has been found ready by the upstream checks. */
  const ready = async (serviceId: string) => {
    for (const end = Date.now() + 30_000; Date.now() < end; await new Promise((r) => setTimeout(r, 200))) {
      const svc = (await w.admin.get(`/services/${serviceId}`)).body.data;
      if (svc.revisions.every((r: any) => r.traffic_percent === 0 || r.current_state === "ready")) return svc;
    }
    throw new Error(`service ${serviceId} not ready`);
  };
  type UsageRow = typeof tables.usageRecords.$inferSelect;
  /** The project's usage records once `done` holds for them (the journal shipped meanwhile; 15 s at most). */
  const usage = async (done: (rows: UsageRow[]) => boolean, projectId = w.projectId) => {
    for (let i = 0; ; i++) {
      await server.meter!.ship();
      const rows = await server.database.db
        .select()
        .from(tables.usageRecords)
        .where(eq(tables.usageRecords.projectId, projectId));
      if (done(rows) || i > 60) return rows;
      await new Promise((r) => setTimeout(r, 250));
    }
  };
  const post = (path: string, body: string | null, headers: Record<string, string> = {}) =>
    fetch(`${server.url}/v1${path}`, {
      method: "POST",
      headers: { authorization: `Bearer ${secret}`, "content-type": "application/json", ...headers },
      body,
    });

  let bot: { id: string; revision: string };

  beforeAll(async () => {
    a = await startFixedAnswerUpstream("alpha");
    b = await startFixedAnswerUpstream("beta");
    server = await startTestServer(
      { INFERA_UPSTREAM_CHECK_SECONDS: "1", INFERA_WORKER_POLL_MS: "100", INFERA_USAGE_SEGMENT_SECONDS: "1" },
      { systemModelDir: BUNDLED_MODEL_DIR, admitter },
    );
    w = await createWorld(server.url);
    owner = w.users.owner!.client;
    const models = await owner.get(`/projects/${w.projectId}/models?scope=system`);
    tiny = models.body.data.find((m: { name: string }) => m.name === "infera-tiny").id;
    secret = await key(w);
    bot = await service(w, "bot", a.baseUrl);
    await ready(bot.id);
    sdk = new OpenAI({ apiKey: secret, baseURL: `${server.url}/v1`, maxRetries: 0 });
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    await a?.close();
    await b?.close();
  });

  it("chats without streaming: the upstream's answer, its revision header, the sealed key forwarded, one usage record", async () => {
    const { data, response } = await sdk.chat.completions
      .create({
        model: "bot",
        messages: [{ role: "user", content: "hi" }],
        tools: [{ type: "function", function: { name: "f", parameters: { type: "object" } } }],
        response_format: { type: "json_object" },
      })
      .withResponse();
    expect(data.choices[0]!.message.content).toBe("alpha0 alpha1 alpha2");
    expect(data.usage).toMatchObject({ prompt_tokens: 7, completion_tokens: 3 });
    expect(response.headers.get("x-infera-revision")).toBe(bot.revision);
    expect(Number(response.headers.get("x-infera-overhead-ms"))).toBeGreaterThanOrEqual(0);
    const seen = lastCall(a);
    expect(seen.path).toBe("/v1/chat/completions");
    expect(seen.headers.authorization).toBe("Bearer sk-bot");
    // Tools and response_format pass through untouched; the model is the upstream's name.
    expect(seen.body).toMatchObject({
      model: "bot",
      tools: [{ type: "function" }],
      response_format: { type: "json_object" },
    });
  });

  it("streams with usage when asked; without, the usage chunk is not sent but is metered", async () => {
    const withUsage = await sdk.chat.completions.create({
      model: "bot",
      messages: [{ role: "user", content: "with usage" }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks: any[] = [];
    for await (const c of withUsage) chunks.push(c);
    expect(chunks.map((c) => c.choices[0]?.delta?.content ?? "").join("")).toBe("alpha0 alpha1 alpha2");
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { prompt_tokens: 7, completion_tokens: 3 } });

    const plain = await sdk.chat.completions.create({
      model: "bot",
      messages: [{ role: "user", content: "no usage" }],
      stream: true,
    });
    const plainChunks: any[] = [];
    for await (const c of plain) plainChunks.push(c);
    expect(plainChunks.some((c) => c.usage)).toBe(false);
    expect(plainChunks.at(-1)!.choices[0].finish_reason).toBe("stop");
    // Forced upstream all the same.
    expect(lastCall(a).body.stream_options).toEqual({ include_usage: true });

    const rows = (await usage((all) => all.filter((r) => r.streamed).length >= 2)).filter((r) => r.streamed);
    expect(rows).toHaveLength(2);
    for (const r of rows)
      expect(r).toMatchObject({
        statusCode: 200,
        promptTokens: 7,
        completionTokens: 3,
        revisionId: bot.revision,
        endpoint: "chat/completions",
      });
    expect(rows.every((r) => r.ttftMs !== null && r.tpotMs !== null)).toBe(true);
  });

  it("completions, embeddings, models and responses", async () => {
    const completion = await sdk.completions.create({ model: "bot", prompt: "once" });
    expect(completion.choices[0]!.text).toBe("alpha0 alpha1 alpha2");
    const embedding = await sdk.embeddings.create({ model: "bot", input: ["x", "y"] });
    expect(embedding.data).toHaveLength(2);
    const list = await sdk.models.list();
    expect(list.data.map((m) => m.id)).toEqual(["bot"]);
    const response = await sdk.responses.create({ model: "bot", input: "hello", instructions: "be brief" });
    expect(response.output_text).toBe("alpha0 alpha1 alpha2");
    expect(response.usage).toMatchObject({ input_tokens: 7, output_tokens: 3 });
    expect(lastCall(a).body.messages).toEqual([
      { role: "system", content: "be brief" },
      { role: "user", content: "hello" },
    ]);
    const events: string[] = [];
    let text = "";
    for await (const e of await sdk.responses.create({ model: "bot", input: "hello", stream: true })) {
      events.push(e.type);
      if (e.type === "response.output_text.delta") text += e.delta;
      if (e.type === "response.completed")
        expect(e.response.usage).toMatchObject({ input_tokens: 7, output_tokens: 3 });
    }
    expect(text).toBe("alpha0 alpha1 alpha2");
    expect(events[0]).toBe("response.created");
    expect(events.at(-1)).toBe("response.completed");
  });

  it("answers the SDK's error classes: 401, 403, 404, 429 whose Retry-After the SDK's retry honours", async () => {
    const bad = new OpenAI({ apiKey: `ifr_${"x".repeat(43)}`, baseURL: `${server.url}/v1`, maxRetries: 0 });
    const e401 = await bad.chat.completions
      .create({ model: "bot", messages: [{ role: "user", content: "x" }] })
      .catch((e) => e);
    expect(e401).toBeInstanceOf(OpenAI.AuthenticationError);
    expect(e401.code).toBe("invalid_api_key");
    const noScope = new OpenAI({
      apiKey: await key(w, ["metrics:read"]),
      baseURL: `${server.url}/v1`,
      maxRetries: 0,
    });
    const e403 = await noScope.chat.completions
      .create({ model: "bot", messages: [{ role: "user", content: "x" }] })
      .catch((e) => e);
    expect(e403).toBeInstanceOf(OpenAI.PermissionDeniedError);
    const e404 = await sdk.chat.completions
      .create({ model: "nope", messages: [{ role: "user", content: "x" }] })
      .catch((e) => e);
    expect(e404).toBeInstanceOf(OpenAI.NotFoundError);
    expect(e404.code).toBe("model_not_found");

    refusals.left = 1;
    const e429 = await sdk.chat.completions
      .create({ model: "bot", messages: [{ role: "user", content: "x" }] })
      .catch((e) => e);
    expect(e429).toBeInstanceOf(OpenAI.RateLimitError);
    expect(e429.headers.get("retry-after")).toBe("1");

    // One retry allowed: the second attempt waits out Retry-After (1 s) and is served.
    refusals.left = 1;
    refusals.at.length = 0;
    const retrying = new OpenAI({ apiKey: secret, baseURL: `${server.url}/v1`, maxRetries: 1 });
    const served = await retrying.chat.completions.create({
      model: "bot",
      messages: [{ role: "user", content: "x" }],
    });
    expect(served.choices[0]!.message.content).toContain("alpha");
    expect(refusals.at).toHaveLength(2);
    expect(refusals.at[1]! - refusals.at[0]!).toBeGreaterThanOrEqual(950);

    const rows = await usage((all) => all.filter((r) => r.statusCode === 429).length >= 2);
    expect(rows.filter((r) => r.statusCode === 429).length).toBe(2);
    expect(rows.filter((r) => r.statusCode === 404).length).toBeGreaterThanOrEqual(1);
  });

  it("the playground's InferenceCaller takes the same path: no key, a usage record with api_key_id null", async () => {
    const caller = server.gateway!.caller;
    const res = await caller.call({
      tenantId: w.tenantId,
      projectId: w.projectId,
      serviceId: bot.id,
      endpoint: "chat/completions",
      body: { messages: [{ role: "user", content: "from the playground" }], stream: true },
      userId: w.users.owner!.id,
      logContent: true,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-infera-revision")).toBe(bot.revision);
    expect(await res.text()).toContain("alpha2");
    // Another project's service id is as unknown as a made-up one.
    const other = await caller.call({
      tenantId: w.tenantId,
      projectId: "proj_00000000000000000000000000",
      serviceId: bot.id,
      endpoint: "chat/completions",
      body: { messages: [{ role: "user", content: "x" }] },
      userId: w.users.owner!.id,
      logContent: true,
    });
    expect(other.status).toBe(404);
    const rows = await usage((all) => all.some((r) => r.apiKeyId === null && r.streamed));
    expect(rows.find((r) => r.apiKeyId === null && r.streamed)).toMatchObject({
      statusCode: 200,
      promptTokens: 7,
      completionTokens: 3,
    });
  });

  it("refuses bad transports with 400 (never 500) and a huge body with 413", async () => {
    const form = await post("/chat/completions", "model=bot", {
      "content-type": "application/x-www-form-urlencoded",
    });
    expect(form.status).toBe(400);
    expect(((await form.json()) as any).error).toMatchObject({
      type: "invalid_request_error",
      code: "unsupported_content_type",
    });
    const malformed = await post("/chat/completions", "{not json");
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as any).error.code).toBe("invalid_json");
    expect((await post("/chat/completions", null)).status).toBe(400);
    expect((await post("/chat/completions", "[1]")).status).toBe(400);
    const noModel = await post("/chat/completions", JSON.stringify({ messages: [] }));
    expect(noModel.status).toBe(400);
    expect(((await noModel.json()) as any).error).toMatchObject({ code: "missing_model", param: "model" });
    const huge = await post(
      "/chat/completions",
      JSON.stringify({ model: "bot", pad: "x".repeat(5 * 1024 * 1024) }),
    );
    expect(huge.status).toBe(413);
    // Without a Content-Length (chunked) the body is counted as it arrives: a small one is served,
    // one over the limit refused while streaming.
    const chunked = (text: string) =>
      fetch(`${server.url}/v1/chat/completions`, {
        method: "POST",
        headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
        body: new Blob([text]).stream(),
        duplex: "half",
      } as RequestInit);
    const small = await chunked(JSON.stringify({ model: "bot", messages: [{ role: "user", content: "x" }] }));
    expect(small.status).toBe(200);
    const hugeChunked = await chunked(JSON.stringify({ model: "bot", pad: "x".repeat(5 * 1024 * 1024) }));
    expect(hugeChunked.status).toBe(413);
  });

  it("pins a revision with svc@rev; another tenant's service and revision are unknown (404)", async () => {
    const pinned = await post(
      "/chat/completions",
      JSON.stringify({ model: `bot@${bot.revision}`, messages: [{ role: "user", content: "x" }] }),
    );
    expect(pinned.status).toBe(200);
    expect(pinned.headers.get("x-infera-revision")).toBe(bot.revision);

    const other = await createWorld(server.url);
    const theirs = await service(other, "theirs", b.baseUrl);
    await ready(theirs.id);
    const theirSecret = await key(other);
    const theirCall = await fetch(`${server.url}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${theirSecret}`, "content-type": "application/json" },
      body: JSON.stringify({ model: "theirs", messages: [{ role: "user", content: "x" }] }),
    });
    expect(theirCall.status).toBe(200);
    for (const model of ["theirs", `theirs@${theirs.revision}`, `bot@${theirs.revision}`]) {
      const res = await post(
        "/chat/completions",
        JSON.stringify({ model, messages: [{ role: "user", content: "x" }] }),
      );
      expect(res.status, model).toBe(404);
      expect(((await res.json()) as any).error.code).toBe("model_not_found");
    }
    // Their list does not show ours.
    const list = await fetch(`${server.url}/v1/models`, {
      headers: { authorization: `Bearer ${theirSecret}` },
    });
    expect(((await list.json()) as any).data.map((m: any) => m.id)).toEqual(["theirs"]);
  });

  it("splits 1,000 calls 90/10 within ±3 points, and the usage records per revision show it", async () => {
    const canary = await service(w, "split", a.baseUrl);
    const deployed = await owner.post(`/services/${canary.id}/revisions`, {
      config: {
        model: { model_id: tiny, tag: "latest" },
        runtime: { kind: "openai-compatible", base_url: b.baseUrl, api_key: "sk-split" },
        resources: { resource_class: "cpu-2" },
      },
      strategy: "canary",
      weight: 10,
    });
    expect(deployed.status, deployed.text).toBe(201);
    const r2 = deployed.body.data.id as string;
    await ready(canary.id);
    const counts = new Map<string, number>();
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < 1000) {
          next += 1;
          const res = await post(
            "/chat/completions",
            JSON.stringify({ model: "split", messages: [{ role: "user", content: "x" }] }),
          );
          expect(res.status).toBe(200);
          const rev = res.headers.get("x-infera-revision")!;
          const text = ((await res.json()) as any).choices[0].message.content as string;
          // The revision header and the upstream that answered agree.
          expect(text.startsWith(rev === r2 ? "beta" : "alpha")).toBe(true);
          counts.set(rev, (counts.get(rev) ?? 0) + 1);
        }
      }),
    );
    const share = ((counts.get(r2) ?? 0) / 1000) * 100;
    expect(share).toBeGreaterThanOrEqual(7);
    expect(share).toBeLessThanOrEqual(13);
    const rows = (await usage((all) => all.filter((r) => r.serviceId === canary.id).length >= 1000)).filter(
      (r) => r.serviceId === canary.id,
    );
    expect(rows).toHaveLength(1000);
    expect(rows.filter((r) => r.revisionId === r2).length).toBe(counts.get(r2));
    expect(rows.filter((r) => r.revisionId === canary.revision).length).toBe(counts.get(canary.revision));
  }, 120_000);

  it("a client that disconnects cancels the upstream generation; metered as 499", async () => {
    const res = await post(
      "/chat/completions",
      JSON.stringify({ model: "bot", messages: [{ role: "user", content: "forever" }], stream: true }),
    );
    const reader = res.body!.getReader();
    await reader.read();
    await reader.read();
    const call = lastCall(a);
    expect(call.body.messages[0].content).toBe("forever");
    expect(call.aborted).toBe(false);
    await reader.cancel();
    for (let i = 0; i < 50 && !call.aborted; i++) await new Promise((r) => setTimeout(r, 100));
    expect(call.aborted).toBe(true);
    const rows = await usage((all) => all.some((r) => r.statusCode === 499 && r.streamed));
    expect(rows.some((r) => r.statusCode === 499 && r.streamed)).toBe(true);
  });

  it("six seconds of upstream silence before the first byte is not cut", async () => {
    const started = Date.now();
    const res = await post(
      "/chat/completions",
      JSON.stringify({ model: "bot", messages: [{ role: "user", content: "silence:6000" }], stream: true }),
    );
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(Date.now() - started).toBeGreaterThanOrEqual(5900);
    expect(text).toContain("alpha2");
    expect(text.trim().endsWith("data: [DONE]")).toBe(true);
  }, 30_000);

  it("prices each call from the tenant's price table, and a price set reaches the gateway", async () => {
    const svc = (await w.admin.get(`/services/${bot.id}`)).body.data;
    const modelVersionId = svc.revisions.find((r: any) => r.id === bot.revision).model_version_id as string;
    const set = await w.users.tenantAdmin!.client.put(`/tenants/${w.tenantId}/prices`, {
      subject_kind: "model_version",
      subject_id: modelVersionId,
      input_per_million: 1000,
      output_per_million: 2000,
    });
    expect(set.status, set.text).toBe(200);
    // 7 prompt tokens at 1,000 and 3 completion tokens at 2,000 per million.
    const expected = 0.013;
    let priced: UsageRow | undefined;
    for (let i = 0; i < 20 && !priced; i++) {
      // The first call after the change may end before the re-read prices arrive (recorded unpriced).
      await sdk.chat.completions.create({
        model: "bot",
        messages: [{ role: "user", content: `priced ${i}` }],
      });
      const rows = await usage((all) => all.some((r) => r.costEstimate === expected));
      priced = rows.find((r) => r.costEstimate === expected);
    }
    expect(priced, "a call priced at the model version's token prices").toBeDefined();
    expect(priced).toMatchObject({ promptTokens: 7, completionTokens: 3, modelVersionId });
    const report = await owner.get(`/projects/${w.projectId}/usage?group_by=service`);
    expect(report.status, report.text).toBe(200);
    expect(report.body.data.totals.cost_estimate).toBeGreaterThanOrEqual(expected);
    expect(report.body.data.totals.priced_requests).toBeGreaterThanOrEqual(1);
  });
});
