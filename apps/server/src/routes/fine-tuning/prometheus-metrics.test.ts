import { withTransaction } from "@infera/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../main.js";
import { startTestServer } from "../../testing/test-server.js";
import { createWorld, type World } from "../../testing/world.js";
import { seedJob, seedJobInputs } from "./fine-tuning-test-helpers.js";

/** The value of one sample line of a Prometheus text exposition, or undefined. */
function sample(text: string, series: string): number | undefined {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe("/metrics: fine-tuning jobs by status and the work queue's depth, read at scrape time", () => {
  let server: RunningServer;
  let w: World;

  beforeAll(async () => {
    server = await startTestServer();
    w = await createWorld(server.url);
  });
  afterAll(async () => server?.stop());

  const scrape = async () => {
    const res = await fetch(`${server.url}/metrics`);
    expect(res.status).toBe(200);
    return res.text();
  };

  it("counts jobs by status (every status listed, 0 included) after creating and canceling jobs", async () => {
    const before = await scrape();
    expect(before).toContain("# TYPE infera_fine_tune_jobs gauge");
    expect(sample(before, 'infera_fine_tune_jobs{status="queued"}')).toBe(0);
    expect(sample(before, 'infera_fine_tune_jobs{status="running"}')).toBe(0);
    const dev = w.users.developer!.client;
    const inputs = await seedJobInputs(dev, w.projectId);
    await seedJob(dev, w.projectId, inputs);
    await seedJob(dev, w.projectId, inputs);
    const third = await seedJob(dev, w.projectId, inputs);
    expect((await dev.post(`/fine-tuning/jobs/${third.id}/cancel`)).status).toBe(200);
    const after = await scrape();
    expect(sample(after, 'infera_fine_tune_jobs{status="queued"}')).toBe(2);
    expect(sample(after, 'infera_fine_tune_jobs{status="canceled"}')).toBe(1);
  });

  it("counts unfinished queue items by kind and state: an item due later is scheduled", async () => {
    await withTransaction(server.systemCtx, (tx) =>
      tx.queue.enqueue(
        tx,
        "fine_tuning.retention",
        {},
        { delaySeconds: 3600, idempotencyKey: "metrics-test" },
      ),
    );
    const text = await scrape();
    expect(text).toContain("# TYPE infera_work_queue_depth gauge");
    expect(
      sample(text, 'infera_work_queue_depth{kind="fine_tuning.retention",state="scheduled"}'),
    ).toBeGreaterThanOrEqual(1);
  });

  it("the worker's scheduling passes are timed here; with no slots (max concurrent 0) none places a job", async () => {
    let text = await scrape();
    for (let i = 0; i < 60 && !(sample(text, "infera_fine_tune_scheduling_pass_seconds_count")! >= 1); i++) {
      await new Promise((r) => setTimeout(r, 250));
      text = await scrape();
    }
    expect(text).toContain("# TYPE infera_fine_tune_scheduling_pass_seconds histogram");
    expect(sample(text, "infera_fine_tune_scheduling_pass_seconds_count")).toBeGreaterThanOrEqual(1);
    expect(sample(text, "infera_fine_tune_jobs_placed_total")).toBe(0);
    expect(text).toContain("# TYPE infera_fine_tune_queue_wait_seconds histogram");
  });
});
