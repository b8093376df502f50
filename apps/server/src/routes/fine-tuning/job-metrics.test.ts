import { appendJobEvents, type NewJobEvent, withTransaction } from "@infera/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../main.js";
import type { HttpClient } from "../../testing/http.js";
import { startTestServer } from "../../testing/test-server.js";
import { createWorld, type World } from "../../testing/world.js";
import { seedJob, seedJobInputs } from "./fine-tuning-test-helpers.js";

const STEPS = 5000;
/** The loss a step reports: a smooth fall with one spike at step 3333. */
const lossAt = (step: number) => (step === 3333 ? 50 : 5 / (1 + step / 100));

describe("fine-tuning metrics: series by name and step range, downsampled in the database", () => {
  let server: RunningServer;
  let w: World;
  let other: World;
  let dev: HttpClient;
  let jobId: string;
  const metricsOf = (id: string, q = "") => `/fine-tuning/jobs/${id}/metrics${q}`;

  beforeAll(async () => {
    server = await startTestServer();
    w = await createWorld(server.url);
    other = await createWorld(server.url);
    dev = w.users.developer!.client;
    const inputs = await seedJobInputs(dev, w.projectId);
    jobId = (await seedJob(dev, w.projectId, inputs)).id;
    // Thousands of metrics events through the core append path, in batches as the worker writes them.
    const start = Date.parse("2026-01-01T00:00:00Z");
    for (let from = 1; from <= STEPS; from += 500) {
      const events: NewJobEvent[] = [];
      for (let step = from; step < from + 500 && step <= STEPS; step++) {
        const data: Record<string, unknown> = {
          step,
          epoch: step / STEPS,
          loss: lossAt(step),
          learning_rate: 1e-4,
          extra: { accuracy: step / STEPS },
        };
        if (step % 100 === 0) data.eval_loss = lossAt(step) + 0.1;
        events.push({ type: "metrics", at: new Date(start + step * 1000), data });
        if (step % 250 === 0)
          events.push({
            type: "log",
            at: new Date(start + step * 1000),
            level: "info",
            data: { message: "x" },
          });
      }
      await withTransaction(server.systemCtx, (tx) => appendJobEvents(tx, jobId, 1, events));
    }
  }, 120_000);
  afterAll(async () => server?.stop());

  it("answers every point of a short series as reported, with its step and time", async () => {
    const res = await dev.get(metricsOf(jobId, "?name=eval_loss"));
    expect(res.status, res.text).toBe(200);
    expect(res.body.data.downsampled).toBe(false);
    const [series] = res.body.data.series;
    expect(series.name).toBe("eval_loss");
    expect(series.points).toHaveLength(STEPS / 100);
    expect(series.points[0]).toEqual({
      step: 100,
      value: lossAt(100) + 0.1,
      time: "2026-01-01T00:01:40.000Z",
    });
    expect(series.points.at(-1).step).toBe(STEPS);
  });

  it("downsamples a long series to at most max_points, keeping the first, the last and the spike", async () => {
    const res = await dev.get(metricsOf(jobId, "?name=loss,eval_loss&max_points=200"));
    expect(res.status, res.text).toBe(200);
    expect(res.body.data.downsampled).toBe(true);
    const [loss, evalLoss] = res.body.data.series;
    expect(loss.name).toBe("loss");
    expect(loss.points.length).toBeLessThanOrEqual(200);
    expect(loss.points.length).toBeGreaterThan(100);
    expect(loss.points[0]).toMatchObject({ step: 1, value: lossAt(1) });
    expect(loss.points.at(-1)).toMatchObject({ step: STEPS, value: lossAt(STEPS) });
    expect(loss.points.some((p: { step: number; value: number }) => p.step === 3333 && p.value === 50)).toBe(
      true,
    );
    const steps = loss.points.map((p: { step: number }) => p.step);
    expect(steps).toEqual([...steps].sort((a, b) => a - b));
    // The short series in the same answer is whole.
    expect(evalLoss.points).toHaveLength(50);
  });

  it("default max_points is 1000 and the step range is inclusive", async () => {
    const all = await dev.get(metricsOf(jobId, "?name=loss"));
    expect(all.body.data.downsampled).toBe(true);
    expect(all.body.data.series[0].points.length).toBeLessThanOrEqual(1000);
    const range = await dev.get(metricsOf(jobId, "?name=loss&from_step=100&to_step=199"));
    expect(range.body.data.downsampled).toBe(false);
    const points = range.body.data.series[0].points;
    expect(points).toHaveLength(100);
    expect([points[0].step, points.at(-1).step]).toEqual([100, 199]);
  });

  it("reads a runtime's extra metric by name, and lists every reported metric when no name is given", async () => {
    const extra = await dev.get(metricsOf(jobId, "?name=accuracy&from_step=4999"));
    expect(extra.body.data.series[0].points).toEqual([
      { step: 4999, value: 4999 / STEPS, time: expect.any(String) },
      { step: 5000, value: 1, time: expect.any(String) },
    ]);
    const names = await dev.get(metricsOf(jobId, "?from_step=5000"));
    expect(names.status, names.text).toBe(200);
    expect(names.body.data.series.map((s: { name: string }) => s.name)).toEqual([
      "accuracy",
      "eval_loss",
      "learning_rate",
      "loss",
    ]);
    const unknown = await dev.get(metricsOf(jobId, "?name=nothing_here"));
    expect(unknown.body.data).toEqual({ series: [{ name: "nothing_here", points: [] }], downsampled: false });
  });

  it("a job with no metrics answers empty series", async () => {
    const inputs = await seedJobInputs(dev, w.projectId);
    const fresh = await seedJob(dev, w.projectId, inputs);
    const res = await dev.get(metricsOf(fresh.id));
    expect(res.status, res.text).toBe(200);
    expect(res.body.data).toEqual({ series: [], downsampled: false });
  });

  it("refuses bad input with 400 and hides other tenants' jobs", async () => {
    for (const q of [
      "?max_points=3",
      "?max_points=10001",
      "?max_points=abc",
      "?from_step=-1",
      "?from_step=10&to_step=5",
      "?name=loss;drop",
      `?name=${Array.from({ length: 21 }, (_, i) => `m${i}`).join(",")}`,
    ]) {
      const res = await dev.get(metricsOf(jobId, q));
      expect(res.status, `${q}: ${res.text}`).toBe(400);
      expect(res.body.error.code).toBe("validation_error");
    }
    expect((await dev.get(metricsOf("ftj_00000000000000000000000000"))).status).toBe(404);
    const stranger = await other.users.owner!.client.get(metricsOf(jobId));
    expect(stranger.status).toBe(404);
  });
});
