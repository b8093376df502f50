import { createHash, randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, rm, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { type BlobReferenceKind, registerBlobReferenceKind } from "@infera/core";
import { sql } from "@infera/db";
import { startS3rver } from "@infera/storage/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../config.js";
import type { RunningServer } from "../../main.js";
import { type HttpClient, loginAs } from "../../testing/http.js";
import { startTestServer, TEST_ADMIN } from "../../testing/test-server.js";
import { createWorld, unique, type World } from "../../testing/world.js";
import { tinySafetensors } from "../models/model-test-helpers.js";

// What the test's reference kind names, as model and dataset versions will for their files.
const referenced = new Set<string>();
const testReference: BlobReferenceKind = {
  type: "test_reference",
  async referenced(_exec, sha256s) {
    return sha256s.filter((d) => referenced.has(d));
  },
};

describe("blob garbage collection", () => {
  let server: RunningServer;
  let platform: HttpClient;
  let w: World;
  const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);

  const put = async (label: string) =>
    (await server.blobs.put(Readable.from([Buffer.from(`${label} ${randomBytes(8).toString("hex")}`)])))
      .sha256;
  /** Ages an object as if it had been stored two hours ago (the local store's file layout). */
  const age = async (sha256: string) => {
    const root = fileURLToPath(server.blobs.location);
    const path = join(root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
    await utimes(path, twoHoursAgo, twoHoursAgo);
  };

  beforeAll(async () => {
    server = await startTestServer({ INFERA_BLOB_GC_GRACE_MINUTES: "60" });
    // On this server's own registry: other test files never see the test kind.
    registerBlobReferenceKind(server.systemCtx.registry, testReference);
    platform = await loginAs(server.url, TEST_ADMIN.email, TEST_ADMIN.password);
    w = await createWorld(server.url);
  });
  afterAll(async () => server?.stop());

  it("lists unreferenced old blobs in a dry run, then deletes exactly those and audits it", async () => {
    const old1 = await put("old one");
    const old2 = await put("old two");
    const kept = await put("referenced");
    const fresh = await put("fresh");
    for (const d of [old1, old2, kept]) await age(d);
    referenced.add(kept);

    const preview = await platform.get("/admin/blobs/gc");
    expect(preview.status).toBe(200);
    const report = preview.body.data;
    expect(report).toMatchObject({
      dry_run: true,
      grace_minutes: 60,
      scanned: { objects: 4 },
      referenced: { objects: 1 },
      too_new: { objects: 1 },
      garbage: { objects: 2, truncated: false },
      deleted: null,
    });
    expect(digests(report.garbage.blobs)).toEqual([old1, old2].sort());
    expect(report.garbage.bytes).toBe(
      report.garbage.blobs.reduce((n: number, b: { size: number }) => n + b.size, 0),
    );
    // A dry run deletes nothing.
    for (const d of [old1, old2, kept, fresh]) expect(await server.blobs.stat(d)).not.toBeNull();

    const run = await platform.post("/admin/blobs/gc");
    expect(run.status).toBe(200);
    expect(run.body.data.dry_run).toBe(false);
    expect(digests(run.body.data.deleted.blobs)).toEqual(digests(report.garbage.blobs));
    expect(run.body.data.deleted).toMatchObject({ objects: 2, bytes: report.garbage.bytes, skipped: 0 });
    expect(await server.blobs.stat(old1)).toBeNull();
    expect(await server.blobs.stat(old2)).toBeNull();
    expect(await server.blobs.stat(kept)).not.toBeNull();
    expect(await server.blobs.stat(fresh)).not.toBeNull();

    const eventId = run.headers.get("x-audit-event-id");
    expect(eventId).toBeTruthy();
    const event = await platform.get(`/audit-events/${eventId}`);
    expect(event.status).toBe(200);
    expect(event.body.data).toMatchObject({
      action: "blob.gc.run",
      resource_type: "blob_store",
      tenant_id: null,
      actor_label: TEST_ADMIN.email,
      after: { deleted: { objects: 2, skipped: 0 } },
    });
    expect([...event.body.data.after.digests].sort()).toEqual([old1, old2].sort());

    const after = await platform.get("/admin/blobs/gc");
    expect(after.body.data.garbage.objects).toBe(0);
  });

  it("spares an old blob that an upload of the same bytes confirmed again", async () => {
    const bytes = Buffer.from(`confirmed ${randomBytes(8).toString("hex")}`);
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    await server.blobs.put(Readable.from([bytes]));
    await age(sha256);
    expect(digests((await platform.get("/admin/blobs/gc")).body.data.garbage.blobs)).toContain(sha256);
    expect((await server.blobs.put(Readable.from([bytes]))).existed).toBe(true);
    const preview = (await platform.get("/admin/blobs/gc")).body.data;
    expect(digests(preview.garbage.blobs)).not.toContain(sha256);
    await platform.post("/admin/blobs/gc");
    expect(await server.blobs.stat(sha256)).not.toBeNull();
  });

  it("sweeps temporary files that a killed put left, once older than the grace period", async () => {
    const tmp = join(fileURLToPath(server.blobs.location), "tmp");
    await mkdir(tmp, { recursive: true });
    const leftover = join(tmp, "killed-put");
    const young = join(tmp, "put-in-progress");
    await writeFile(leftover, randomBytes(3000));
    await writeFile(young, randomBytes(10));
    await utimes(leftover, twoHoursAgo, twoHoursAgo);

    const preview = await platform.get("/admin/blobs/gc");
    expect(preview.body.data.temporary).toEqual({ objects: 1, bytes: 3000 });
    expect(existsSync(leftover)).toBe(true);
    const run = await platform.post("/admin/blobs/gc");
    expect(run.body.data.temporary).toEqual({ objects: 1, bytes: 3000 });
    expect(existsSync(leftover)).toBe(false);
    expect(existsSync(young)).toBe(true);
    const event = await platform.get(`/audit-events/${run.headers.get("x-audit-event-id")}`);
    expect(event.body.data.after.temporary).toEqual({ objects: 1, bytes: 3000 });
    await rm(young);
  });

  it("releases a tenant's holding once nothing of the tenant references the blob; never a referenced or fresh one", async () => {
    const owner = w.users.owner!.client;
    const b64 = (s: string) => Buffer.from(s).toString("base64");
    const upload = async (bytes: Buffer) => {
      const res = await owner.request("POST", "/uploads", bytes, {
        "tus-resumable": "1.0.0",
        "upload-length": String(bytes.length),
        "upload-metadata": `project_id ${b64(w.projectId)},filename ${b64("m.safetensors")}`,
        "content-type": "application/offset+octet-stream",
      });
      expect(res.status, res.text).toBe(201);
      return { id: res.body.data.id as string, sha256: res.body.data.sha256 as string };
    };
    const seed = () => randomBytes(2).readUInt16LE() + 1;
    const gone = await upload(tinySafetensors(8, seed())); // its version is deleted
    const kept = await upload(tinySafetensors(8, seed())); // its version stays
    const waiting = await upload(tinySafetensors(8, seed())); // completed, no version took it yet
    const model = (await owner.post(`/projects/${w.projectId}/models`, { name: unique("held") })).body.data
      .id;
    const version = (uploadId: string) =>
      owner.post(`/models/${model}/versions`, {
        files: [{ path: "m.safetensors", upload_id: uploadId }],
        tag_latest: false,
      });
    const v1 = await version(gone.id);
    expect(v1.status, v1.text).toBe(201);
    expect((await version(kept.id)).status).toBe(201);
    expect((await owner.delete(`/model-versions/${v1.body.data.id}`)).status).toBe(204);
    // Every holding of the tenant was last confirmed two hours ago, past the grace period.
    await server.database.db.execute(
      sql`update tenant_blobs set last_seen_at = now() - interval '2 hours' where tenant_id = ${w.tenantId}`,
    );

    const preview = await platform.get("/admin/blobs/gc");
    expect(preview.body.data.released_holdings).toBe(1);
    const run = await platform.post("/admin/blobs/gc");
    expect(run.body.data.released_holdings).toBe(1);
    const event = await platform.get(`/audit-events/${run.headers.get("x-audit-event-id")}`);
    expect(event.body.data.after.released_holdings).toBe(1);

    const name = (sha256: string) =>
      owner.post(`/models/${model}/versions`, {
        files: [{ path: "m.safetensors", sha256 }],
        tag_latest: false,
      });
    const refused = await name(gone.sha256);
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toContain("no blob with sha256");
    // The bytes are still stored (too new to collect): releasing a holding is not deleting a blob.
    expect(await server.blobs.stat(gone.sha256)).not.toBeNull();
    expect((await name(kept.sha256)).status).toBe(201);
    expect((await name(waiting.sha256)).status).toBe(201);
  });

  it("is for the platform admin only", async () => {
    const tenantAdmin = w.users.tenantAdmin!.client;
    const res = await tenantAdmin.get("/admin/blobs/gc");
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("forbidden");
    expect((await tenantAdmin.post("/admin/blobs/gc")).status).toBe(403);
  });
});

describe("blob store configuration", () => {
  it("defaults to a blobs folder in the data directory and takes file:// and s3:// URLs", () => {
    expect(loadConfig({ INFERA_DATA_DIR: "/srv/infera" }).blobUrl).toBe("file:///srv/infera/blobs");
    const s3 = loadConfig({
      INFERA_BLOB_URL: "s3://models/infera/blobs",
      INFERA_S3_ENDPOINT: "http://127.0.0.1:9000",
      INFERA_S3_REGION: "eu-west-1",
      INFERA_S3_FORCE_PATH_STYLE: "true",
      AWS_ACCESS_KEY_ID: "key",
      AWS_SECRET_ACCESS_KEY: "secret",
    });
    expect(s3.blobUrl).toBe("s3://models/infera/blobs");
    expect(s3.s3).toEqual({
      endpoint: "http://127.0.0.1:9000",
      region: "eu-west-1",
      forcePathStyle: true,
      credentials: { accessKeyId: "key", secretAccessKey: "secret", sessionToken: undefined },
    });
    for (const bad of ["ftp://x/y", "s3:///no-bucket", "file://host/path", "not a url"])
      expect(() => loadConfig({ INFERA_BLOB_URL: bad }), bad).toThrow(ConfigError);
    expect(() => loadConfig({ INFERA_S3_ENDPOINT: "127.0.0.1:9000" })).toThrow(ConfigError);
  });

  it("wires an s3:// URL to the S3 adapter: the server stores and collects in the bucket", async () => {
    const s3 = await startS3rver();
    const server = await startTestServer({
      INFERA_BLOB_URL: `s3://${s3.bucket}/infera/blobs`,
      INFERA_S3_ENDPOINT: s3.endpoint,
      INFERA_S3_FORCE_PATH_STYLE: "1",
      AWS_ACCESS_KEY_ID: s3.credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: s3.credentials.secretAccessKey,
      INFERA_BLOB_GC_GRACE_MINUTES: "0",
    });
    try {
      const { sha256 } = await server.blobs.put(Readable.from([Buffer.from("kept in the bucket")]));
      const admin = await loginAs(server.url, TEST_ADMIN.email, TEST_ADMIN.password);
      const preview = (await admin.get("/admin/blobs/gc")).body.data;
      expect(preview.location).toBe(`s3://${s3.bucket}/infera/blobs/`);
      expect(digests(preview.garbage.blobs)).toEqual([sha256]);
      const run = (await admin.post("/admin/blobs/gc")).body.data;
      expect(digests(run.deleted.blobs)).toEqual([sha256]);
      expect(await server.blobs.stat(sha256)).toBeNull();
    } finally {
      await server.stop();
      await s3.stop();
    }
  });
});

function digests(blobs: { sha256: string }[]) {
  return blobs.map((b) => b.sha256).sort();
}
