import { eq, tables } from "@infera/db";
import { BUNDLED_MODEL_DIR, type RunningServer } from "@infera/server";
import { createWorld, startFixedAnswerUpstream, startTestServer, type World } from "@infera/server/testing";
import OpenAI from "openai";
import type { FunctionTool, ResponseInputItem } from "openai/resources/responses/responses";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

type Upstream = Awaited<ReturnType<typeof startFixedAnswerUpstream>>;

const WEATHER: FunctionTool = {
  type: "function",
  name: "weather",
  description: "The weather of a city",
  parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
  strict: true,
};
const TIME: FunctionTool = { type: "function", name: "time", parameters: { type: "object" }, strict: false };

/**
 * `/v1/responses` with function tools, through the official `openai` SDK unchanged, against a
 * revision whose upstream is a fixed-answer openai-compatible server of the test's own that answers
 * tool calls when the prompt says `call:<name>:<json>`: the chat request the gateway sends, the
 * Response's function_call items, the streamed events the SDK's helpers accumulate, a second turn
 * with the function's output, usage metered, and refusals naming the param.
 */
describe("/v1/responses with function tools", () => {
  let server: RunningServer;
  let w: World;
  let upstream: Upstream;
  let sdk: OpenAI;
  let secret: string;
  const lastChat = () => upstream.calls.filter((c) => c.path.endsWith("/chat/completions")).at(-1)!;

  beforeAll(async () => {
    upstream = await startFixedAnswerUpstream("alpha");
    server = await startTestServer(
      { INFERA_UPSTREAM_CHECK_SECONDS: "1", INFERA_WORKER_POLL_MS: "100", INFERA_USAGE_SEGMENT_SECONDS: "1" },
      { systemModelDir: BUNDLED_MODEL_DIR },
    );
    w = await createWorld(server.url);
    const models = await w.users.owner!.client.get(`/projects/${w.projectId}/models?scope=system`);
    const tiny = models.body.data.find((m: { name: string }) => m.name === "infera-tiny").id;
    const key = await w.users.developer!.client.post(`/projects/${w.projectId}/api-keys`, {
      name: "tools",
      scopes: ["inference:invoke"],
    });
    secret = key.body.data.secret;
    const svc = await w.users.owner!.client.post(`/projects/${w.projectId}/services`, {
      name: "bot",
      exposure: "private",
      config: {
        model: { model_id: tiny, tag: "latest" },
        runtime: { kind: "openai-compatible", base_url: upstream.baseUrl, api_key: "sk-bot" },
        resources: { resource_class: "cpu-2" },
      },
    });
    expect(svc.status, svc.text).toBe(201);
    for (const end = Date.now() + 30_000; ; await new Promise((r) => setTimeout(r, 200))) {
      const s = (await w.admin.get(`/services/${svc.body.data.id}`)).body.data;
      if (s.revisions.every((r: any) => r.current_state === "ready")) break;
      if (Date.now() > end) throw new Error("service not ready");
    }
    sdk = new OpenAI({ apiKey: secret, baseURL: `${server.url}/v1`, maxRetries: 0 });
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    await upstream?.close();
  });

  it("sends function tools and tool_choice as chat's; the tool calls come back as function_call items", async () => {
    const response = await sdk.responses.create({
      model: "bot",
      instructions: "use tools",
      input: 'Checking. call:weather:{"city":"Paris"} call:time:{}',
      tools: [WEATHER, TIME],
      tool_choice: { type: "function", name: "weather" },
      parallel_tool_calls: true,
    });
    expect(lastChat().body).toMatchObject({
      messages: [
        { role: "system", content: "use tools" },
        { role: "user", content: 'Checking. call:weather:{"city":"Paris"} call:time:{}' },
      ],
      tools: [
        {
          type: "function",
          function: {
            name: "weather",
            description: "The weather of a city",
            parameters: WEATHER.parameters,
            strict: true,
          },
        },
        { type: "function", function: { name: "time", parameters: { type: "object" }, strict: false } },
      ],
      tool_choice: { type: "function", function: { name: "weather" } },
      parallel_tool_calls: true,
    });
    expect(response.output_text).toBe("Checking.");
    expect(response.output.map((o) => o.type)).toEqual(["message", "function_call", "function_call"]);
    expect(response.output[1]).toMatchObject({
      type: "function_call",
      id: expect.stringMatching(/^fc_/),
      call_id: "call_0_weather",
      name: "weather",
      arguments: '{"city":"Paris"}',
      status: "completed",
    });
    expect(response.output[2]).toMatchObject({ call_id: "call_1_time", name: "time", arguments: "{}" });
    expect(response.usage).toMatchObject({ input_tokens: 7, output_tokens: 3 });
    expect(response).toMatchObject({ tool_choice: { type: "function", name: "weather" }, store: false });
    for (const choice of ["auto", "none", "required"] as const) {
      await sdk.responses.create({ model: "bot", input: "hi", tools: [TIME], tool_choice: choice });
      expect(lastChat().body.tool_choice).toBe(choice);
    }
  });

  it("streams the calls as OpenAI does; the SDK's stream helper assembles the same Response", async () => {
    const stream = sdk.responses.stream({
      model: "bot",
      input: 'call:weather:{"city":"Paris"} call:time:{"zone":"UTC"}',
      tools: [WEATHER, TIME],
    });
    const events: string[] = [];
    const deltas: string[] = [];
    stream.on("event", (e) => events.push(e.type));
    stream.on("response.function_call_arguments.delta", (e) => deltas.push(e.delta));
    const final = await stream.finalResponse();
    expect(final.output).toMatchObject([
      { type: "function_call", call_id: "call_0_weather", name: "weather", arguments: '{"city":"Paris"}' },
      { type: "function_call", call_id: "call_1_time", name: "time", arguments: '{"zone":"UTC"}' },
    ]);
    expect(final.output.every((o) => (o as { status?: string }).status === "completed")).toBe(true);
    expect(final.usage).toMatchObject({ input_tokens: 7, output_tokens: 3 });
    // Two pieces of arguments per call, each item opened, filled, closed in turn.
    expect(deltas).toEqual(['{"city":', '"Paris"}', '{"zone"', ':"UTC"}']);
    const perCall = [
      "response.output_item.added",
      "response.function_call_arguments.delta",
      "response.function_call_arguments.delta",
      "response.function_call_arguments.done",
      "response.output_item.done",
    ];
    expect(events).toEqual(["response.created", ...perCall, ...perCall, "response.completed"]);

    // Text then a call: a message item first, then the function_call item.
    const mixed = await sdk.responses
      .stream({ model: "bot", input: 'Looking. call:weather:{"city":"Oslo"}', tools: [WEATHER] })
      .finalResponse();
    expect(mixed.output.map((o) => o.type)).toEqual(["message", "function_call"]);
    expect(mixed.output_text).toBe("Looking.");
    // Plain text streams as before.
    const plain = await sdk.responses
      .stream({ model: "bot", input: "hello", tools: [WEATHER] })
      .finalResponse();
    expect(plain.output_text).toBe("alpha0 alpha1 alpha2");
  });

  it("a second turn sends the call and its output back as an assistant tool_calls turn and a tool turn", async () => {
    const first = await sdk.responses.create({
      model: "bot",
      input: 'call:weather:{"city":"Paris"}',
      tools: [WEATHER],
    });
    const call = first.output.find((o) => o.type === "function_call")!;
    const input: ResponseInputItem[] = [
      { role: "user", content: 'call:weather:{"city":"Paris"}' },
      ...(first.output as ResponseInputItem[]),
      { type: "function_call_output", call_id: (call as { call_id: string }).call_id, output: "sunny, 21 C" },
    ];
    const second = await sdk.responses.create({ model: "bot", input, tools: [WEATHER] });
    expect(lastChat().body.messages).toEqual([
      { role: "user", content: 'call:weather:{"city":"Paris"}' },
      {
        role: "assistant",
        content: null,
        tool_calls: [
          {
            id: "call_0_weather",
            type: "function",
            function: { name: "weather", arguments: '{"city":"Paris"}' },
          },
        ],
      },
      { role: "tool", tool_call_id: "call_0_weather", content: "sunny, 21 C" },
    ]);
    expect(second.output_text).toBe("alpha0 alpha1 alpha2");
    // Text parts are accepted as a function's output too.
    await sdk.responses.create({
      model: "bot",
      input: [{ type: "function_call_output", call_id: "c", output: [{ type: "input_text", text: "a" }] }],
    });
    expect(lastChat().body.messages).toEqual([{ role: "tool", tool_call_id: "c", content: "a" }]);
    const rows = await usageRows((r) => r.length >= 4);
    expect(
      rows.filter((r) => r.endpoint === "responses" && r.statusCode === 200).length,
    ).toBeGreaterThanOrEqual(4);
    expect(rows.every((r) => r.promptTokens === 7 || r.statusCode !== 200)).toBe(true);
  });

  it("refuses what it cannot translate with 400 and the param named, before the upstream is called", async () => {
    const before = upstream.calls.length;
    const cases: Array<[Record<string, unknown>, string, RegExp]> = [
      [{ tools: [{ type: "web_search" }] }, "tools[0].type", /built-in tools \(`web_search`\)/],
      [{ tools: [{ type: "file_search", vector_store_ids: ["v"] }] }, "tools[0].type", /file_search/],
      [{ tools: [{ type: "function" }] }, "tools[0].name", /name/],
      [{ tools: [{ type: "function", name: "bad name!" }] }, "tools[0].name", /letters/],
      [{ tools: [WEATHER, WEATHER] }, "tools[1].name", /two tools/],
      [{ tools: [{ ...TIME, parameters: "x" }] }, "tools[0].parameters", /JSON Schema/],
      [{ tools: "weather" }, "tools", /list/],
      [
        { tools: [TIME], tool_choice: { type: "function", name: "weather" } },
        "tool_choice.name",
        /not among/,
      ],
      [{ tool_choice: "required" }, "tool_choice", /needs function `tools`/],
      [{ tools: [TIME], tool_choice: { type: "web_search_preview" } }, "tool_choice", /built-in/],
      [{ tools: [TIME], parallel_tool_calls: "yes" }, "parallel_tool_calls", /boolean/],
      [{ previous_response_id: "resp_1" }, "previous_response_id", /not stored/],
      [{ input: [{ type: "function_call", call_id: "c", name: "f" }] }, "input[0].arguments", /JSON string/],
      [{ input: [{ type: "function_call_output", output: "x" }] }, "input[0].call_id", /call_id/],
      [
        { input: [{ role: "user", content: [{ type: "input_image", image_url: "https://x/y.png" }] }] },
        "input[0].content[0]",
        /input_image/,
      ],
      [
        {
          input: [
            { type: "function_call_output", call_id: "c", output: [{ type: "input_file", file_id: "f" }] },
          ],
        },
        "input[0].output[0]",
        /input_file/,
      ],
      [{ input: [{ type: "reasoning", summary: [] }] }, "input[0].type", /reasoning/],
    ];
    for (const [extra, param, message] of cases) {
      const res = await fetch(`${server.url}/v1/responses`, {
        method: "POST",
        headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
        body: JSON.stringify({ model: "bot", input: "hi", ...extra }),
      });
      const body = (await res.json()) as { error: { param: string; message: string; type: string } };
      expect([res.status, body.error.param], JSON.stringify(extra)).toEqual([400, param]);
      expect(body.error.message).toMatch(message);
      expect(body.error.type).toBe("invalid_request_error");
    }
    // The SDK surfaces it as its BadRequestError with the param.
    const refused = await sdk.responses
      .create({ model: "bot", input: "hi", tools: [{ type: "web_search" }] })
      .catch((e) => e);
    expect(refused).toBeInstanceOf(OpenAI.BadRequestError);
    expect(refused.param).toBe("tools[0].type");
    expect(upstream.calls.filter((c) => !c.path.endsWith("/models")).length).toBe(
      upstream.calls.slice(0, before).filter((c) => !c.path.endsWith("/models")).length,
    );
  });

  type UsageRow = typeof tables.usageRecords.$inferSelect;
  async function usageRows(done: (rows: UsageRow[]) => boolean) {
    for (let i = 0; ; i++) {
      await server.meter!.ship();
      const rows = await server.database.db
        .select()
        .from(tables.usageRecords)
        .where(eq(tables.usageRecords.projectId, w.projectId));
      if (done(rows) || i > 60) return rows;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
});
