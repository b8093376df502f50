import { InferaApiError } from "@infera/client";
import type { FineTuneJobDetail, JobTransition } from "@infera/contracts";
import { describe, expect, it } from "vitest";
import { EXIT_JOB_CANCELED, EXIT_JOB_FAILED } from "./exit-codes.js";
import {
  eventLine,
  exitCodeOfOutcome,
  followJob,
  type JobSource,
  pollingSource,
  type WatchEvent,
} from "./job-watch.js";

const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s)).toISOString();
const tr = (
  seq: number,
  from: JobTransition["from"],
  to: JobTransition["to"],
  reason: string,
): JobTransition => ({
  seq,
  from,
  to,
  reason,
  actor_id: null,
  at: at(seq),
});

/** Only the fields `followJob` reads; the rest of a detail does not matter to it. */
function snapshot(
  status: FineTuneJobDetail["status"],
  transitions: JobTransition[],
  extra = {},
): FineTuneJobDetail {
  return {
    id: "ftj_1",
    status,
    transitions,
    queue_position: null,
    eta_seconds: null,
    ...extra,
  } as FineTuneJobDetail;
}

/** A source that replays snapshots, as a poll (repeats) or an SSE reconnect (replays) would. */
const scripted = (snapshots: FineTuneJobDetail[]): JobSource =>
  async function* () {
    yield* snapshots;
  };

describe("followJob", () => {
  it("reports each transition once, queue moves, and progress when the detail carries it", async () => {
    const t1 = tr(1, null, "queued", "created");
    const t2 = tr(2, "queued", "starting", "scheduled");
    const t3 = tr(3, "starting", "running", "started");
    const t4 = tr(4, "running", "succeeded", "completed");
    const events: WatchEvent[] = [];
    const last = await followJob(
      scripted([
        snapshot("queued", [t1], { queue_position: 2, eta_seconds: 30 }),
        snapshot("queued", [t1], { queue_position: 2, eta_seconds: 30 }),
        snapshot("queued", [t1], { queue_position: 1, eta_seconds: 10 }),
        snapshot("running", [t1, t2, t3], {
          progress: { step: 5, total_steps: 20, loss: 2.5, eta_seconds: 75 },
        }),
        snapshot("running", [t1, t2, t3], {
          progress: { step: 5, total_steps: 20, loss: 2.5, eta_seconds: 75 },
        }),
        snapshot("succeeded", [t1, t2, t3, t4]),
      ]),
      "ftj_1",
      (e) => events.push(e),
    );
    expect(last.status).toBe("succeeded");
    expect(events.map((e) => (e.type === "transition" ? `${e.type}:${e.to}` : e.type))).toEqual([
      "transition:queued",
      "queue",
      "queue",
      "transition:starting",
      "transition:running",
      "progress",
      "transition:succeeded",
    ]);
    const progress = events.find((e) => e.type === "progress")!;
    expect(eventLine(progress)).toBe("step 5/20  25%  loss 2.5000  ETA 1m 15s");
    expect(eventLine(events[0]!)).toContain("queued  (created)");
  });

  it("maps outcomes to exit codes", () => {
    expect(exitCodeOfOutcome("succeeded")).toBe(0);
    expect(exitCodeOfOutcome("failed")).toBe(EXIT_JOB_FAILED);
    expect(exitCodeOfOutcome("canceled")).toBe(EXIT_JOB_CANCELED);
  });

  it("polling keeps asking while the server is unreachable, and gives up after its patience", async () => {
    const down = () =>
      new InferaApiError({ status: 0, code: "service_unavailable", message: "cannot reach Infera" });
    const answers: (FineTuneJobDetail | Error)[] = [
      snapshot("running", [tr(1, null, "queued", "created")]),
      down(),
      down(),
      snapshot("canceled", [tr(1, null, "queued", "created"), tr(2, "queued", "canceled", "canceled")]),
    ];
    const client = {
      fineTuning: {
        jobs: {
          get: async () => {
            const next = answers.shift()!;
            if (next instanceof Error) throw next;
            return next;
          },
        },
      },
    } as unknown as Parameters<typeof pollingSource>[0];
    const reach: boolean[] = [];
    const seen: string[] = [];
    for await (const job of pollingSource(client, 1, { onReach: (r) => reach.push(r) })("ftj_1"))
      seen.push(job.status);
    expect(seen).toEqual(["running", "canceled"]);
    expect(reach).toEqual([false, true]);

    const never = {
      fineTuning: { jobs: { get: async () => Promise.reject(down()) } },
    } as unknown as Parameters<typeof pollingSource>[0];
    await expect(
      (async () => {
        for await (const _ of pollingSource(never, 1, { patienceMs: 20 })("ftj_1"));
      })(),
    ).rejects.toThrow("cannot reach Infera");
  });
});
