import { describe, expect, it } from "vitest";
import { auditHash, canonicalJson, GENESIS_HASH } from "./audit-hash.js";

const event = {
  id: "aud_1",
  chainKey: "ten_1",
  chainSeq: 1,
  tenantId: "ten_1",
  projectId: null,
  actorType: "user",
  actorId: "usr_1",
  actorLabel: "a@b.c",
  action: "project.create",
  resourceType: "project",
  resourceId: "proj_1",
  ip: "127.0.0.1",
  userAgent: "ua",
  before: null,
  after: { name: "x", nested: { b: 1, a: [1, { d: 2, c: 3 }] } },
  requestId: "req_1",
  createdAt: new Date("2026-01-02T03:04:05.678Z"),
};

describe("audit hash", () => {
  it("does not depend on key order (jsonb reorders keys)", () => {
    expect(canonicalJson({ b: 1, a: { d: 1, c: 2 } })).toBe(canonicalJson({ a: { c: 2, d: 1 }, b: 1 }));
  });

  it("changes when any hashed field changes, and when the previous hash changes", () => {
    const h = auditHash(GENESIS_HASH, event);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(auditHash(GENESIS_HASH, { ...event, action: "project.delete" })).not.toBe(h);
    expect(auditHash(GENESIS_HASH, { ...event, after: { ...event.after, name: "y" } })).not.toBe(h);
    expect(
      auditHash(GENESIS_HASH, { ...event, createdAt: new Date(event.createdAt.getTime() + 1) }),
    ).not.toBe(h);
    expect(auditHash("f".repeat(64), event)).not.toBe(h);
  });

  it("ignores the stored link fields of a row read back", () => {
    expect(auditHash(GENESIS_HASH, { ...event, prevHash: "x", hash: "y" } as typeof event)).toBe(
      auditHash(GENESIS_HASH, event),
    );
  });
});
