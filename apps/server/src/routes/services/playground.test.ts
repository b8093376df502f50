import { Writable } from "node:stream";
import { echoInferenceCaller } from "@infera/testing";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../main.js";
import { startTestServer } from "../../testing/test-server.js";
import { createWorld, type World } from "../../testing/world.js";
import { seedModel } from "../models/model-test-helpers.js";

const hello = { messages: [{ role: "user", content: "hello there" }] };

/** The data frames of an SSE text, parsed (`[DONE]` as the string). */
function frames(text: string): unknown[] {
  return text
    .split("\n\n")
    .filter((b) => b.startsWith("data: "))
    .map((b) => b.slice(6))
    .map((d) => (d === "[DONE]" ? d : JSON.parse(d)));
}

/**
 * The playground's route: authorized on the service's project, a pinned revision checked against
 * the service, and the call handed to the `InferenceCaller` port — here the echoing fake of ours —
 * whose answer goes back as it comes (JSON or SSE) with the revision and the log-content headers.
 */
describe("POST /services/{serviceId}/playground/chat", () => {
  const caller = echoInferenceCaller({
    chunkDelayMs: 30,
    // max_tokens 999 stands for a gateway without capacity: its OpenAI-style refusal.
    refuse: (call) =>
      call.body.max_tokens === 999
        ? Response.json(
            { error: { message: "no ready replica within 30 s", type: "server_error", code: "no_capacity" } },
            { status: 503, headers: { "retry-after": "7" } },
          )
        : null,
  });
  // The server's log lines, to check what a playground call leaves there.
  const logLines: string[] = [];
  const log = pino(
    { level: "info" },
    new Writable({
      write(chunk, _enc, done) {
        logLines.push(String(chunk));
        done();
      },
    }),
  );
  let server: RunningServer;
  let bare: RunningServer;
  let w: World;
  let other: World;
  let counter = 0;

  beforeAll(async () => {
    [server, bare] = await Promise.all([
      startTestServer({}, { apiOnly: true, inference: caller, log }),
      // The api role alone: no `/v1`, but its own gateway caller (decision 0042).
      startTestServer({}, { apiOnly: true }),
    ]);
    [w, other] = await Promise.all([createWorld(server.url), createWorld(server.url)]);
  });
  afterAll(async () => {
    await Promise.all([server?.stop(), bare?.stop()]);
  });

  async function service(world: World = w, projectId = world.projectId) {
    const owner = world.users.owner!.client;
    const { modelId } = await seedModel(owner, projectId);
    const res = await owner.post(`/projects/${projectId}/services`, {
      name: `chat-${Date.now().toString(36)}-${++counter}`,
      exposure: "private",
      config: {
        model: { model_id: modelId },
        runtime: { kind: "openai-compatible", base_url: `http://127.0.0.1:9/v${counter}` },
        resources: { resource_class: "cpu-2" },
      },
    });
    expect(res.status, res.text).toBe(201);
    return {
      id: res.body.data.id as string,
      name: res.body.data.name as string,
      revisionId: res.body.data.revisions[0].id as string,
    };
  }

  it("answers the service's JSON with the revision it pinned and says its content may be logged", async () => {
    const s = await service();
    const res = await w.users.developer!.client.post(`/services/${s.id}/playground/chat`, {
      ...hello,
      temperature: 0.2,
      seed: 7,
      revision_id: s.revisionId,
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body.choices[0].message.content).toBe(`${s.revisionId}: hello there`);
    expect(res.body.usage).toEqual({ prompt_tokens: 2, completion_tokens: 3, total_tokens: 5 });
    expect(res.headers.get("x-infera-revision")).toBe(s.revisionId);
    expect(res.headers.get("x-infera-log-content")).toBe("true");
    const call = caller.calls.at(-1)!;
    expect(call).toMatchObject({
      tenantId: w.tenantId,
      projectId: w.projectId,
      serviceId: s.id,
      revisionId: s.revisionId,
      endpoint: "chat/completions",
      userId: w.users.developer!.id,
      logContent: true,
    });
    // The pin travels beside the body, not in it; the parameters go as given.
    expect(call.body).toEqual({ ...hello, temperature: 0.2, seed: 7, stream: false });
  });

  it("passes the stream through chunk by chunk, the last one before [DONE] carrying usage", async () => {
    const s = await service();
    const res = await fetch(`${server.url}/api/v1/services/${s.id}/playground/chat`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${w.users.developer!.client.token}`,
        "content-type": "application/json",
      },
      body: JSON.stringify({ messages: [{ role: "user", content: "one two three four" }], stream: true }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    expect(res.headers.get("x-infera-log-content")).toBe("true");
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    const reads: string[] = [];
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      reads.push(value);
    }
    // Chunks came as the fake wrote them, 30 ms apart: not one buffered answer.
    expect(reads.length).toBeGreaterThan(3);
    expect(reads[0]).not.toContain("[DONE]");
    const all = frames(reads.join(""));
    expect(all.at(-1)).toBe("[DONE]");
    const chunks = all.slice(0, -1) as { choices: { delta: { content?: string } }[]; usage?: unknown }[];
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? "").join("")).toBe("auto: one two three four");
    expect(chunks.at(-1)!.usage).toEqual({ prompt_tokens: 4, completion_tokens: 5, total_tokens: 9 });
    // Usage was asked for upstream whatever the caller sent.
    expect(caller.calls.at(-1)!.body.stream_options).toEqual({ include_usage: true });
  });

  it("stops the generation upstream when the browser goes away", async () => {
    const s = await service();
    const controller = new AbortController();
    const long = Array.from({ length: 60 }, (_, i) => `w${i}`).join(" ");
    const res = await fetch(`${server.url}/api/v1/services/${s.id}/playground/chat`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${w.users.developer!.client.token}`,
        "content-type": "application/json",
      },
      body: JSON.stringify({ messages: [{ role: "user", content: long }], stream: true }),
      signal: controller.signal,
    });
    const reader = res.body!.getReader();
    await reader.read();
    const call = caller.calls.at(-1)!;
    controller.abort();
    const deadline = Date.now() + 5_000;
    while (!call.aborted && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(call.aborted).toBe(true);
  });

  it("answers 404 for a revision of another service, another tenant's service and an unknown revision", async () => {
    const [s, t] = await Promise.all([service(), service()]);
    const dev = w.users.developer!.client;
    const calls = caller.calls.length;
    const pinnedElsewhere = await dev.post(`/services/${s.id}/playground/chat`, {
      ...hello,
      revision_id: t.revisionId,
    });
    expect(pinnedElsewhere.status, pinnedElsewhere.text).toBe(404);
    expect(pinnedElsewhere.body.error).toMatchObject({
      code: "not_found",
      message: "service revision not found",
    });
    const foreign = await service(other);
    const otherTenant = await w.users.tenantAdmin!.client.post(
      `/services/${foreign.id}/playground/chat`,
      hello,
    );
    expect(otherTenant.status).toBe(404);
    // Pinning another tenant's revision reads like pinning one that does not exist.
    const foreignPin = await dev.post(`/services/${s.id}/playground/chat`, {
      ...hello,
      revision_id: foreign.revisionId,
    });
    expect(foreignPin.status).toBe(404);
    expect(foreignPin.body.error.message).toBe(pinnedElsewhere.body.error.message);
    expect(caller.calls.length).toBe(calls);
  });

  it("lets Owners, Developers and Tenant Admins call, not Viewers or Finance", async () => {
    const s = await service();
    const path = `/services/${s.id}/playground/chat`;
    for (const who of ["owner", "developer", "tenantAdmin"] as const)
      expect((await w.users[who]!.client.post(path, hello)).status, who).toBe(200);
    const viewer = await w.users.viewer!.client.post(path, hello);
    expect(viewer.status).toBe(403);
    expect(viewer.body.error.code).toBe("forbidden");
    expect([403, 404]).toContain((await w.users.finance!.client.post(path, hello)).status);
    expect((await fetch(`${server.url}/api/v1${path}`, { method: "POST", body: "{}" })).status).toBe(401);
  });

  it("keeps a Prod project's content out of the logs and says so, until its policy is turned off", async () => {
    const owner = w.users.owner!.client;
    const prod = await w.users.tenantAdmin!.client.post(`/tenants/${w.tenantId}/projects`, {
      name: `Prod chat ${++counter}`,
      env: "prod",
      owner_id: w.users.owner!.id,
      members: [{ user_id: w.users.developer!.id, role: "developer" }],
    });
    expect(prod.status, prod.text).toBe(201);
    const projectId = prod.body.data.id as string;
    const s = await service(w, projectId);
    const res = await w.users.developer!.client.post(`/services/${s.id}/playground/chat`, hello);
    expect(res.status, res.text).toBe(200);
    expect(res.headers.get("x-infera-log-content")).toBe("false");
    expect(caller.calls.at(-1)!.logContent).toBe(false);
    // The server log says who called which service, never what was said.
    const line = logLines
      .map((l) => JSON.parse(l))
      .find((l) => l.msg === "playground call" && l.serviceId === s.id);
    expect(line).toMatchObject({ caller: w.users.developer!.id, logContent: false, stream: false });
    expect(logLines.filter((l) => l.includes("hello there"))).toEqual([]);

    const policies = (await owner.get(`/projects/${projectId}/policies`)).body.data;
    const off = await owner.put(`/projects/${projectId}/policies`, {
      prod_disallow_scale_to_zero: policies.prod_disallow_scale_to_zero,
      prod_force_alerts: policies.prod_force_alerts,
      prod_no_playground_logging: false,
      viewers_cannot_view_logs: policies.viewers_cannot_view_logs,
    });
    expect(off.status, off.text).toBe(200);
    const logged = await w.users.developer!.client.post(`/services/${s.id}/playground/chat`, hello);
    expect(logged.headers.get("x-infera-log-content")).toBe("true");
    expect(caller.calls.at(-1)!.logContent).toBe(true);
  });

  it("keeps the gateway's refusal: its message, our code and status, its Retry-After", async () => {
    const s = await service();
    const res = await w.users.developer!.client.post(`/services/${s.id}/playground/chat`, {
      ...hello,
      max_tokens: 999,
    });
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("7");
    expect(res.body.error).toMatchObject({
      code: "service_unavailable",
      message: "no ready replica within 30 s",
      details: { upstream_status: 503, upstream_code: "no_capacity" },
    });
  });

  it("calls through the process's own gateway caller without the gateway role: the gateway's 503 for a dead upstream", async () => {
    const bareWorld = await createWorld(bare.url);
    const s = await service(bareWorld);
    const res = await bareWorld.users.developer!.client.post(`/services/${s.id}/playground/chat`, hello);
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe("service_unavailable");
    expect(res.body.error.message).toBe(`revision 1 of ${s.name} is pending: its upstream is not answering`);
    expect((await fetch(`${bare.url}/v1/models`)).status).toBe(404);
  });

  it("refuses a bad body with 400 naming the field, another content type with 415", async () => {
    const s = await service();
    const dev = w.users.developer!.client;
    const path = `/services/${s.id}/playground/chat`;
    const calls = caller.calls.length;
    const cases: [unknown, string][] = [
      [{}, "messages"],
      [{ messages: [] }, "messages"],
      [{ messages: [{ role: "tool", content: "x" }] }, "messages.0.role"],
      [{ ...hello, temperature: 5 }, "temperature"],
      [{ ...hello, max_tokens: 0 }, "max_tokens"],
      [{ ...hello, stop: ["a", "b", "c", "d", "e"] }, "stop"],
      [{ ...hello, response_format: { type: "json_schema" } }, "response_format.json_schema"],
      [{ ...hello, revision_id: "rev_nope" }, "revision_id"],
      [{ ...hello, model: "gpt-4" }, ""],
    ];
    for (const [body, field] of cases) {
      const res = await dev.post(path, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe("validation_error");
      const fields = JSON.stringify(res.body.error.details);
      expect(fields, JSON.stringify(body)).toContain(field || "model");
    }
    expect(
      (await dev.request("POST", path, '{"messages": [', { "content-type": "application/json" })).status,
    ).toBe(400);
    expect((await dev.request("POST", path, "hello", { "content-type": "text/plain" })).status).toBe(415);
    expect(caller.calls.length).toBe(calls);
  });
});
