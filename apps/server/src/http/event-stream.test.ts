import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answerEventStream, type EventLog, resumePoint, type StreamedEvent } from "./event-stream.js";

/** An in-memory log with the same contract as a table of events plus LISTEN/NOTIFY. */
function memoryLog() {
  const events: StreamedEvent[] = [];
  const followers = new Set<() => void>();
  let closed = false;
  const log: EventLog = {
    load: async (after, limit) => events.filter((e) => e.seq > after).slice(0, limit),
    follow: async (wake) => {
      followers.add(wake);
      return async () => {
        followers.delete(wake);
      };
    },
    closed: async () => closed,
  };
  return {
    log,
    followers,
    append(type: string, data: unknown) {
      events.push({ seq: events.length + 1, type, data });
      for (const wake of followers) wake();
    },
    close() {
      closed = true;
      for (const wake of followers) wake();
    },
  };
}

/** Reads an SSE response and yields its messages as they arrive. */
async function* readMessages(res: Response) {
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    let cut = buffer.indexOf("\n\n");
    while (cut >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      const msg: Record<string, string> = {};
      for (const line of block.split("\n")) {
        const i = line.indexOf(":");
        if (i <= 0) continue;
        msg[line.slice(0, i)] = line.slice(i + 1).trimStart();
      }
      if (msg.event || msg.data) yield msg;
      cut = buffer.indexOf("\n\n");
    }
  }
}

async function take(iter: AsyncGenerator<Record<string, string>>, n: number) {
  const out: Record<string, string>[] = [];
  while (out.length < n) {
    const { value, done } = await iter.next();
    if (done) break;
    out.push(value);
  }
  return out;
}

describe("answerEventStream", () => {
  let source: ReturnType<typeof memoryLog>;
  let base: string;
  const shutdown = new AbortController();
  let server: ReturnType<typeof serve>;
  beforeAll(async () => {
    source = memoryLog();
    const app = new Hono();
    app.get("/events", (c) =>
      answerEventStream(c, source.log, {
        after: resumePoint(c.req.header("last-event-id"), Number(c.req.query("after") ?? 0)),
        pollMs: 60_000,
        heartbeatMs: 200,
        signal: c.req.query("stoppable") ? shutdown.signal : undefined,
      }),
    );
    server = await new Promise((resolve) => {
      const s = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 }, () => resolve(s));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("sends the backlog, then live events as they are appended, each with its seq as id", async () => {
    source.append("progress", { step: 1 });
    source.append("metrics", { step: 1, loss: 4.2 });
    const res = await fetch(`${base}/events`);
    expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const messages = readMessages(res);
    const first = await take(messages, 3);
    expect(first.map((m) => [m.event, m.id])).toEqual([
      ["ready", undefined],
      ["progress", "1"],
      ["metrics", "2"],
    ]);
    source.append("progress", { step: 2 });
    const [live] = await take(messages, 1);
    expect(live).toMatchObject({ event: "progress", id: "3", data: JSON.stringify({ step: 2 }) });
    await messages.return(undefined);
  });

  it("resumes after Last-Event-ID with no gap and no duplicate, and the header wins over ?after", async () => {
    const res = await fetch(`${base}/events?after=0`, { headers: { "Last-Event-ID": "2" } });
    const messages = readMessages(res);
    const got = await take(messages, 2);
    expect(got.map((m) => m.id)).toEqual([undefined, "3"]);
    source.append("log", { message: "hello" });
    const [next] = await take(messages, 1);
    expect(next?.id).toBe("4");
    await messages.return(undefined);
  });

  it("keeps an idle stream open with comments and stops following when the client leaves", async () => {
    const before = source.followers.size;
    const controller = new AbortController();
    const res = await fetch(`${base}/events?after=4`, { signal: controller.signal });
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    let text = "";
    while (!text.includes(": keep-alive")) {
      const { value } = await reader.read();
      text += new TextDecoder().decode(value);
    }
    expect(source.followers.size).toBe(before + 1);
    controller.abort();
    const deadline = Date.now() + 5_000;
    while (source.followers.size > before && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    expect(source.followers.size).toBe(before);
  });

  it("closes at once, without an end event, when the server shuts down", async () => {
    const before = source.followers.size;
    const res = await fetch(`${base}/events?after=4&stoppable=1`);
    const messages = readMessages(res);
    expect((await take(messages, 1))[0]?.event).toBe("ready");
    shutdown.abort();
    // The body ends (the reader is done) with nothing more sent, and the log is no longer followed.
    expect(await take(messages, 10)).toEqual([]);
    expect(source.followers.size).toBe(before);
  });

  it("ends with an end event once the log is closed and everything was sent", async () => {
    const res = await fetch(`${base}/events?after=3`);
    const messages = readMessages(res);
    await take(messages, 2); // ready, seq 4
    source.append("completed", { step: 2 });
    source.close();
    const rest = await take(messages, 10);
    expect(rest.map((m) => m.event)).toEqual(["completed", "end"]);
    expect(JSON.parse(rest[1]?.data ?? "{}")).toEqual({ last: 5 });
  });

  it("reads the resume point", () => {
    expect(resumePoint("17", 3)).toBe(17);
    expect(resumePoint(undefined, 3)).toBe(3);
    expect(resumePoint("garbage", undefined)).toBe(0);
    expect(resumePoint("-1", 2)).toBe(2);
  });
});
