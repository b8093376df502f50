import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { encodeLoraGguf, readModelDir, toNamedTensors } from "@infera/runtimes/formats";
import { initBackend, initLora, LORA_TARGET_MODULES } from "@infera/runtimes/model";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUNDLED_MODEL_DIR, type RunningServer } from "../../main.js";
import type { HttpClient } from "../../testing/http.js";
import { startTestServer } from "../../testing/test-server.js";
import { createWorld, type World } from "../../testing/world.js";
import { putBytes } from "../models/model-test-helpers.js";

/** The live infera-serve processes whose arguments name `dir`: pid and arguments. */
function replicaProcesses(dir: string): { pid: number; args: string }[] {
  return execFileSync("ps", ["-eo", "pid=,stat=,args="], { encoding: "utf8" })
    .split("\n")
    .filter((l) => l.includes("infera-serve") && l.includes(dir) && !/^\s*\d+\s+Z/.test(l))
    .map((l) => {
      const [pid, , ...args] = l.trim().split(/\s+/);
      return { pid: Number(pid), args: args.join(" ") };
    });
}

/**
 * The canary: `infera-tiny` served, then a fine-tuned LoRA adapter of it (a GGUF adapter as
 * the trainer exports it) deployed as a canary revision at 10 %. Both revisions get a real replica;
 * the canary's replica loads the base GGUF with the adapter over it, and both answer a chat.
 */
describe("a fine-tuned adapter deployed as a 10 % canary", () => {
  const dir = mkdtempSync(join(tmpdir(), "infera-canary-adapter-"));
  let server: RunningServer;
  let w: World;
  let owner: HttpClient;
  let tiny: string;
  let tinyVersion: string;
  let adapterVersion: string;

  beforeAll(async () => {
    server = await startTestServer(
      { INFERA_DATA_DIR: dir, INFERA_MAX_REPLICAS: "2", INFERA_WORKER_POLL_MS: "100" },
      { systemModelDir: BUNDLED_MODEL_DIR },
    );
    w = await createWorld(server.url!);
    owner = w.users.owner!.client;
    const models = await owner.get(`/projects/${w.projectId}/models?scope=system`);
    tiny = models.body.data.find((m: { name: string }) => m.name === "infera-tiny").id;
    const versions = await owner.get(`/models/${tiny}/versions`);
    tinyVersion = versions.body.data[0].id;

    // A fresh LoRA of infera-tiny, encoded as the trainer exports it (adapter.gguf).
    await initBackend();
    const { config } = await readModelDir();
    const spec = { rank: 4, alpha: 8, dropout: 0, targetModules: [...LORA_TARGET_MODULES] };
    const sha = await putBytes(
      owner,
      w.projectId,
      Buffer.from(encodeLoraGguf(config, spec, toNamedTensors(initLora(config, spec, 7)))),
    );
    const model = await owner.post(`/projects/${w.projectId}/models`, { name: "tiny-support-lora" });
    expect(model.status, model.text).toBe(201);
    const version = await owner.post(`/models/${model.body.data.id}/versions`, {
      files: [{ path: "adapter.gguf", sha256: sha }],
      artifact_type: "adapter",
      base_model_version_id: tinyVersion,
    });
    expect(version.status, version.text).toBe(201);
    adapterVersion = version.body.data.id;
  });
  afterAll(async () => {
    await server?.stop();
    // Replicas outlive a server's stop by design; this test's own go with it.
    for (const { pid } of replicaProcesses(dir)) process.kill(-pid, "SIGKILL");
    rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  });

  it("runs both revisions, the canary with the adapter over the base, and both answer", async () => {
    const runtime = { kind: "llama.cpp", context_size: 256, threads: 1 };
    const created = await owner.post(`/projects/${w.projectId}/services`, {
      name: "support",
      exposure: "private",
      config: { model: { model_id: tiny, tag: "latest" }, runtime, resources: { resource_class: "cpu-2" } },
    });
    expect(created.status, created.text).toBe(201);
    const id = created.body.data.id as string;
    const r1 = created.body.data.revisions[0].id as string;
    const until = async (done: (s: any) => boolean, what: string) => {
      for (const end = Date.now() + 180_000; ; await new Promise((r) => setTimeout(r, 250))) {
        const res = await w.admin.get(`/services/${id}`);
        if (res.status === 200 && done(res.body.data)) return res.body.data;
        if (Date.now() > end) throw new Error(`${what}: ${res.text.slice(0, 2000)}`);
      }
    };
    const rev = (s: any, revisionId: string) => s.revisions.find((r: any) => r.id === revisionId);
    await until((s) => rev(s, r1).current_state === "ready", "revision 1 ready");

    const canary = await owner.post(`/services/${id}/revisions`, {
      config: { model: { version_id: adapterVersion }, runtime, resources: { resource_class: "cpu-2" } },
      strategy: "canary",
      weight: 10,
    });
    expect(canary.status, canary.text).toBe(201);
    const r2 = canary.body.data.id as string;
    expect(canary.body.data.config.model).toEqual({
      model_id: expect.any(String),
      version_id: adapterVersion,
      base_version_id: tinyVersion,
    });

    const svc = await until(
      (s) => rev(s, r1).current_state === "ready" && rev(s, r2).current_state === "ready",
      "both revisions ready",
    );
    expect([rev(svc, r1).traffic_percent, rev(svc, r2).traffic_percent]).toEqual([90, 10]);
    const replicas = (revisionId: string) => svc.replicas.filter((r: any) => r.revision_id === revisionId);
    expect(replicas(r1)).toHaveLength(1);
    expect(replicas(r2)).toHaveLength(1);

    // The canary's process loads the base GGUF and the adapter over it; the first one has no adapter.
    const byPid = new Map(replicaProcesses(dir).map((p) => [p.pid, p.args]));
    expect(byPid.get(replicas(r1)[0].pid)).not.toMatch(/--lora/);
    expect(byPid.get(replicas(r2)[0].pid)).toMatch(/--lora \S+/);

    for (const replica of [replicas(r1)[0], replicas(r2)[0]]) {
      const res = await fetch(`http://127.0.0.1:${replica.port}/v1/chat/completions`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ messages: [{ role: "user", content: "hello" }], max_tokens: 4 }),
      });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { choices: unknown[]; usage: { completion_tokens: number } };
      expect(body.choices).toHaveLength(1);
      expect(body.usage.completion_tokens).toBeGreaterThan(0);
    }
  });
});
