import type { RoutableReplica, RoutableRevision, RoutableService } from "@infera/core";
import { describe, expect, it } from "vitest";
import { pickReplica } from "./pick-replica.js";
import { pickRevision } from "./pick-revision.js";
import { createRoutingTable } from "./routing-table.js";

const replica = (id: string): RoutableReplica => ({ id, host: "127.0.0.1", port: 1 });
const revision = (id: string, trafficPercent: number): RoutableRevision => ({
  id,
  number: 1,
  trafficPercent,
  currentState: "ready",
  runtimeKind: "llama.cpp",
  modelVersionId: "mv",
  resourceClass: "cpu-2",
  upstream: null,
  replicas: [],
});

describe("routing choices", () => {
  it("picks the replica with the fewest of this process's calls in flight, spreading ties", () => {
    const replicas = [replica("a"), replica("b"), replica("c")];
    const inFlight = new Map([
      ["a", 3],
      ["b", 1],
      ["c", 2],
    ]);
    for (let i = 0; i < 20; i++) expect(pickReplica(replicas, (id) => inFlight.get(id) ?? 0)!.id).toBe("b");
    const idle = new Set<string>();
    for (let i = 0; i < 200; i++) idle.add(pickReplica(replicas, () => 0)!.id);
    expect([...idle].sort()).toEqual(["a", "b", "c"]);
    expect(pickReplica([], () => 0)).toBeNull();
  });

  it("picks revisions by their traffic share; none without a share", () => {
    const revisions = [revision("r1", 90), revision("r2", 10), revision("r0", 0)];
    expect(pickRevision(revisions, () => 0)!.id).toBe("r1");
    expect(pickRevision(revisions, () => 0.899)!.id).toBe("r1");
    expect(pickRevision(revisions, () => 0.9)!.id).toBe("r2");
    expect(pickRevision(revisions, () => 0.999999)!.id).toBe("r2");
    expect(pickRevision([revision("x", 0)])).toBeNull();
  });

  it("reloads the table by traffic when stale, once for concurrent callers, and keeps the last on failure", async () => {
    let now = 0;
    let loads = 0;
    let fail = false;
    const service = { id: "svc", projectId: "p", tenantId: "t", name: "bot" } as RoutableService;
    const table = createRoutingTable({
      load: async () => {
        loads += 1;
        if (fail) throw new Error("database away");
        return [{ ...service, revisions: [revision(`r${loads}`, 100)] }];
      },
      staleMs: 1000,
      nowMs: () => now,
    });
    await Promise.all([table.get(), table.get(), table.get()]);
    expect(loads).toBe(1);
    now = 999;
    await table.get();
    expect(loads).toBe(1);
    now = 1000;
    expect((await table.get()).byId.get("svc")!.revisions[0]!.id).toBe("r2");
    fail = true;
    now = 3000;
    expect((await table.get()).byProjectAndName.get("p bot")!.revisions[0]!.id).toBe("r2");
    expect(loads).toBe(3);
  });
});
