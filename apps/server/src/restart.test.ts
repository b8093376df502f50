import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { testEngine } from "@infera/testing";
import pino from "pino";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig } from "./config.js";
import { startServer } from "./main.js";
import { loginAs } from "./testing/http.js";
import { TEST_ADMIN, testPasswordCost } from "./testing/test-server.js";

// The embedded database in a data directory: only the PGlite run has one.
describe.skipIf(testEngine() !== "pglite")("restart on the embedded database", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "infera-restart-"));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  const start = (onBootstrap: (created: boolean) => void) =>
    startServer(
      loadConfig({
        INFERA_PORT: "0",
        INFERA_DATA_DIR: dataDir,
        INFERA_ADMIN_EMAIL: TEST_ADMIN.email,
        INFERA_ADMIN_PASSWORD: TEST_ADMIN.password,
      }),
      {
        log: pino({ level: "silent" }),
        settings: { passwordHashCost: testPasswordCost },
        onBootstrap: (r) => onBootstrap(r.created),
      },
    );

  it("keeps projects, the admin and an intact audit chain across a restart", async () => {
    let created: boolean | undefined;
    const first = await start((c) => {
      created = c;
    });
    let tenantId: string;
    let projectId: string;
    try {
      expect(created).toBe(true);
      const admin = await loginAs(first.url, TEST_ADMIN.email, TEST_ADMIN.password);
      tenantId = (await admin.get("/auth/me")).body.data.tenants[0].id;
      const p = await admin.post(`/tenants/${tenantId}/projects`, { name: "Survives Restart", env: "prod" });
      expect(p.status).toBe(201);
      projectId = p.body.data.id;
    } finally {
      await first.stop();
    }

    const second = await start((c) => {
      created = c;
    });
    try {
      expect(created).toBe(false);
      const admin = await loginAs(second.url, TEST_ADMIN.email, TEST_ADMIN.password);
      const me = await admin.get("/auth/me");
      expect(me.body.data.tenants.map((t: { id: string }) => t.id)).toEqual([tenantId]);
      const project = await admin.get(`/projects/${projectId}`);
      expect(project.status).toBe(200);
      expect(project.body.data).toMatchObject({ name: "Survives Restart", env: "prod" });
      const names = (await admin.get(`/tenants/${tenantId}/projects`)).body.data.map(
        (x: { name: string }) => x.name,
      );
      expect(names.sort()).toEqual(["Dev", "Survives Restart"]);
      const events = await admin.get(`/projects/${projectId}/audit-events`);
      expect(events.body.data.map((e: { action: string }) => e.action)).toEqual(["project.create"]);
      const verify = await admin.get(`/tenants/${tenantId}/audit-events/verify`);
      expect(verify.body.data).toMatchObject({ intact: true, first_broken: null });
      expect(verify.body.data.checked).toBeGreaterThanOrEqual(2);
    } finally {
      await second.stop();
    }
  });
});
