import {
  CallCostEstimator,
  type CallCostEstimatorOptions,
  type CallCostInput,
  databasePriceDirectory,
  type PriceDirectory,
} from "@infera/core";
import { type DatabaseHandle, openDatabase } from "@infera/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "./main.js";
import { seedModel } from "./routes/models/model-test-helpers.js";
import type { HttpClient } from "./testing/http.js";
import { startTestServer } from "./testing/test-server.js";
import { createWorld, type World } from "./testing/world.js";

/** Our own port, wrapped to count what reaches the database. */
function counted(inner: PriceDirectory) {
  const calls = { tenant: 0, classes: 0 };
  const directory: PriceDirectory = {
    tenantPrices(tenantId) {
      calls.tenant += 1;
      return inner.tenantPrices(tenantId);
    },
    resourceClassPrices() {
      calls.classes += 1;
      return inner.resourceClassPrices();
    },
  };
  return { calls, directory };
}

/** Polls (no fixed sleep) until the estimate is `want`; answers the milliseconds it took. */
async function estimateWithin(
  e: CallCostEstimator,
  input: CallCostInput,
  want: number | null,
  limitMs: number,
) {
  const start = performance.now();
  for (;;) {
    const got = await e.estimateCallCost(input);
    if (got === want) return performance.now() - start;
    if (performance.now() - start > limitMs)
      throw new Error(`still ${got} (want ${want}) after ${limitMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe("CallCostEstimator: a call's cost from the tenant's price table, cached, dropped by LISTEN/NOTIFY", () => {
  let server: RunningServer;
  let w: World;
  let admin: HttpClient;
  let versionId: string;
  /** The second "process": its own connection (and LISTEN connection) on PostgreSQL. */
  let second: DatabaseHandle | null = null;
  const estimators: CallCostEstimator[] = [];

  beforeAll(async () => {
    server = await startTestServer({}, { apiOnly: true });
    w = await createWorld(server.url);
    admin = w.users.tenantAdmin!.client;
    versionId = (await seedModel(w.users.developer!.client, w.projectId)).versionIds[0]!;
    const url = (server.database as { url?: string }).url;
    if (url) second = await openDatabase({ url, poolSize: 2 });
  }, 120_000);
  afterAll(async () => {
    for (const e of estimators) await e.close();
    await second?.close();
    await server?.stop();
  });

  async function estimatorOn(handle: DatabaseHandle, opts: Partial<CallCostEstimatorOptions> = {}) {
    const { calls, directory } = counted(databasePriceDirectory(handle.db));
    const e = new CallCostEstimator({ directory, changes: { listen: handle.listen }, ...opts });
    await e.start();
    estimators.push(e);
    return { e, calls };
  }
  const call = (over: Partial<CallCostInput> = {}): CallCostInput => ({
    tenantId: w.tenantId,
    modelVersionId: versionId,
    resourceClassId: "cpu-2",
    promptTokens: 1000,
    completionTokens: 500,
    latencyMs: 1000,
    ...over,
  });
  const put = async (body: Record<string, unknown>) => {
    const res = await admin.put(`/tenants/${w.tenantId}/prices`, body);
    expect(res.status, res.text).toBe(200);
    return res.body.data.id as string;
  };

  it("prices by the model version's tokens, else the resource class's hour × duration, else not at all", async () => {
    const { e } = await estimatorOn(server.database);
    // Nothing but the platform's cpu-2 at 0 USD an hour: priced, at nothing; no class at all: null.
    expect(await e.estimateCallCost(call())).toBe(0);
    expect(await e.estimateCallCost(call({ resourceClassId: null }))).toBeNull();
    expect(await e.estimateCallCost(call({ resourceClassId: "no-such-class" }))).toBeNull();

    // The platform admin prices cpu-2: 0.72 an hour, so one second is 0.0002.
    const patched = await w.admin.patch("/admin/resource-classes/cpu-2", { hourly_price: 0.72 });
    expect(patched.status, patched.text).toBe(200);
    await estimateWithin(e, call(), 0.0002, 1000);

    // The tenant's own class price wins over the platform's: 3.6 an hour × 2.5 s = 0.0025.
    await put({ subject_kind: "resource_class", subject_id: "cpu-2", per_hour: 3.6 });
    await estimateWithin(e, call({ latencyMs: 2500 }), 0.0025, 1000);

    // Token prices win over the class: 1000 × 2 / 1e6 + 500 × 6 / 1e6 = 0.005.
    const priceId = await put({
      subject_kind: "model_version",
      subject_id: versionId,
      input_per_million: 2,
      output_per_million: 6,
    });
    await estimateWithin(e, call(), 0.005, 1000);
    // Only one side priced: the other costs nothing.
    await put({ subject_kind: "model_version", subject_id: versionId, output_per_million: 6 });
    await estimateWithin(e, call(), 0.003, 1000);
    expect(await e.estimateCallCost(call({ modelVersionId: null }))).toBe(0.001);

    // Removed: back to the class price.
    expect((await admin.delete(`/prices/${priceId}`)).status).toBe(204);
    await estimateWithin(e, call(), 0.001, 1000);
  });

  it("answers from memory: one read of a tenant's table however many calls, and none for the hot path after", async () => {
    const { e, calls } = await estimatorOn(server.database);
    const results = await Promise.all(Array.from({ length: 200 }, () => e.estimateCallCost(call())));
    expect(new Set(results).size).toBe(1);
    for (let i = 0; i < 1000; i++) await e.estimateCallCost(call({ promptTokens: i }));
    // The tenant's own cpu-2 price answers: the platform's classes are not even read.
    expect(calls).toEqual({ tenant: 1, classes: 0 });
    expect(e.cacheSizes()).toEqual({ tenants: 1, classes: false });
  });

  it("a change made through the API reaches an estimator of another process within a second", async () => {
    const { e: first } = await estimatorOn(server.database);
    const { e: other, calls } = await estimatorOn(second ?? server.database);
    const before = await other.estimateCallCost(call({ modelVersionId: null }));
    expect(before).toBe(await first.estimateCallCost(call({ modelVersionId: null })));
    await put({ subject_kind: "resource_class", subject_id: "cpu-2", per_hour: 7.2 });
    const ms = await estimateWithin(other, call({ modelVersionId: null }), 0.002, 1000);
    expect(ms).toBeLessThan(1000);
    expect(calls.tenant).toBe(2);
    await estimateWithin(first, call({ modelVersionId: null }), 0.002, 1000);
  });

  it("a platform price in another currency than the tenant's does not price its calls", async () => {
    const { e } = await estimatorOn(server.database);
    const list = await admin.get(`/tenants/${w.tenantId}/prices?subject_kind=resource_class`);
    for (const p of list.body.data) expect((await admin.delete(`/prices/${p.id}`)).status).toBe(204);
    await estimateWithin(e, call({ modelVersionId: null }), 0.0002, 1000); // the platform's 0.72 USD
    expect((await admin.patch(`/tenants/${w.tenantId}`, { currency: "EUR" })).status).toBe(200);
    await estimateWithin(e, call({ modelVersionId: null }), null, 1000);
  });

  it("re-reads a cached table in the background after refreshAfterMs (the backstop for a lost notification)", async () => {
    let now = 0;
    const { e, calls } = await estimatorOn(server.database, { now: () => now, refreshAfterMs: 1000 });
    await e.estimateCallCost(call());
    now = 500;
    await e.estimateCallCost(call());
    expect(calls.tenant).toBe(1);
    now = 1500;
    await e.estimateCallCost(call());
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(calls.tenant).toBe(2);
  });
});
