import { describe, expect, it } from "vitest";
import { type AutoscaleInput, decideReplicas, replicaBounds } from "./decide-replicas.js";
import { restartDelayMs } from "./restart-delay.js";

const T0 = new Date("2026-01-01T00:00:00.000Z");
const at = (s: number) => new Date(T0.getTime() + s * 1000);
const autoscaling = (over: Partial<AutoscaleInput["autoscaling"]> = {}): AutoscaleInput["autoscaling"] => ({
  metric: "concurrency",
  target: 4,
  min_replicas: 1,
  max_replicas: 5,
  scale_down_delay_seconds: 60,
  scale_to_zero: false,
  ...over,
});
const zero = autoscaling({ min_replicas: 0, scale_to_zero: true });
const memory = (desired: number, over: Partial<NonNullable<AutoscaleInput["memory"]>> = {}) => ({
  desired,
  lowSince: null,
  lowPeak: null,
  lastDemandAt: null,
  ...over,
});
const load = (inFlight: number, requestsPerSecond = 0) => ({ inFlight, requestsPerSecond });

describe("decideReplicas", () => {
  const cases: {
    name: string;
    input: Omit<AutoscaleInput, "coldStartOpen" | "readyReplicas"> & {
      coldStartOpen?: boolean;
      readyReplicas?: number;
    };
    expected: object;
  }[] = [
    {
      name: "a revision not seen yet starts from one replica",
      input: { autoscaling: autoscaling(), memory: null, load: load(0), now: T0 },
      expected: { desired: 1, change: null },
    },
    {
      name: "a revision not seen yet starts from min_replicas",
      input: { autoscaling: autoscaling({ min_replicas: 3 }), memory: null, load: load(0), now: T0 },
      expected: { desired: 3, change: null },
    },
    {
      name: "scales up at once to ceil(in flight / target)",
      input: { autoscaling: autoscaling(), memory: memory(1), load: load(9), now: T0 },
      expected: { desired: 3, wanted: 3, change: "up", lowSince: null },
    },
    {
      name: "qps reads requests per second",
      input: {
        autoscaling: autoscaling({ metric: "qps", target: 10 }),
        memory: memory(1),
        load: load(0, 25),
        now: T0,
      },
      expected: { desired: 3, change: "up" },
    },
    {
      name: "clamped to max_replicas",
      input: { autoscaling: autoscaling(), memory: memory(2), load: load(100), now: T0 },
      expected: { desired: 5, wanted: 5, change: "up" },
    },
    {
      name: "clamped to min_replicas without load",
      input: {
        autoscaling: autoscaling({ min_replicas: 2 }),
        memory: memory(2, { lowSince: at(-600), lowPeak: 2 }),
        load: load(0),
        now: T0,
      },
      expected: { desired: 2, wanted: 2, change: null },
    },
    {
      name: "a desired count above a lower max comes down at once",
      input: { autoscaling: autoscaling({ max_replicas: 2 }), memory: memory(4), load: load(40), now: T0 },
      expected: { desired: 2, change: "down" },
    },
    {
      name: "lower load does not scale down before the delay (the low period starts)",
      input: { autoscaling: autoscaling(), memory: memory(3), load: load(1), now: T0 },
      expected: { desired: 3, wanted: 1, change: null, lowSince: T0, lowPeak: 1 },
    },
    {
      name: "still not one second before the delay",
      input: {
        autoscaling: autoscaling(),
        memory: memory(3, { lowSince: T0, lowPeak: 1 }),
        load: load(1),
        now: at(59),
      },
      expected: { desired: 3, change: null, lowSince: T0 },
    },
    {
      name: "scales down after the delay",
      input: {
        autoscaling: autoscaling(),
        memory: memory(3, { lowSince: T0, lowPeak: 1 }),
        load: load(1),
        now: at(60),
      },
      expected: { desired: 1, change: "down", lowSince: null, lowPeak: null },
    },
    {
      name: "after the delay, down only to the most the load asked for during it",
      input: {
        autoscaling: autoscaling(),
        memory: memory(4, { lowSince: T0, lowPeak: 2 }),
        load: load(1),
        now: at(60),
      },
      expected: { desired: 2, change: "down", lowSince: at(60), lowPeak: 1 },
    },
    {
      name: "a load back up ends the low period",
      input: {
        autoscaling: autoscaling(),
        memory: memory(3, { lowSince: T0, lowPeak: 1 }),
        load: load(12),
        now: at(30),
      },
      expected: { desired: 3, change: null, lowSince: null, lowPeak: null },
    },
    {
      name: "scale to zero: not before the delay without load",
      input: {
        autoscaling: zero,
        memory: memory(1, { lowSince: T0, lowPeak: 0 }),
        load: load(0),
        now: at(59),
      },
      expected: { desired: 1, wanted: 0, change: null },
    },
    {
      name: "scale to zero after the delay without load",
      input: {
        autoscaling: zero,
        memory: memory(1, { lowSince: T0, lowPeak: 0 }),
        load: load(0),
        now: at(60),
      },
      expected: { desired: 0, change: "zero", lowSince: null },
    },
    {
      name: "scale to zero: not while its replica is still starting (idle counts from when it can serve)",
      input: {
        autoscaling: zero,
        memory: memory(1, { lowSince: T0, lowPeak: 0 }),
        readyReplicas: 0,
        load: load(0),
        now: at(600),
      },
      expected: { desired: 1, change: null, lowSince: null },
    },
    {
      name: "a revision scaled to zero with nothing ready stays at zero",
      input: { autoscaling: zero, memory: memory(0), readyReplicas: 0, load: load(0), now: at(600) },
      expected: { desired: 0, change: null },
    },
    {
      name: "without scale to zero, no load keeps one replica",
      input: {
        autoscaling: autoscaling({ min_replicas: 0 }),
        memory: memory(1, { lowSince: T0 }),
        load: load(0),
        now: at(600),
      },
      expected: { desired: 1, change: null },
    },
    {
      name: "from zero: a demand wants one replica at once",
      input: { autoscaling: zero, memory: memory(0, { lastDemandAt: T0 }), load: load(0), now: at(1) },
      expected: { desired: 1, change: "up" },
    },
    {
      name: "from zero: an open cold start keeps one replica even after the demand's delay",
      input: {
        autoscaling: zero,
        memory: memory(1, { lastDemandAt: T0 }),
        coldStartOpen: true,
        load: load(0),
        now: at(600),
      },
      expected: { desired: 1, change: null },
    },
    {
      name: "from zero: load wants as many as it needs",
      input: { autoscaling: zero, memory: memory(0), load: load(10), now: T0 },
      expected: { desired: 3, change: "up" },
    },
    {
      name: "a demand's delay over and no load: back to zero after the delay",
      input: {
        autoscaling: zero,
        memory: memory(1, { lastDemandAt: T0, lowSince: at(60), lowPeak: 0 }),
        load: load(0),
        now: at(120),
      },
      expected: { desired: 0, change: "zero" },
    },
  ];
  for (const { name, input, expected } of cases)
    it(name, () => {
      expect(decideReplicas({ coldStartOpen: false, readyReplicas: 1, ...input })).toMatchObject(expected);
    });

  it("bounds: scale to zero reaches 0, otherwise at least 1; max never under min", () => {
    expect(replicaBounds(zero)).toEqual({ min: 0, max: 5 });
    expect(replicaBounds(autoscaling({ min_replicas: 0 }))).toEqual({ min: 1, max: 5 });
    expect(replicaBounds(autoscaling({ min_replicas: 3, max_replicas: 1 }))).toEqual({ min: 3, max: 3 });
  });
});

describe("restartDelayMs", () => {
  it("doubles from the base and stops at the cap", () => {
    const backoff = { baseMs: 1000, maxMs: 10_000 };
    expect([0, 1, 2, 3, 4, 10].map((n) => restartDelayMs(n, backoff))).toEqual([
      1000, 2000, 4000, 8000, 10_000, 10_000,
    ]);
  });
});
