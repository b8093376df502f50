import { createHash, randomBytes } from "node:crypto";
import { createReadStream, createWriteStream, existsSync } from "node:fs";
import { mkdtemp, readdir, rm, stat, utimes } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pathToFileURL } from "node:url";
import { openTestDatabase, testEngine } from "@infera/testing";
import pino from "pino";
import { Upload as TusUpload, type UploadOptions } from "tus-js-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../config.js";
import { type RunningServer, startServer } from "../../main.js";
import { type HttpClient, httpClient, loginAs } from "../../testing/http.js";
import { TEST_ADMIN, testPasswordCost } from "../../testing/test-server.js";

const MB = 1024 * 1024;
const b64 = (s: string) => Buffer.from(s).toString("base64");

/** `size` random bytes written to a file in 1 MiB pieces (never whole in memory); returns its sha256. */
async function randomFile(path: string, size: number): Promise<string> {
  const hash = createHash("sha256");
  const out = createWriteStream(path);
  for (let left = size; left > 0; ) {
    const chunk = randomBytes(Math.min(MB, left));
    hash.update(chunk);
    left -= chunk.length;
    if (!out.write(chunk)) await new Promise<void>((r) => out.once("drain", () => r()));
  }
  await new Promise<void>((resolve, reject) =>
    out.end((err?: Error | null) => (err ? reject(err) : resolve())),
  );
  return hash.digest("hex");
}

/** Drives one tus upload to its end with tus-js-client, the client the CLI and console use. */
function tusUpload(
  file: string,
  opts: Partial<UploadOptions> & { onStarted?: (u: TusUpload) => void },
): Promise<{ url: string }> {
  return new Promise((resolve, reject) => {
    const upload: TusUpload = new TusUpload(createReadStream(file), {
      retryDelays: [],
      removeFingerprintOnSuccess: true,
      ...opts,
      onError: reject,
      onSuccess: () => resolve({ url: upload.url! }),
    });
    opts.onStarted?.(upload);
    upload.start();
  });
}

describe("tus uploads at /api/v1/uploads", () => {
  const engine = testEngine();
  let dir: string;
  let env: Record<string, string>;
  let dbHandle: Awaited<ReturnType<typeof openTestDatabase>> | undefined;
  let server: RunningServer;
  let admin: HttpClient & { token: string };
  let projectId: string;

  // A server on a database and folders that outlive it, so a second one can take over (restart).
  const start = () =>
    startServer(
      loadConfig({
        INFERA_PORT: "0",
        INFERA_ADMIN_EMAIL: TEST_ADMIN.email,
        INFERA_ADMIN_PASSWORD: TEST_ADMIN.password,
        ...env,
      }),
      {
        log: pino({ level: "silent" }),
        settings: { passwordHashCost: testPasswordCost },
      },
    );
  const endpoint = () => `${server.url}/api/v1/uploads`;
  const auth = () => ({ Authorization: `Bearer ${admin.token}` });
  const metadata = (filename: string, extra: Record<string, string> = {}) => ({
    project_id: projectId,
    filename,
    ...extra,
  });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "infera-uploads-"));
    env = {
      INFERA_BLOB_URL: pathToFileURL(join(dir, "blobs")).href,
      INFERA_MAX_UPLOAD_BYTES: String(300 * MB),
    };
    if (engine === "postgres") {
      dbHandle = await openTestDatabase();
      env.DATABASE_URL = dbHandle.url!;
    } else env.INFERA_DATA_DIR = join(dir, "data");
    server = await start();
    admin = await loginAs(server.url, TEST_ADMIN.email, TEST_ADMIN.password);
    const tenantId = (await admin.get("/auth/me")).body.data.tenants[0].id;
    const p = await admin.post(`/tenants/${tenantId}/projects`, { name: "Uploads", env: "dev" });
    projectId = p.body.data.id;
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    await dbHandle?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("uploads 200 MB with tus-js-client: the sha256 computed while streaming names the blob; the partial file is gone", async () => {
    const file = join(dir, "big.bin");
    const sha256 = await randomFile(file, 200 * MB);
    let progress = 0;
    const { url } = await tusUpload(file, {
      endpoint: endpoint(),
      headers: auth(),
      metadata: metadata("big.bin", { sha256, content_type: "application/octet-stream" }),
      onProgress: (sent) => {
        progress = sent;
      },
    });
    expect(progress).toBe(200 * MB);
    const id = url.split("/").pop()!;
    const status = await admin.get(`/uploads/${id}`);
    expect(status.body.data).toMatchObject({
      state: "complete",
      offset: 200 * MB,
      length: 200 * MB,
      sha256,
      filename: "big.bin",
      project_id: projectId,
    });
    expect(await server.blobs.stat(sha256)).toMatchObject({ size: 200 * MB });
    expect(await readdir(join(dir, "blobs", "uploads"))).toEqual([]);
    // One event for the creation and one for the completion, none per chunk.
    const events = await admin.get(`/projects/${projectId}/audit-events?resource_id=${id}`);
    expect(events.body.data.map((e: { action: string }) => e.action).sort()).toEqual([
      "upload.complete",
      "upload.create",
    ]);
    await rm(file);
  }, 120_000);

  it("keeps what arrived when the connection drops mid-PATCH; HEAD tells the offset and the upload resumes to the right sha256", async () => {
    const file = join(dir, "cut.bin");
    const size = 40 * MB;
    const sha256 = await randomFile(file, size);
    let first: TusUpload | undefined;
    let url: string | undefined;
    // The bytes stop coming after 12 MB, so the upload cannot finish before the cut however fast
    // the machine is; it is cut once more than 10 MB went out.
    const source = createReadStream(file);
    const stalling = Readable.from(
      (async function* () {
        let sent = 0;
        for await (const chunk of source as AsyncIterable<Buffer>) {
          if (sent + chunk.length > 12 * MB) {
            yield chunk.subarray(0, 12 * MB - sent);
            await new Promise(() => {});
          }
          sent += chunk.length;
          yield chunk;
        }
      })(),
    );
    await new Promise<void>((resolve, reject) => {
      const u = new TusUpload(stalling, {
        endpoint: endpoint(),
        headers: auth(),
        metadata: metadata("cut.bin", { sha256 }),
        uploadSize: size,
        chunkSize: 4 * MB,
        retryDelays: [],
        onError: reject,
        onSuccess: () => reject(new Error("the upload was meant to be cut off")),
        onProgress: (sent) => {
          if (sent > 10 * MB && !url) {
            url = u.url!;
            void u.abort().then(() => resolve());
          }
        },
      });
      first = u;
      u.start();
    });
    source.destroy();
    expect(first).toBeDefined();
    // The server flushes what it got once it sees the request end.
    let offset = 0;
    for (let i = 0; i < 50; i++) {
      const head = await fetch(url!, { method: "HEAD", headers: { ...auth(), "Tus-Resumable": "1.0.0" } });
      expect(head.status).toBe(200);
      expect(head.headers.get("upload-length")).toBe(String(size));
      expect(head.headers.get("cache-control")).toBe("no-store");
      const now = Number(head.headers.get("upload-offset"));
      if (now > 0 && now === offset) break;
      offset = now;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(offset).toBeGreaterThan(0);
    expect(offset).toBeLessThan(size);
    // A PATCH at a stale offset is refused: nothing is written twice.
    const stale = await httpClient(server.url, { token: admin.token }).request(
      "PATCH",
      `/uploads/${url!.split("/").pop()}`,
      "xx",
      { "content-type": "application/offset+octet-stream", "upload-offset": "0", "tus-resumable": "1.0.0" },
    );
    expect(stale.status).toBe(409);
    expect(stale.body.error.details).toEqual({ offset });

    let resumedFrom = -1;
    await tusUpload(file, {
      uploadUrl: url,
      headers: auth(),
      onProgress: (sent) => {
        if (resumedFrom < 0) resumedFrom = sent;
      },
    });
    expect(resumedFrom).toBeGreaterThanOrEqual(offset);
    const status = await admin.get(`/uploads/${url!.split("/").pop()}`);
    expect(status.body.data).toMatchObject({ state: "complete", sha256, offset: size });
  }, 120_000);

  it("resumes after the server restarts: the digest is rebuilt from the partial file", async () => {
    const file = join(dir, "restart.bin");
    const size = 8 * MB;
    const sha256 = await randomFile(file, size);
    const created = await admin.request("POST", "/uploads", undefined, {
      "tus-resumable": "1.0.0",
      "upload-length": String(size),
      "upload-metadata": `project_id ${b64(projectId)},filename ${b64("restart.bin")},sha256 ${b64(sha256)}`,
    });
    expect(created.status).toBe(201);
    const location = created.headers.get("location")!;
    expect(location).toBe(`/api/v1/uploads/${created.body.data.id}`);
    // The first 3 MB arrive before the restart.
    const head = Buffer.alloc(3 * MB);
    const fh = await import("node:fs/promises").then((m) => m.open(file));
    await fh.read(head, 0, head.length, 0);
    await fh.close();
    const first = await fetch(`${server.url}${location}`, {
      method: "PATCH",
      headers: {
        ...auth(),
        "Tus-Resumable": "1.0.0",
        "Upload-Offset": "0",
        "Content-Type": "application/offset+octet-stream",
      },
      body: head,
    });
    expect(first.status).toBe(204);
    expect(first.headers.get("upload-offset")).toBe(String(3 * MB));
    expect(first.headers.get("upload-expires")).toMatch(/GMT$/);

    await server.stop();
    server = await start();
    admin = await loginAs(server.url, TEST_ADMIN.email, TEST_ADMIN.password);

    await tusUpload(file, { uploadUrl: `${server.url}${location}`, headers: auth() });
    const status = await admin.get(`/uploads/${created.body.data.id}`);
    expect(status.body.data).toMatchObject({ state: "complete", sha256, offset: size });
    expect((await stat(join(dir, "blobs", sha256.slice(0, 2), sha256.slice(2, 4), sha256))).size).toBe(size);
  }, 120_000);

  it("a deleted project's partial uploads are swept once they are an hour old; live ones stay", async () => {
    const tenantId = (await admin.get("/auth/me")).body.data.tenants[0].id;
    const doomed = (await admin.post(`/tenants/${tenantId}/projects`, { name: "Doomed", env: "dev" })).body
      .data;
    const partial = async (project: string) => {
      const created = await admin.request("POST", "/uploads", undefined, {
        "tus-resumable": "1.0.0",
        "upload-length": String(MB),
        "upload-metadata": `project_id ${b64(project)},filename ${b64("part.bin")}`,
      });
      const res = await fetch(`${server.url}${created.headers.get("location")}`, {
        method: "PATCH",
        headers: {
          ...auth(),
          "Tus-Resumable": "1.0.0",
          "Upload-Offset": "0",
          "Content-Type": "application/offset+octet-stream",
        },
        body: randomBytes(1000),
      });
      expect(res.status).toBe(204);
      return join(dir, "blobs", "uploads", created.body.data.id as string);
    };
    const orphan = await partial(doomed.id);
    const live = await partial(projectId);
    const del = await admin.delete(`/projects/${doomed.id}`, { confirm_name: "Doomed", cascade: true });
    expect(del.status, del.text).toBe(204);
    expect(existsSync(orphan)).toBe(true);
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
    for (const f of [orphan, live]) await utimes(f, twoHoursAgo, twoHoursAgo);

    // The sweep runs when the server starts (and every hour).
    await server.stop();
    server = await start();
    admin = await loginAs(server.url, TEST_ADMIN.email, TEST_ADMIN.password);
    await expect.poll(() => existsSync(orphan)).toBe(false);
    expect(existsSync(live)).toBe(true);
  }, 60_000);

  it("fails an upload whose bytes do not match the declared sha256, and stores nothing", async () => {
    const file = join(dir, "wrong.bin");
    const real = await randomFile(file, 1 * MB);
    const declared = "0".repeat(64);
    const err = await tusUpload(file, {
      endpoint: endpoint(),
      headers: auth(),
      metadata: metadata("wrong.bin", { sha256: declared }),
    }).then(
      () => null,
      (e: Error & { originalResponse?: { getStatus(): number; getBody(): string } }) => e,
    );
    expect(err?.originalResponse?.getStatus()).toBe(400);
    expect(err?.originalResponse?.getBody()).toContain("do not match the declared sha256");
    const list = await admin.get(`/projects/${projectId}/audit-events?action=upload.create`);
    const id = list.body.data[0].resource_id;
    const status = await admin.get(`/uploads/${id}`);
    expect(status.body.data).toMatchObject({ state: "failed", sha256: null, filename: "wrong.bin" });
    expect(status.body.data.failure).toContain(real);
    expect(await server.blobs.stat(real)).toBeNull();
    expect(existsSync(join(dir, "blobs", "uploads", id))).toBe(false);
  });

  it("answers 413 at creation past INFERA_MAX_UPLOAD_BYTES, and 400 for metadata without a project or a plain file name", async () => {
    const create = (length: number, meta: string) =>
      admin.request("POST", "/uploads", undefined, {
        "upload-length": String(length),
        "upload-metadata": meta,
      });
    const ok = `project_id ${b64(projectId)},filename ${b64("a.bin")}`;
    const tooBig = await create(300 * MB + 1, ok);
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.error.code).toBe("payload_too_large");
    expect((await create(300 * MB, ok)).status).toBe(201);
    expect((await create(10, `filename ${b64("a.bin")}`)).status).toBe(400);
    const traversal = await create(10, `project_id ${b64(projectId)},filename ${b64("../../etc/passwd")}`);
    expect(traversal.status).toBe(400);
    expect(JSON.stringify(traversal.body.error.details)).toContain("filename");
    const options = await fetch(endpoint(), { method: "OPTIONS" });
    expect(options.headers.get("tus-version")).toBe("1.0.0");
    expect(options.headers.get("tus-max-size")).toBe(String(300 * MB));
    expect(options.headers.get("tus-extension")).toContain("creation-with-upload");
  });

  it("cancels an unfinished upload (termination): its bytes go and it takes no more", async () => {
    const created = await admin.request("POST", "/uploads", "abc", {
      "tus-resumable": "1.0.0",
      "upload-length": "10",
      "upload-metadata": `project_id ${b64(projectId)},filename ${b64("c.txt")}`,
      "content-type": "application/offset+octet-stream",
    });
    expect(created.status).toBe(201);
    expect(created.body.data.offset).toBe(3);
    const id = created.body.data.id;
    expect(existsSync(join(dir, "blobs", "uploads", id))).toBe(true);
    expect(
      (await admin.request("DELETE", `/uploads/${id}`, undefined, { "tus-resumable": "1.0.0" })).status,
    ).toBe(204);
    expect(existsSync(join(dir, "blobs", "uploads", id))).toBe(false);
    expect((await admin.get(`/uploads/${id}`)).body.data.state).toBe("canceled");
    const head = await fetch(`${server.url}/api/v1/uploads/${id}`, { method: "HEAD", headers: auth() });
    expect(head.status).toBe(410);
    const more = await admin.request("PATCH", `/uploads/${id}`, "def", {
      "content-type": "application/offset+octet-stream",
      "upload-offset": "3",
    });
    expect(more.status).toBe(404);
  });
});
