import { openTestDatabase } from "@infera/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DatabaseHandle, sql, tables } from "./index.js";

describe("database", () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await openTestDatabase();
  });
  afterAll(async () => handle?.close());

  it("applies the migrations and refuses to change an audit event", async () => {
    const { db } = handle;
    await db.insert(tables.auditEvents).values({
      id: "aud_x",
      chainKey: "t",
      chainSeq: 1,
      actorType: "system",
      action: "test.write",
      resourceType: "test",
      resourceId: "x",
      createdAt: new Date(),
      prevHash: "0",
      hash: "1",
    });
    await expect(db.execute(sql`UPDATE audit_events SET action = 'x'`)).rejects.toThrow();
    await expect(db.execute(sql`DELETE FROM audit_events`)).rejects.toThrow();
    const rows = await db.select().from(tables.auditEvents);
    expect(rows).toHaveLength(1);
  });
});
