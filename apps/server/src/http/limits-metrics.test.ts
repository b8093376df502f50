import { createServer } from "node:net";
import { createCallAdmitter } from "@infera/gateway";
import { describe, expect, it } from "vitest";
import { createMetrics } from "./metrics.js";

describe("/metrics: the gateway's limits", () => {
  it("counts calls decided without Redis, by fail mode and operation", async () => {
    const metrics = createMetrics();
    // A port nothing listens on: Redis is down for this admitter.
    const server = createServer();
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const { port } = server.address() as { port: number };
    await new Promise((r) => server.close(r));
    const admitter = createCallAdmitter({
      redisUrl: `redis://127.0.0.1:${port}`,
      log: { info() {}, warn() {} },
      observer: metrics.limits,
    });
    const call = {
      tenantId: "tenant_a",
      projectId: "project_a",
      apiKeyId: "apikey_a",
      serviceId: "service_a",
      revisionId: "revision_a",
      limits: { rpm: 10, dailyTokens: null },
    };
    expect(await admitter.admit(call)).toEqual({ ok: true });
    expect(await admitter.admit(call)).toEqual({ ok: true });
    await admitter.charge(call, 12);
    await admitter.close();
    const text = await metrics.render();
    expect(text).toContain(
      'infera_gateway_limits_redis_unavailable_total{fail_mode="open",operation="admit"} 2',
    );
    expect(text).toContain(
      'infera_gateway_limits_redis_unavailable_total{fail_mode="open",operation="charge"} 1',
    );
  });
});
