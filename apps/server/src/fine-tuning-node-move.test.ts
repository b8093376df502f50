import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createPostgresDatabase, dropPostgresDatabase } from "@infera/db";
import { postgresAdminUrl, testEngine } from "@infera/testing";
import { afterAll, describe, expect, it } from "vitest";
import { putText } from "./routes/datasets/dataset-test-helpers.js";
import { type ChildServer, startChildServer, stopProcess } from "./testing/child-server.js";
import { type HttpClient, httpClient } from "./testing/http.js";
import { TEST_ADMIN } from "./testing/test-server.js";
import { createWorld } from "./testing/world.js";

const FINISHED = ["succeeded", "failed", "canceled"];

/**
 * A job whose node dies (`kill -9` of its server) is taken over by a server on another node with
 * its own, empty workspace folder: nothing is shared between the two but the database and the blob
 * store. The next attempt gets the newest stored checkpoint back from the blob store, resumes from
 * it (its first step is past 0), and ends with the final loss of a run never interrupted.
 */
describe("a fine-tuning job moved to another node with an empty workspace", () => {
  const dir = mkdtempSync(join(tmpdir(), "infera-ft-move-"));
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c().catch(() => {});
    rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  });

  it("resumes from the checkpoint stored in the blob store and ends with an uninterrupted run's final loss", async () => {
    const env: Record<string, string> = {
      INFERA_PORT: "0",
      INFERA_DATA_DIR: join(dir, "data"),
      INFERA_ADMIN_EMAIL: TEST_ADMIN.email,
      INFERA_ADMIN_PASSWORD: TEST_ADMIN.password,
      INFERA_WORKER_POLL_MS: "100",
      INFERA_TEST_SYSTEM_MODEL: "1",
      DATABASE_URL: "",
    };
    if (testEngine() === "postgres") {
      const db = `infera_test_ftmove_${randomBytes(4).toString("hex")}`;
      env.DATABASE_URL = await createPostgresDatabase(postgresAdminUrl, db);
      cleanups.push(() => dropPostgresDatabase(postgresAdminUrl, db));
    }
    const start = async (node: string, more: Record<string, string> = {}) => {
      const child = await startChildServer(
        { ...env, INFERA_NODE_NAME: node, INFERA_WORKSPACE_DIR: join(dir, `workspaces-${node}`), ...more },
        { readyTimeoutMs: 180_000 },
      );
      cleanups.push(() => stopProcess(child.proc, "SIGKILL"));
      return child;
    };
    let server: ChildServer = await start("node-a");
    const w = await createWorld(server.url!);
    let dev: HttpClient = w.users.developer!.client;
    const models = await dev.get(`/projects/${w.projectId}/models?scope=system`);
    const tiny = models.body.data.find((m: { name: string }) => m.name === "infera-tiny").id;
    const d = await dev.post(`/projects/${w.projectId}/datasets`, { name: "tickets" });
    let text = "";
    for (let i = 0; i < 32; i++)
      text += `${JSON.stringify({
        messages: [
          { role: "user", content: `Which team handles ticket ${i}?` },
          { role: "assistant", content: ["billing", "shipping", "refund", "account"][i % 4] },
        ],
      })}\n`;
    const sha256 = await putText(dev, w.projectId, text);
    const v = await dev.post(`/datasets/${d.body.data.id}/versions`, {
      files: [{ sha256, name: "t.jsonl" }],
    });
    const config = {
      base_model: { model_id: tiny },
      dataset_version_id: v.body.data.id,
      validation_split: 0,
      max_length: 32,
      batch_size: 4,
      epochs: 4,
      learning_rate: 0.005,
      lora: { rank: 4, alpha: 8, target_modules: ["attn_q", "attn_v"] },
      // A checkpoint about every half second.
      checkpoint_interval_minutes: 0.008,
    };
    const submit = async (name: string) => {
      const res = await dev.post(`/projects/${w.projectId}/fine-tuning/jobs`, {
        ...config,
        output: { model_name: name },
      });
      expect(res.status, res.text).toBe(201);
      return res.body.data.id as string;
    };
    const events = async (jobId: string, type: string) =>
      (await dev.get(`/fine-tuning/jobs/${jobId}/events?type=${type}&limit=1000`)).body.data as {
        attempt: number;
        data: Record<string, any>;
      }[];
    const until = async <T>(what: string, probe: () => Promise<T | undefined>, ms = 180_000): Promise<T> => {
      for (const end = Date.now() + ms; ; await new Promise((r) => setTimeout(r, 200))) {
        const found = await probe();
        if (found !== undefined) return found;
        if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      }
    };
    const finished = (jobId: string) =>
      until(`job ${jobId} to finish`, async () => {
        const res = await dev.get(`/fine-tuning/jobs/${jobId}`);
        return res.status === 200 && FINISHED.includes(res.body.data.status) ? res.body.data : undefined;
      });

    const jobId = await submit("moved");
    // Training on node-a, with a checkpoint past step 0 copied to the blob store, far from the end (32 steps).
    const stored = await until("a stored checkpoint", async () => {
      const res = await dev.get(`/fine-tuning/jobs/${jobId}/checkpoints`);
      const list = (res.body.data ?? []) as { name: string; step: number; stored: boolean }[];
      return list.find((c) => c.stored && c.step > 0);
    });
    server.proc.kill("SIGKILL");
    await new Promise((r) => server.proc.once("exit", r));

    // Another node: same database and blob store, its own empty workspace folder.
    expect(existsSync(join(dir, "workspaces-node-b"))).toBe(false);
    // Info logs: node-b's worker says which checkpoint it put back.
    server = await start("node-b", { INFERA_TEST_LOG: "info" });
    dev = httpClient(server.url!, { token: w.users.developer!.client.token });
    const done = await finished(jobId);
    expect(done.failure).toBeNull();
    expect(done).toMatchObject({ status: "succeeded", attempt: 2 });
    const reasons = done.transitions.map((t: { reason: string }) => t.reason).join(" | ");
    // Taken back either by node-b's worker (node-a's dead lease) or by the scheduler (node-a offline).
    expect(reasons).toMatch(/node lost: .*attempt 1/);
    expect(reasons).toMatch(/training on node-b/);
    const started = await events(jobId, "started");
    const resumedFrom = started.find((e) => e.attempt === 2)!.data.resumed_from_step;
    expect(resumedFrom).toBeGreaterThanOrEqual(stored.step);
    // node-b's folder got the checkpoint from the blob store (node-a's folder was never read):
    // its worker says so, with the step it put back, which is the step attempt 2 started from.
    expect(existsSync(join(dir, "workspaces-node-b", jobId, "output"))).toBe(true);
    const restoredLine = server
      .output()
      .split("\n")
      // The worker's log names the run item, not the job: this is the only job resumed on node-b.
      .find((l) => l.includes("checkpoint restored from the blob store"));
    expect(restoredLine, server.output().slice(-4000)).toBeDefined();
    expect(JSON.parse(restoredLine!).step).toBe(resumedFrom);
    const [movedEnd] = await events(jobId, "completed");

    // The blob store keeps the newest 2 stored copies (INFERA_FINETUNE_STORED_CHECKPOINTS); with
    // node-b's folder gone too, the newest still downloads, from the blob store.
    const list = (await dev.get(`/fine-tuning/jobs/${jobId}/checkpoints`)).body.data as {
      name: string;
      step: number;
      stored: boolean;
    }[];
    const kept = list.filter((c) => c.stored);
    expect(kept.length).toBeGreaterThanOrEqual(1);
    expect(kept.length).toBeLessThanOrEqual(2);
    rmSync(join(dir, "workspaces-node-b", jobId), { recursive: true, force: true });
    const newest = kept[kept.length - 1]!;
    const tar = await fetch(
      `${server.url}/api/v1/fine-tuning/jobs/${jobId}/checkpoints/${newest.name}/download`,
      {
        headers: { authorization: `Bearer ${w.users.developer!.client.token}` },
      },
    );
    expect(tar.status).toBe(200);
    expect((await tar.arrayBuffer()).byteLength).toBeGreaterThan(1024);

    // The same job never interrupted.
    const straight = await submit("straight");
    expect((await finished(straight)).status).toBe("succeeded");
    const [straightEnd] = await events(straight, "completed");
    expect(movedEnd!.data.step).toBe(straightEnd!.data.step);
    expect(movedEnd!.data.final_loss).toBe(straightEnd!.data.final_loss);
    console.log(
      `[fine-tuning-node-move] node-a stored step ${stored.step}; node-b resumed from step ${resumedFrom}; final loss ${movedEnd!.data.final_loss} = uninterrupted ${straightEnd!.data.final_loss}`,
    );
    await stopProcess(server.proc, "SIGTERM");
  }, 600_000);
});
