import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createPostgresDatabase, dropPostgresDatabase } from "@infera/db";
import { postgresAdminUrl, testEngine } from "@infera/testing";
import { afterAll, describe, expect, it } from "vitest";
import { startChildServer, stopProcess } from "../../testing/child-server.js";
import { type HttpClient, loginAs } from "../../testing/http.js";
import { TEST_ADMIN } from "../../testing/test-server.js";

const MB = 1024 * 1024;
const b64 = (s: string) => Buffer.from(s).toString("base64");

/** A real server process on `env`'s database and folders; resolves with its URL once it serves. */
async function startProcess(env: Record<string, string>) {
  const child = await startChildServer(env);
  return { proc: child.proc, url: child.url! };
}

describe("a server killed in the middle of one large PATCH", () => {
  const dir = mkdtempSync(join(tmpdir(), "infera-upload-crash-"));
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c().catch(() => {});
    // Every server has exited (above); retries only cover a slow file system.
    rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  });

  async function environment(): Promise<Record<string, string>> {
    const env: Record<string, string> = {
      INFERA_PORT: "0",
      INFERA_DATA_DIR: join(dir, "data"),
      INFERA_ADMIN_EMAIL: TEST_ADMIN.email,
      INFERA_ADMIN_PASSWORD: TEST_ADMIN.password,
      DATABASE_URL: "",
    };
    if (testEngine() === "postgres") {
      const name = `infera_test_crash_${randomBytes(4).toString("hex")}`;
      env.DATABASE_URL = await createPostgresDatabase(postgresAdminUrl, name);
      cleanups.push(() => dropPostgresDatabase(postgresAdminUrl, name));
    }
    return env;
  }

  it("keeps what reached the disk: HEAD after a restart reports it, and the resumed upload's sha256 is right", async () => {
    const env = await environment();
    const size = 64 * MB;
    const bytes = randomBytes(size);
    const sha256 = createHash("sha256").update(bytes).digest("hex");

    const first = await startProcess(env);
    cleanups.push(() => stopProcess(first.proc, "SIGKILL"));
    let admin: HttpClient = await loginAs(first.url, TEST_ADMIN.email, TEST_ADMIN.password);
    const tenantId = (await admin.get("/auth/me")).body.data.tenants[0].id;
    const projectId = (await admin.get(`/tenants/${tenantId}/projects`)).body.data[0].id as string;
    const created = await admin.request("POST", "/uploads", undefined, {
      "tus-resumable": "1.0.0",
      "upload-length": String(size),
      "upload-metadata": `project_id ${b64(projectId)},filename ${b64("big.bin")},sha256 ${b64(sha256)}`,
    });
    expect(created.status, created.text).toBe(201);
    const uploadId = created.body.data.id as string;
    const token = (admin as HttpClient & { token: string }).token;

    // One PATCH for all 64 MB, streamed slowly; only the first 30 MB are ever sent.
    const sent = 30 * MB;
    /** What the server has on disk and recorded, at worst: one progress step (8 MB) and socket buffers short of `sent`. */
    const closeTo = 16 * MB;
    const patch = request(`${first.url}/api/v1/uploads/${uploadId}`, {
      method: "PATCH",
      headers: {
        authorization: `Bearer ${token}`,
        "tus-resumable": "1.0.0",
        "upload-offset": "0",
        "content-type": "application/offset+octet-stream",
        "content-length": String(size),
      },
    });
    const ended = new Promise<string>((resolve) => {
      patch.on("error", (err) => resolve(err.message));
      patch.on("response", (res) => resolve(`answered ${res.statusCode}`));
    });
    for (let at = 0; at < sent; at += MB) {
      if (!patch.write(bytes.subarray(at, at + MB))) await new Promise((r) => patch.once("drain", r));
      await new Promise((r) => setTimeout(r, 10));
    }
    // The request is still running: the offset the server records grows while it does (every 8 MB
    // on disk), so the kill below comes after most of the 30 MB arrived.
    await expect
      .poll(async () => (await admin.get(`/uploads/${uploadId}`)).body.data.offset, { timeout: 20_000 })
      .toBeGreaterThanOrEqual(closeTo);

    first.proc.kill("SIGKILL");
    await new Promise((r) => first.proc.once("exit", r));
    expect(await ended).not.toMatch(/^answered/);

    const second = await startProcess(env);
    cleanups.push(() => stopProcess(second.proc, "SIGTERM"));
    admin = await loginAs(second.url, TEST_ADMIN.email, TEST_ADMIN.password);
    const head = await fetch(`${second.url}/api/v1/uploads/${uploadId}`, {
      method: "HEAD",
      headers: {
        authorization: `Bearer ${(admin as HttpClient & { token: string }).token}`,
        "tus-resumable": "1.0.0",
      },
    });
    expect(head.status).toBe(200);
    const offset = Number(head.headers.get("upload-offset"));
    // Close to what was sent, never more than what reached the server.
    expect(offset).toBeGreaterThanOrEqual(closeTo);
    expect(offset).toBeLessThanOrEqual(sent);

    const rest = await admin.request("PATCH", `/uploads/${uploadId}`, bytes.subarray(offset), {
      "tus-resumable": "1.0.0",
      "upload-offset": String(offset),
      "content-type": "application/offset+octet-stream",
    });
    expect(rest.status, rest.text).toBe(204);
    const done = await admin.get(`/uploads/${uploadId}`);
    expect(done.body.data).toMatchObject({ state: "complete", offset: size, sha256 });
  }, 300_000);
});
