import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq, tables } from "@infera/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUNDLED_MODEL_DIR, type RunningServer } from "./main.js";
import { startTestServer } from "./testing/test-server.js";
import { createWorld, type World } from "./testing/world.js";

/** Pids of the live infera-serve processes whose arguments name `dir`. */
function replicaPids(dir: string): number[] {
  return execFileSync("ps", ["-eo", "pid=,stat=,args="], { encoding: "utf8" })
    .split("\n")
    .filter((l) => l.includes("infera-serve") && l.includes(dir) && !/^\s*\d+\s+Z/.test(l))
    .map((l) => Number(l.trim().split(/\s+/)[0]));
}

/**
 * A process with the api and worker roles but not the gateway (decision 0042): it serves no `/v1`,
 * yet its playground calls a real infera-tiny replica through the gateway's caller built in the
 * process, and the call is metered into this process's journal and shipped as a usage record.
 */
describe("playground in a process without the gateway role", () => {
  const dir = mkdtempSync(join(tmpdir(), "infera-playground-nogw-"));
  let server: RunningServer;
  let w: World;

  beforeAll(async () => {
    server = await startTestServer(
      {
        INFERA_DATA_DIR: dir,
        INFERA_MAX_REPLICAS: "1",
        INFERA_WORKER_POLL_MS: "100",
        INFERA_COLD_START_TIMEOUT_SECONDS: "120",
        INFERA_NODE_ADDRESS: "127.0.0.2",
      },
      { roles: ["api", "worker"], systemModelDir: BUNDLED_MODEL_DIR },
    );
    w = await createWorld(server.url);
  });
  afterAll(async () => {
    await server?.stop();
    for (const pid of replicaPids(dir)) process.kill(-pid, "SIGKILL");
    rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  });

  it("answers the playground from a real replica and records the call's usage (seen on gateway-metrics); /v1 is not served", async () => {
    expect(server.roles).toEqual(["api", "worker"]);
    expect((await fetch(`${server.url}/v1/models`)).status).toBe(404);

    const owner = w.users.owner!.client;
    const models = await owner.get(`/projects/${w.projectId}/models?scope=system`);
    const tiny = models.body.data.find((m: { name: string }) => m.name === "infera-tiny").id;
    const created = await owner.post(`/projects/${w.projectId}/services`, {
      name: "tiny-playground",
      exposure: "private",
      config: {
        model: { model_id: tiny, tag: "latest" },
        runtime: { kind: "llama.cpp", context_size: 256, threads: 1 },
        resources: { resource_class: "cpu-2" },
        autoscaling: { min_replicas: 1, max_replicas: 1 },
      },
    });
    expect(created.status, created.text).toBe(201);
    const id = created.body.data.id as string;
    const revisionId = created.body.data.revisions[0].id as string;

    // The call may find the revision still starting: the caller holds it through the cold start.
    const res = await w.users.developer!.client.post(`/services/${id}/playground/chat`, {
      messages: [{ role: "user", content: "hello" }],
      max_tokens: 6,
      temperature: 0,
    });
    expect(res.status, res.text).toBe(200);
    expect(res.headers.get("x-infera-revision")).toBe(revisionId);
    expect(res.body.choices[0].message.content.length).toBeGreaterThan(0);
    const completion = res.body.usage.completion_tokens as number;
    expect(completion).toBeGreaterThan(0);

    // Metered by this process's own meter: one record of the service, no API key, the same tokens.
    let rows: (typeof tables.usageRecords.$inferSelect)[] = [];
    for (let i = 0; i < 60 && !rows.length; i++) {
      await server.meter!.ship();
      rows = await server.database.db
        .select()
        .from(tables.usageRecords)
        .where(eq(tables.usageRecords.projectId, w.projectId));
      if (!rows.length) await new Promise((r) => setTimeout(r, 250));
    }
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      serviceId: id,
      revisionId,
      apiKeyId: null,
      statusCode: 200,
      completionTokens: completion,
      promptTokens: res.body.usage.prompt_tokens,
    });
    // And the service's Metrics tab sees it as the gateway measured it.
    const seen = await w.users.viewer!.client.get(`/services/${id}/gateway-metrics?window=1h`);
    expect(seen.status, seen.text).toBe(200);
    expect(seen.body.data.series).toHaveLength(1);
    expect(seen.body.data.series[0].revision_id).toBe(revisionId);
    expect(seen.body.data.series[0].points[0]).toMatchObject({
      requests: 1,
      errors_4xx: 0,
      errors_5xx: 0,
      completion_tokens: completion,
    });
  }, 300_000);
});
