import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../main.js";
import { loginAs } from "../testing/http.js";
import { startTestServer, TEST_ADMIN } from "../testing/test-server.js";

describe("invitations by mail (SMTP configured)", () => {
  const received: { to: string[]; body: string }[] = [];
  let smtp: SMTPServer;
  let server: RunningServer;

  beforeAll(async () => {
    // A real SMTP server on loopback receives what Infera sends.
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      onData(stream, session, callback) {
        let body = "";
        stream.on("data", (chunk: Buffer) => {
          body += chunk.toString("utf8");
        });
        stream.on("end", () => {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address), body });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
    const port = (smtp.server.address() as AddressInfo).port;
    server = await startTestServer({
      INFERA_SMTP_URL: `smtp://127.0.0.1:${port}`,
      INFERA_MAIL_FROM: "Infera <noreply@infera.test>",
    });
  });
  afterAll(async () => {
    await server?.stop();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  });

  it("mails each invited address its accept link, which is also shown once in the answer", async () => {
    const admin = await loginAs(server.url, TEST_ADMIN.email, TEST_ADMIN.password);
    const me = await admin.get("/auth/me");
    const tenantId = me.body.data.tenants[0].id;
    const res = await admin.post(`/tenants/${tenantId}/invitations`, {
      emails: "ada@example.test, grace@example.test",
      role: "member",
    });
    expect(res.status).toBe(201);
    const links = res.body.data.map((i: { accept_url: string }) => i.accept_url);
    await expect.poll(() => received.length, { timeout: 10_000 }).toBe(2);
    for (const [i, email] of ["ada@example.test", "grace@example.test"].entries()) {
      const mail = received.find((m) => m.to.includes(email));
      expect(mail, `mail to ${email}`).toBeDefined();
      expect(mail!.body.replace(/=\r?\n/g, "")).toContain(links[i]);
      expect(mail!.body).toContain("noreply@infera.test");
    }
  });
});
