import type { DatabaseHandle } from "@infera/db";
import { eq, tables } from "@infera/db";
import { openTestDatabase, unwiredPorts } from "@infera/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bootstrap } from "../bootstrap/bootstrap.js";
import { defaultSettings, type ServiceContext } from "../shared/context.js";
import type { Mail, Mailer } from "../shared/mailer.js";
import { createRegistry } from "../shared/registry.js";
import { createTenantUser } from "../tenant-users/create-tenant-user.js";
import { createInvitations, splitEmails } from "./create-invitations.js";

const silent = { info() {}, warn() {}, error() {} };

/** A mailer of our own port that records what it was asked to send, or fails like a down SMTP server. */
function recordingMailer(fail = false): Mailer & { sent: Mail[] } {
  const sent: Mail[] = [];
  return {
    enabled: true,
    sent,
    async send(mail) {
      if (fail) throw new Error("connection refused");
      sent.push(mail);
    },
  };
}

describe("createInvitations with a mailer", () => {
  let database: DatabaseHandle;
  let ctx: ServiceContext;
  let tenantId: string;
  beforeAll(async () => {
    database = await openTestDatabase();
    const base: ServiceContext = {
      db: database.db,
      principal: { type: "anonymous" },
      requestId: "test",
      ip: null,
      userAgent: null,
      now: () => new Date(),
      settings: {
        ...defaultSettings,
        publicUrl: "https://infera.example.test",
        passwordHashCost: { memoryCost: 1024, timeCost: 1 },
      },
      log: silent,
      registry: createRegistry(),
      ...unwiredPorts(),
    };
    const boot = await bootstrap({
      ctx: base,
      adminEmail: "root@example.test",
      adminPassword: "root password 123",
    });
    tenantId = boot.tenantId!;
    const [admin] = await database.db
      .select()
      .from(tables.users)
      .where(eq(tables.users.email, "root@example.test"));
    ctx = {
      ...base,
      principal: {
        type: "user",
        userId: admin!.id,
        email: admin!.email,
        isPlatformAdmin: true,
        sessionId: null,
      },
    };
  });
  afterAll(async () => database?.close());

  it("mails each created invitation its accept link, and nothing to skipped addresses", async () => {
    const mailer = recordingMailer();
    const result = await createInvitations({
      ctx: { ...ctx, mailer },
      tenantId,
      input: {
        emails: "a@example.test, bad-address, root@example.test",
        role: "member",
        projects: [],
        expires_in_hours: 72,
      },
    });
    expect(result.data.map((i) => i.email)).toEqual(["a@example.test"]);
    expect(mailer.sent).toHaveLength(1);
    expect(mailer.sent[0]).toMatchObject({
      to: "a@example.test",
      subject: "You are invited to Default on Infera",
    });
    expect(mailer.sent[0]!.text).toContain(`https://infera.example.test/invite/${result.data[0]!.token}`);
  });

  it("keeps the invitations when the mail cannot be sent: the link is in the answer", async () => {
    const result = await createInvitations({
      ctx: { ...ctx, mailer: recordingMailer(true) },
      tenantId,
      input: { emails: ["b@example.test"], role: "member", projects: [], expires_in_hours: 72 },
    });
    expect(result.data).toHaveLength(1);
    const [row] = await database.db
      .select()
      .from(tables.invitations)
      .where(eq(tables.invitations.email, "b@example.test"));
    expect(row?.status).toBe("pending");
  });

  it("mails the invitation that adding a user by email makes", async () => {
    const mailer = recordingMailer();
    const result = await createTenantUser({
      ctx: { ...ctx, mailer },
      tenantId,
      input: { email: "c@example.test", role: "finance" },
    });
    expect(result.outcome).toBe("invited");
    if (result.outcome !== "invited") return;
    expect(mailer.sent.map((m) => m.to)).toEqual(["c@example.test"]);
    expect(mailer.sent[0]!.text).toContain(result.data.accept_url);
  });

  it("splits pasted lists on commas, semicolons, whitespace and new lines", () => {
    expect(splitEmails("A@x.test;b@x.test,\n c@x.test\t a@X.test  ")).toEqual([
      "a@x.test",
      "b@x.test",
      "c@x.test",
    ]);
    expect(splitEmails(["  D@x.test ", "d@x.test", ""])).toEqual(["d@x.test"]);
  });
});
