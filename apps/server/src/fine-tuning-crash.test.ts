import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
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
 * `kill -9` of the server while a job trains: the restarted server takes its run over at once (the
 * dead worker's lease), queues the next attempt, which resumes from the last checkpoint and finishes
 * with the same final loss as a run that was never interrupted (the reference runtime's resume is
 * bit-identical).
 */
describe("a server killed with -9 while a fine-tuning job trains", () => {
  const dir = mkdtempSync(join(tmpdir(), "infera-ft-crash-"));
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c().catch(() => {});
    rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  });

  it("resumes the job from its checkpoint after a restart and ends with an uninterrupted run's final loss", async () => {
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
      const db = `infera_test_ftcrash_${randomBytes(4).toString("hex")}`;
      env.DATABASE_URL = await createPostgresDatabase(postgresAdminUrl, db);
      cleanups.push(() => dropPostgresDatabase(postgresAdminUrl, db));
    }
    const start = async () => {
      const child = await startChildServer(env);
      cleanups.push(() => stopProcess(child.proc, "SIGKILL"));
      return child;
    };
    let server: ChildServer = await start();
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
    const until = async (jobId: string, done: (j: any) => boolean, ms = 180_000) => {
      for (const end = Date.now() + ms; ; await new Promise((r) => setTimeout(r, 200))) {
        const res = await dev.get(`/fine-tuning/jobs/${jobId}`);
        if (res.status === 200 && done(res.body.data)) return res.body.data;
        if (Date.now() > end) throw new Error(`job ${jobId}: ${res.text.slice(0, 300)}`);
      }
    };

    const jobId = await submit("crashed");
    // Training, with a checkpoint written, and far from the end (32 steps).
    await until(jobId, (j) => j.status === "running" && (j.progress?.step ?? 0) >= 4);
    const written = await events(jobId, "checkpoint");
    expect(written.length).toBeGreaterThan(0);
    server.proc.kill("SIGKILL");
    await new Promise((r) => server.proc.once("exit", r));

    server = await start();
    dev = httpClient(server.url!, {
      token: w.users.developer!.client.token,
    });
    const done = await until(jobId, (j) => FINISHED.includes(j.status));
    expect(done.failure).toBeNull();
    expect(done).toMatchObject({ status: "succeeded", attempt: 2 });
    expect(done.transitions.map((t: { reason: string }) => t.reason).join(" | ")).toMatch(
      /node lost: attempt 1/,
    );
    const started = await events(jobId, "started");
    const resumedFrom = started.find((e) => e.attempt === 2)!.data.resumed_from_step;
    expect(resumedFrom).toBeGreaterThan(0);
    const [crashedEnd] = await events(jobId, "completed");

    // The same job never interrupted.
    const straight = await submit("straight");
    expect((await until(straight, (j) => FINISHED.includes(j.status))).status).toBe("succeeded");
    const [straightEnd] = await events(straight, "completed");
    expect(crashedEnd!.data.step).toBe(straightEnd!.data.step);
    expect(crashedEnd!.data.final_loss).toBe(straightEnd!.data.final_loss);
    console.log(
      `[fine-tuning-crash] killed at step ≥4, resumed from step ${resumedFrom}; final loss ${crashedEnd!.data.final_loss} = uninterrupted ${straightEnd!.data.final_loss}`,
    );
    await stopProcess(server.proc, "SIGTERM");
  }, 300_000);
});
