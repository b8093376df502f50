import { FineTuneJob, type FineTuneJobStatus } from "@infera/contracts";
import { transitionJob, withTransaction } from "@infera/core";
import { eq, tables } from "@infera/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../main.js";
import type { HttpClient } from "../../testing/http.js";
import { startTestServer } from "../../testing/test-server.js";
import { createWorld, type World } from "../../testing/world.js";
import { type JobInputs, seedJob, seedJobInputs } from "../fine-tuning/fine-tuning-test-helpers.js";
import { closedPort, startReceiver, until, verifySignature } from "./webhook-test-helpers.js";

describe("webhooks: registration, signed deliveries of fine-tuning job events, retries, the delivery log", () => {
  let server: RunningServer;
  let w: World;
  let owner: HttpClient;
  let inputs: JobInputs;
  const receivers: { close(): Promise<void> }[] = [];

  beforeAll(async () => {
    server = await startTestServer({
      INFERA_WORKER_POLL_MS: "50",
      // 20 ms, 80 ms, 400 ms… instead of 30 s, 2 min, 10 min: the schedule's shape, quickly.
      INFERA_WEBHOOK_RETRY_BASE_MS: "20",
      // A receiver that hangs is never answered within a test: an attempt whose lease the test took
      // away must not time out and record itself (a loaded machine can take 10 s over the rounds).
      INFERA_WEBHOOK_TIMEOUT_SECONDS: "600",
      INFERA_WEBHOOK_MAX_ATTEMPTS: "3",
    });
    w = await createWorld(server.url);
    owner = w.users.owner!.client;
    inputs = await seedJobInputs(owner, w.projectId);
  });
  afterAll(async () => {
    for (const r of receivers) await r.close();
    await server?.stop();
  });

  const receiver = async (answer?: Parameters<typeof startReceiver>[0]) => {
    const r = await startReceiver(answer);
    receivers.push(r);
    return r;
  };

  const createHook = async (url: string, events: string[] = ["fine_tuning.job.canceled"]) => {
    const res = await owner.post(`/projects/${w.projectId}/webhooks`, { url, events, description: "ci" });
    expect(res.status, res.text).toBe(201);
    return res.body.data as { id: string; secret: string };
  };

  const deliveriesOf = async (webhookId: string) => {
    const res = await owner.get(`/webhooks/${webhookId}/deliveries`);
    expect(res.status, res.text).toBe(200);
    return res.body.data as any[];
  };

  const settled = (webhookId: string, count = 1) =>
    until(`${count} settled deliveries of ${webhookId}`, async () => {
      const list = await deliveriesOf(webhookId);
      return list.length >= count && list.every((d) => d.status !== "pending") && list;
    });

  it("creates, reads, lists, updates and deletes a webhook; the secret is shown at create and rotate only", async () => {
    const created = await owner.post(`/projects/${w.projectId}/webhooks`, {
      url: "https://example.test/hooks",
      events: ["fine_tuning.job.succeeded", "fine_tuning.job.failed", "fine_tuning.job.failed"],
    });
    expect(created.status, created.text).toBe(201);
    const hook = created.body.data;
    expect(hook.secret).toMatch(/^whsec_/);
    expect(hook.events).toEqual(["fine_tuning.job.succeeded", "fine_tuning.job.failed"]);
    expect(hook.enabled).toBe(true);

    const read = await owner.get(`/webhooks/${hook.id}`);
    expect(read.status).toBe(200);
    expect(read.body.data.secret).toBeUndefined();
    expect(read.text).not.toContain(hook.secret);
    const list = await owner.get(`/projects/${w.projectId}/webhooks`);
    expect(list.body.data.map((h: { id: string }) => h.id)).toContain(hook.id);
    expect(list.text).not.toContain("whsec_");

    const patched = await owner.patch(`/webhooks/${hook.id}`, { enabled: false, description: "off for now" });
    expect(patched.status, patched.text).toBe(200);
    expect(patched.body.data).toMatchObject({ enabled: false, description: "off for now" });

    const rotated = await owner.post(`/webhooks/${hook.id}/rotate-secret`);
    expect(rotated.status).toBe(200);
    expect(rotated.body.data.secret).toMatch(/^whsec_/);
    expect(rotated.body.data.secret).not.toBe(hook.secret);

    // The audit trail says the secret changed, never what it is.
    const audit = await w.users.tenantAdmin!.client.get(`/projects/${w.projectId}/audit-events`);
    expect(audit.text).toContain("project.webhook.rotate_secret");
    expect(audit.text).not.toContain(rotated.body.data.secret);
    expect(audit.text).not.toContain(hook.secret);

    expect((await owner.delete(`/webhooks/${hook.id}`)).status).toBe(204);
    expect((await owner.get(`/webhooks/${hook.id}`)).status).toBe(404);
  });

  it("refuses bad input: non-http URLs, too long URLs, no or unknown events, unknown fields, a non-JSON body", async () => {
    const path = `/projects/${w.projectId}/webhooks`;
    const events = ["fine_tuning.job.failed"];
    for (const body of [
      { url: "ftp://example.test/hook", events },
      { url: "file:///etc/passwd", events },
      { url: "not a url", events },
      { url: `https://example.test/${"a".repeat(2048)}`, events },
      { url: "https://example.test/hook", events: [] },
      { url: "https://example.test/hook", events: ["model.deleted"] },
      { url: "https://example.test/hook", events, secret: "mine" },
    ]) {
      const res = await owner.post(path, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe("validation_error");
    }
    const text = await owner.post(path, "url=https://example.test", { "content-type": "text/plain" });
    expect(text.status).toBe(415);
    expect(text.body.error.code).toBe("unsupported_media_type");
    const hook = await createHook("https://example.test/hooks");
    const bad = await owner.patch(`/webhooks/${hook.id}`, { url: "javascript:alert(1)" });
    expect(bad.status).toBe(400);
  });

  it("only project owners and tenant admins manage webhooks; another tenant's ids answer 404", async () => {
    const hook = await createHook("https://example.test/hooks");
    const dev = w.users.developer!.client;
    expect((await dev.get(`/webhooks/${hook.id}`)).status).toBe(403);
    expect(
      (
        await dev.post(`/projects/${w.projectId}/webhooks`, {
          url: "https://x.test",
          events: ["fine_tuning.job.failed"],
        })
      ).status,
    ).toBe(403);
    expect((await w.users.tenantAdmin!.client.get(`/webhooks/${hook.id}`)).status).toBe(200);

    const other = await createWorld(server.url);
    const stranger = other.users.tenantAdmin!.client;
    const ping = await owner.post(`/webhooks/${hook.id}/test`);
    expect(ping.status).toBe(202);
    for (const [method, path] of [
      ["get", `/webhooks/${hook.id}`],
      ["patch", `/webhooks/${hook.id}`],
      ["delete", `/webhooks/${hook.id}`],
      ["post", `/webhooks/${hook.id}/rotate-secret`],
      ["post", `/webhooks/${hook.id}/test`],
      ["get", `/webhooks/${hook.id}/deliveries`],
      ["post", `/webhook-deliveries/${ping.body.data.id}/redeliver`],
    ] as const) {
      const res =
        method === "patch" ? await stranger.patch(path, { enabled: false }) : await stranger[method](path);
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.body.error.code).toBe("not_found");
    }
    expect((await stranger.get(`/projects/${w.projectId}/webhooks`)).status).toBe(404);
  });

  it("a canceled job reaches its project's subscribed webhooks, signed, with the job as the API shows it", async () => {
    const r = await receiver();
    const hook = await createHook(r.url, ["fine_tuning.job.canceled", "fine_tuning.job.succeeded"]);
    const notSubscribed = await createHook(r.url, ["fine_tuning.job.failed"]);
    const disabled = await createHook(r.url, ["fine_tuning.job.canceled"]);
    await owner.patch(`/webhooks/${disabled.id}`, { enabled: false });

    const job = await seedJob(owner, w.projectId, inputs);
    const canceled = await owner.post(`/fine-tuning/jobs/${job.id}/cancel`);
    expect(canceled.status, canceled.text).toBe(200);

    const [delivery] = await settled(hook.id);
    expect(delivery).toMatchObject({
      status: "succeeded",
      attempts: 1,
      response_status: 200,
      event_type: "fine_tuning.job.canceled",
    });
    expect(delivery.response_body).toBe("answer 1");
    expect(r.received).toHaveLength(1);
    const got = r.received[0]!;
    expect(got.headers["content-type"]).toBe("application/json");
    expect(got.headers["user-agent"]).toBe("Infera-Webhooks/1");
    expect(got.headers["x-infera-event"]).toBe("fine_tuning.job.canceled");
    expect(got.headers["x-infera-delivery"]).toBe(delivery.id);
    const ts = Number(got.headers["x-infera-timestamp"]);
    expect(Math.abs(ts - Date.now() / 1000)).toBeLessThan(60);
    expect(got.headers["x-infera-signature"]).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(verifySignature(hook.secret, got)).toBe(true);
    expect(verifySignature(notSubscribed.secret, got)).toBe(false);
    // Any change to the body breaks the signature.
    expect(verifySignature(hook.secret, { ...got, body: got.body.replace("canceled", "succeeded") })).toBe(
      false,
    );

    expect(got.json).toMatchObject({ id: delivery.event_id, type: "fine_tuning.job.canceled" });
    expect(Date.parse(got.json.created_at)).not.toBeNaN();
    const shown = FineTuneJob.parse(got.json.data.job);
    expect(shown).toMatchObject({ id: job.id, status: "canceled", project_id: w.projectId });

    expect(await deliveriesOf(notSubscribed.id)).toHaveLength(0);
    expect(await deliveriesOf(disabled.id)).toHaveLength(0);
  });

  it("a job that starts and then fails sends started and failed", async () => {
    const r = await receiver();
    const hook = await createHook(r.url, ["fine_tuning.job.started", "fine_tuning.job.failed"]);
    const job = await seedJob(owner, w.projectId, inputs);
    const move = (to: FineTuneJobStatus, set = {}) =>
      withTransaction(server.systemCtx, async (tx) => {
        const [row] = await tx.db
          .select()
          .from(tables.fineTuneJobs)
          .where(eq(tables.fineTuneJobs.id, job.id));
        return transitionJob(tx, row!, to, "test", { set });
      });
    await move("starting");
    await move("running");
    await move("failed", { failureReason: "oom", failureMessage: "out of memory", failureSuggestion: null });
    const list = await settled(hook.id, 2);
    expect(list.map((d) => d.event_type)).toEqual(["fine_tuning.job.failed", "fine_tuning.job.started"]);
    expect(r.received.map((h) => h.json.type).sort()).toEqual([
      "fine_tuning.job.failed",
      "fine_tuning.job.started",
    ]);
    const failed = r.received.find((h) => h.json.type === "fine_tuning.job.failed")!;
    expect(failed.json.data.job.status).toBe("failed");
    expect(r.received.every((h) => verifySignature(hook.secret, h))).toBe(true);
  });

  it("a receiver answering 500 twice then 200 gets 3 attempts, logged, and the delivery ends succeeded", async () => {
    const r = await receiver((n) => (n <= 2 ? 500 : 200));
    const hook = await createHook(r.url);
    const ping = await owner.post(`/webhooks/${hook.id}/test`);
    expect(ping.status, ping.text).toBe(202);
    expect(ping.body.data).toMatchObject({ status: "pending", event_type: "ping", attempts: 0 });
    const [delivery] = await settled(hook.id);
    expect(delivery).toMatchObject({ status: "succeeded", attempts: 3, response_status: 200, error: null });
    expect(delivery.attempt_log.map((a: { response_status: number }) => a.response_status)).toEqual([
      500, 500, 200,
    ]);
    expect(delivery.attempt_log.map((a: { attempt: number }) => a.attempt)).toEqual([1, 2, 3]);
    expect(r.received).toHaveLength(3);
    // The same delivery each time, signed each time.
    expect(new Set(r.received.map((h) => h.headers["x-infera-delivery"]))).toEqual(new Set([delivery.id]));
    expect(r.received.every((h) => verifySignature(hook.secret, h))).toBe(true);
    expect(r.received[0]!.json.data.webhook.id).toBe(hook.id);
  });

  it("an unreachable URL ends failed after the last attempt; redeliver sends the event again as a new delivery", async () => {
    const port = await closedPort();
    const hook = await createHook(`http://127.0.0.1:${port}/gone`);
    const ping = await owner.post(`/webhooks/${hook.id}/test`);
    const [failed] = await settled(hook.id);
    expect(failed).toMatchObject({
      id: ping.body.data.id,
      status: "failed",
      attempts: 3,
      response_status: null,
    });
    expect(failed.error).toMatch(/ECONNREFUSED|refused|fetch failed/i);
    expect(failed.attempt_log).toHaveLength(3);
    expect(failed.next_attempt_at).toBeNull();

    // The endpoint is back (pointed at a live receiver): redeliver.
    const r = await receiver();
    await owner.patch(`/webhooks/${hook.id}`, { url: r.url });
    const again = await owner.post(`/webhook-deliveries/${failed.id}/redeliver`);
    expect(again.status, again.text).toBe(202);
    expect(again.body.data.id).not.toBe(failed.id);
    expect(again.body.data.event_id).toBe(failed.event_id);
    const list = await settled(hook.id, 2);
    expect(list[0]).toMatchObject({ id: again.body.data.id, status: "succeeded", attempts: 1 });
    expect(list[1]).toMatchObject({ id: failed.id, status: "failed", attempts: 3 });
    expect(r.received[0]!.json.id).toBe(failed.event_id);
    expect(verifySignature(hook.secret, r.received[0]!)).toBe(true);
  });

  it("deliveries list newest first with a cursor", async () => {
    const r = await receiver();
    const hook = await createHook(r.url);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await owner.post(`/webhooks/${hook.id}/test`)).body.data.id);
    await settled(hook.id, 3);
    const first = await owner.get(`/webhooks/${hook.id}/deliveries?limit=2`);
    expect(first.body.data.map((d: { id: string }) => d.id)).toEqual([ids[2], ids[1]]);
    expect(first.body.next_cursor).toBeTruthy();
    const second = await owner.get(
      `/webhooks/${hook.id}/deliveries?limit=2&cursor=${encodeURIComponent(first.body.next_cursor)}`,
    );
    expect(second.body.data.map((d: { id: string }) => d.id)).toEqual([ids[0]]);
    expect(second.body.next_cursor).toBeNull();
  });

  // Deliveries are queue items: a worker killed (kill -9) in the middle of a POST holds its lease
  // until it runs out, and then the item runs again. Here the lease is ended through the queue port
  // while the receiver keeps the first request hanging, as the death of its worker would.
  it("a delivery whose lease expires mid-request is sent again and recorded once", async () => {
    const r = await receiver((n) => (n === 1 ? "hang" : 200));
    const hook = await createHook(r.url);
    await owner.post(`/webhooks/${hook.id}/test`);
    await until("the first request", async () => r.received.length === 1);
    const queue = server.systemCtx.queue;
    const owners = await queue.leaseOwners("");
    expect(owners.length).toBeGreaterThan(0);
    expect(await queue.expireLeases(owners)).toBeGreaterThan(0);
    const [delivery] = await settled(hook.id);
    expect(delivery).toMatchObject({ status: "succeeded", attempts: 1, response_status: 200 });
    expect(delivery.attempt_log).toHaveLength(1);
    expect(r.received).toHaveLength(2);
    expect(r.received[1]!.headers["x-infera-delivery"]).toBe(delivery.id);
  });

  // An attempt whose worker dies every time (its lease runs out on each of the item's 3 queue tries)
  // makes the item a dead letter; the queue's hook for webhook.deliver ends the delivery failed in
  // that same transaction, instead of leaving it pending with nothing left to send it.
  it("a delivery whose item dead-letters ends failed with delivery_crashed, logged; redeliver sends it again", async () => {
    const r = await receiver(() => "hang");
    const hook = await createHook(r.url);
    const ping = await owner.post(`/webhooks/${hook.id}/test`);
    const queue = server.systemCtx.queue;
    const tries = queue.kinds.get("webhook.deliver")!.retry.maxAttempts;
    for (let n = 1; n <= tries; n++) {
      await until(`request ${n}`, async () => r.received.length === n);
      expect((await deliveriesOf(hook.id))[0]).toMatchObject({ status: "pending", attempts: 0 });
      expect(await queue.expireLeases(await queue.leaseOwners(""))).toBeGreaterThan(0);
    }
    const [failed] = await settled(hook.id);
    expect(failed).toMatchObject({
      id: ping.body.data.id,
      status: "failed",
      attempts: 1,
      response_status: null,
      next_attempt_at: null,
    });
    expect(failed.error).toMatch(
      new RegExp(
        `^delivery_crashed: the worker did not complete attempt 1 in ${tries} tries \\(lease of attempt ${tries} `,
      ),
    );
    expect(failed.attempt_log).toEqual([
      { attempt: 1, at: expect.any(String), response_status: null, error: failed.error, duration_ms: 0 },
    ]);
    // The work item is a dead letter, and nothing else is queued for the delivery.
    const items = await server.systemCtx.db
      .select()
      .from(tables.workItems)
      .where(eq(tables.workItems.kind, "webhook.deliver"));
    const mine = items.filter((i) => (i.payload as { delivery_id: string }).delivery_id === failed.id);
    expect(mine.map((i) => i.status)).toEqual(["dead"]);
    expect(r.received).toHaveLength(tries);

    const live = await receiver();
    await owner.patch(`/webhooks/${hook.id}`, { url: live.url });
    const again = await owner.post(`/webhook-deliveries/${failed.id}/redeliver`);
    expect(again.status, again.text).toBe(202);
    const list = await settled(hook.id, 2);
    expect(list[0]).toMatchObject({ id: again.body.data.id, status: "succeeded", attempts: 1 });
    expect(list[1]).toMatchObject({ id: failed.id, status: "failed", error: failed.error });
    expect(live.received[0]!.json.id).toBe(failed.event_id);
  });
});
