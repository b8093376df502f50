import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUNDLED_MODEL_DIR, type RunningServer } from "../../main.js";
import type { HttpClient } from "../../testing/http.js";
import { startTestServer } from "../../testing/test-server.js";
import { createWorld, type World } from "../../testing/world.js";

/** Pids of the live infera-serve processes whose arguments name `dir`. */
function replicaPids(dir: string): number[] {
  return execFileSync("ps", ["-eo", "pid=,stat=,args="], { encoding: "utf8" })
    .split("\n")
    .filter((l) => l.includes("infera-serve") && l.includes(dir) && !/^\s*\d+\s+Z/.test(l))
    .map((l) => Number(l.trim().split(/\s+/)[0]));
}

/**
 * Replicas follow traffic: a full deploy starts the new revision's replica and stops the old one
 * (inactive); a rollback starts the old revision again (inactive → pending → … → ready); deleting
 * the service stops every process it had.
 */
describe("replicas follow deploys, rollbacks and deletes", () => {
  const dir = mkdtempSync(join(tmpdir(), "infera-replicas-traffic-"));
  let server: RunningServer;
  let w: World;
  let owner: HttpClient;
  let tiny: string;

  beforeAll(async () => {
    server = await startTestServer(
      { INFERA_DATA_DIR: dir, INFERA_MAX_REPLICAS: "2", INFERA_WORKER_POLL_MS: "100" },
      { systemModelDir: BUNDLED_MODEL_DIR },
    );
    w = await createWorld(server.url!);
    owner = w.users.owner!.client;
    const models = await owner.get(`/projects/${w.projectId}/models?scope=system`);
    tiny = models.body.data.find((m: { name: string }) => m.name === "infera-tiny").id;
  });
  afterAll(async () => {
    await server?.stop();
    // Replicas outlive a server's stop by design; this test's own go with it.
    for (const pid of replicaPids(dir)) process.kill(-pid, "SIGKILL");
    rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  });

  const config = (contextSize: number) => ({
    model: { model_id: tiny, tag: "latest" },
    runtime: { kind: "llama.cpp", context_size: contextSize, threads: 1 },
    resources: { resource_class: "cpu-2" },
  });

  it("moves the replica with the traffic and stops it with the service", async () => {
    const created = await owner.post(`/projects/${w.projectId}/services`, {
      name: "follow",
      exposure: "private",
      config: config(256),
    });
    expect(created.status, created.text).toBe(201);
    const id = created.body.data.id as string;
    const r1 = created.body.data.revisions[0].id as string;
    const until = async (done: (s: any) => boolean, what: string) => {
      for (const end = Date.now() + 120_000; ; await new Promise((r) => setTimeout(r, 200))) {
        const res = await w.admin.get(`/services/${id}`);
        if (res.status === 200 && done(res.body.data)) return res.body.data;
        if (Date.now() > end) throw new Error(`${what}: ${res.text.slice(0, 2000)}`);
      }
    };
    const rev = (s: any, revisionId: string) => s.revisions.find((r: any) => r.id === revisionId);
    const replicasOf = (s: any, revisionId: string) =>
      s.replicas.filter((r: any) => r.revision_id === revisionId);

    let svc = await until((s) => rev(s, r1).current_state === "ready", "revision 1 ready");
    const first = replicasOf(svc, r1)[0];
    // The list's Replicas column: ready replicas and the serving revision's bounds.
    const listed = await owner.get(`/projects/${w.projectId}/services`);
    expect(listed.body.data.find((s: any) => s.id === id).replicas).toEqual({ ready: 1, min: 1, max: 1 });

    const deployed = await owner.post(`/services/${id}/revisions`, { config: config(320) });
    expect(deployed.status, deployed.text).toBe(201);
    const r2 = deployed.body.data.id as string;
    svc = await until(
      (s) => rev(s, r2).current_state === "ready" && rev(s, r1).current_state === "inactive",
      "revision 2 ready, 1 inactive",
    );
    expect(replicasOf(svc, r1)).toEqual([]);
    const second = replicasOf(svc, r2)[0];
    expect(second.state).toBe("ready");
    expect(replicaPids(dir)).toEqual([second.pid]);
    expect(replicaPids(dir)).not.toContain(first.pid);

    const rolled = await owner.post(`/services/${id}/rollback`, { revision_id: r1 });
    expect(rolled.status, rolled.text).toBe(200);
    svc = await until(
      (s) => rev(s, r1).current_state === "ready" && rev(s, r2).current_state === "inactive",
      "revision 1 ready again",
    );
    expect(rev(svc, r1).durations.map((d: any) => d.state)).toEqual([
      "pending",
      "downloading",
      "starting",
      "ready",
      "inactive",
      "pending",
      "downloading",
      "starting",
      "ready",
    ]);
    const third = replicasOf(svc, r1)[0];
    expect(replicaPids(dir)).toEqual([third.pid]);

    // A `none` deploy gets no replica and says why it waits.
    const none = await owner.post(`/services/${id}/revisions`, { config: config(384), strategy: "none" });
    expect(none.status, none.text).toBe(201);
    svc = await until((s) => /no traffic/.test(rev(s, none.body.data.id).wait_reason ?? ""), "none waits");
    expect(rev(svc, none.body.data.id).current_state).toBe("pending");
    expect(replicasOf(svc, none.body.data.id)).toEqual([]);

    // Deleting the service takes its replica rows with it; the next pass kills the process they owned.
    expect((await owner.delete(`/services/${id}`, { confirm_name: "follow" })).status).toBe(204);
    for (let i = 0; i < 600 && replicaPids(dir).length; i++) await new Promise((r) => setTimeout(r, 100));
    expect(replicaPids(dir)).toEqual([]);
  }, 300_000);
});
