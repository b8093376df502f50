import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.js";
import { wantsGatewayProcesses } from "./gateway-processes.js";

describe("INFERA_GATEWAY_PROCESSES (several gateway processes on one port)", () => {
  const pg = { DATABASE_URL: "postgres://127.0.0.1/infera", INFERA_REDIS_URL: "redis://127.0.0.1:6379" };

  it("defaults to one process, reads 1…64 and refuses anything else", () => {
    expect(loadConfig({}).gatewayProcesses).toBe(1);
    expect(loadConfig({ INFERA_GATEWAY_PROCESSES: "4" }).gatewayProcesses).toBe(4);
    for (const bad of ["0", "65", "2.5", "two", "-1"])
      expect(() => loadConfig({ INFERA_GATEWAY_PROCESSES: bad }), bad).toThrow(/INFERA_GATEWAY_PROCESSES/);
  });

  it("one process is the plain start, whatever the roles", () => {
    expect(wantsGatewayProcesses(loadConfig({}), ["api", "gateway", "worker"])).toBe(false);
    expect(wantsGatewayProcesses(loadConfig({}), ["gateway"])).toBe(false);
  });

  it("several need a gateway-only process, PostgreSQL and the shared Redis admitter", () => {
    const several = (env: Record<string, string>) => loadConfig({ INFERA_GATEWAY_PROCESSES: "2", ...env });
    expect(wantsGatewayProcesses(several(pg), ["gateway"])).toBe(true);
    expect(() => wantsGatewayProcesses(several(pg), ["api", "gateway"])).toThrow(/--role gateway/);
    expect(() => wantsGatewayProcesses(several(pg), ["api", "gateway", "worker"])).toThrow(ConfigError);
    expect(() =>
      wantsGatewayProcesses(several({ INFERA_REDIS_URL: pg.INFERA_REDIS_URL }), ["gateway"]),
    ).toThrow(/DATABASE_URL/);
    // The in-memory admitter would let each process admit a key's whole RPM: refused, not divided.
    expect(() => wantsGatewayProcesses(several({ DATABASE_URL: pg.DATABASE_URL }), ["gateway"])).toThrow(
      /INFERA_REDIS_URL/,
    );
  });
});
