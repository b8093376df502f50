import { mkdtemp, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { checkUpstreamRevisions } from "@infera/core";
import { probeOpenAiCompatible, type ReplicaProcess, startReplicaProcess } from "@infera/runtimes/serving";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUNDLED_MODEL_DIR, type RunningServer } from "../../main.js";
import type { HttpClient } from "../../testing/http.js";
import { startTestServer } from "../../testing/test-server.js";
import { createWorld, type World } from "../../testing/world.js";

const GGUF = join(BUNDLED_MODEL_DIR, "infera-tiny-f32.gguf");

/**
 * openai-compatible revisions run no process of ours: their health is the upstream's `/v1/models`.
 * The upstream here is a real second `infera-serve` replica process the test starts, stops and
 * starts again on the same port. The server's own worker checks every second (its job); after the
 * first, the test also runs checks itself (the same verb) so it need not wait for the schedule.
 */
describe("health of openai-compatible revisions", () => {
  let server: RunningServer;
  let w: World;
  let owner: HttpClient;
  let tiny: string;
  let dir: string;
  let upstream: ReplicaProcess | null = null;
  let gate: Server;
  const seenKeys: string[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "infera-upstream-"));
    upstream = await startReplicaProcess({ modelPath: GGUF, contextSize: 256, threads: 1, parallel: 1 });
    // An upstream that wants a key: it records what it was sent and refuses a wrong one.
    gate = createServer((req, res) => {
      seenKeys.push(req.headers.authorization ?? "");
      const ok = req.headers.authorization === "Bearer sk-upstream-key";
      res.writeHead(ok ? 200 : 401, { "content-type": "application/json" });
      res.end(
        JSON.stringify(
          ok
            ? { object: "list", data: [{ id: "gated" }] }
            : { error: { message: "Incorrect API key provided" } },
        ),
      );
    });
    await new Promise<void>((r) => gate.listen(0, "127.0.0.1", r));
    server = await startTestServer(
      {
        INFERA_DATA_DIR: join(dir, "data"),
        INFERA_UPSTREAM_CHECK_SECONDS: "1",
        INFERA_WORKER_POLL_MS: "100",
      },
      { systemModelDir: BUNDLED_MODEL_DIR },
    );
    w = await createWorld(server.url);
    owner = w.users.owner!.client;
    const models = await owner.get(`/projects/${w.projectId}/models?scope=system`);
    tiny = models.body.data.find((m: { name: string }) => m.name === "infera-tiny").id;
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    await upstream?.stop("SIGKILL");
    gate?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const check = () =>
    checkUpstreamRevisions({
      ctx: server.systemCtx,
      probe: probeOpenAiCompatible,
      maxFailures: 3,
      timeoutMs: 5000,
    });
  const revision = async (serviceId: string, revisionId: string) => {
    const res = await w.admin.get(`/services/${serviceId}`);
    expect(res.status, res.text).toBe(200);
    return res.body.data.revisions.find((r: any) => r.id === revisionId);
  };
  /** Until the server's own job has moved the revision to `state`. */
  const waitFor = async (serviceId: string, revisionId: string, state: string) => {
    for (const end = Date.now() + 30_000; Date.now() < end; await new Promise((r) => setTimeout(r, 200))) {
      const rev = await revision(serviceId, revisionId);
      if (rev.current_state === state) return rev;
    }
    throw new Error(`revision ${revisionId} did not become ${state}`);
  };
  /** Checks (as the job does) until the revision is in `state`, 20 rounds at most. */
  const checkUntil = async (serviceId: string, revisionId: string, state: string) => {
    for (let i = 0; i < 20; i++) {
      await check();
      const rev = await revision(serviceId, revisionId);
      if (rev.current_state === state) return rev;
    }
    throw new Error(
      `revision ${revisionId} never became ${state}: ${JSON.stringify(await revision(serviceId, revisionId))}`,
    );
  };
  const create = async (name: string, baseUrl: string, apiKey: string) => {
    const res = await owner.post(`/projects/${w.projectId}/services`, {
      name,
      exposure: "private",
      config: {
        model: { model_id: tiny, tag: "latest" },
        runtime: { kind: "openai-compatible", base_url: baseUrl, api_key: apiKey },
        resources: { resource_class: "cpu-2" },
      },
    });
    expect(res.status, res.text).toBe(201);
    return { id: res.body.data.id as string, revision: res.body.data.revisions[0].id as string };
  };

  it("is ready while the upstream answers, fails with its error after repeated failures, and is ready again when it recovers", async () => {
    const port = upstream!.port;
    const svc = await create("upstream", upstream!.baseUrl, "sk-anything");
    // The worker's job alone takes it to ready.
    let rev = await waitFor(svc.id, svc.revision, "ready");
    expect(rev.durations.map((d: any) => d.state)).toEqual(["pending", "starting", "ready"]);

    // The upstream goes away: one failed check is not enough, repeated ones fail the revision.
    await upstream!.stop("SIGKILL");
    upstream = null;
    rev = await checkUntil(svc.id, svc.revision, "failed");
    expect(rev.failure_reason).toMatch(
      new RegExp(`cannot reach http://127\\.0\\.0\\.1:${port}/v1/models: ECONNREFUSED`),
    );

    // Back on the same port: the first check that answers makes it ready again.
    upstream = await startReplicaProcess({
      modelPath: GGUF,
      contextSize: 256,
      threads: 1,
      parallel: 1,
      port,
    });
    rev = await checkUntil(svc.id, svc.revision, "ready");
    expect(rev.failure_reason).toBeNull();
    expect(rev.durations.map((d: any) => d.state)).toEqual([
      "pending",
      "starting",
      "ready",
      "failed",
      "pending",
      "starting",
      "ready",
    ]);

    // A stopped service's revision goes inactive and is checked no more.
    expect((await owner.post(`/services/${svc.id}/stop`, {})).status).toBe(200);
    rev = await checkUntil(svc.id, svc.revision, "inactive");
  }, 120_000);

  it("sends the stored key (opened from its sealed form) and reports the upstream's refusal", async () => {
    const url = `http://127.0.0.1:${(gate.address() as AddressInfo).port}`;
    const right = await create("gated", url, "sk-upstream-key");
    await checkUntil(right.id, right.revision, "ready");
    expect(seenKeys).toContain("Bearer sk-upstream-key");
    const wrong = await create("gated-wrong", url, "sk-wrong");
    const rev = await checkUntil(wrong.id, wrong.revision, "failed");
    expect(rev.failure_reason).toMatch(/answered HTTP 401: Incorrect API key provided/);
  }, 60_000);
});
