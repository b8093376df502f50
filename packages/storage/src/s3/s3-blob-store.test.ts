import { createHash, randomBytes, randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import { ListObjectsV2Command, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { blobStoreContract } from "../testing/blob-store-contract.js";
import { type RunningS3rver, startS3rver } from "../testing/s3rver.js";
import { S3BlobStore } from "./s3-blob-store.js";

let s3: RunningS3rver;
const stores: S3BlobStore[] = [];
let n = 0;

beforeAll(async () => {
  s3 = await startS3rver();
});
afterAll(async () => {
  for (const s of stores) s.close();
  await s3?.stop();
});

function storeWith(opts: Partial<ConstructorParameters<typeof S3BlobStore>[0]> = {}) {
  const store = new S3BlobStore({
    bucket: s3.bucket,
    prefix: `run-${++n}/blobs`,
    endpoint: s3.endpoint,
    forcePathStyle: true,
    credentials: s3.credentials,
    // The smallest parts S3 takes, one at a time: the upload then holds about 10 MB whatever the
    // object's size (the default of 8 MiB × 2 holds about 25 MB).
    partSize: 5 * 1024 * 1024,
    queueSize: 1,
    ...opts,
  });
  stores.push(store);
  return store;
}

async function keysUnder(prefix: string) {
  const client = new S3Client({
    region: "us-east-1",
    endpoint: s3.endpoint,
    forcePathStyle: true,
    credentials: s3.credentials,
  });
  const keys: string[] = [];
  const page = await client.send(new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: prefix }));
  keys.push(...(page.Contents ?? []).map((o) => o.Key!));
  client.destroy();
  return keys;
}

blobStoreContract("S3 (s3rver on loopback)", {
  async fresh() {
    return storeWith();
  },
  async leftovers(store) {
    const prefix = store.location.replace(`s3://${s3.bucket}/`, "");
    return keysUnder(`${prefix}tmp/`);
  },
  async plantTemporary(store, bytes) {
    const prefix = store.location.replace(`s3://${s3.bucket}/`, "");
    const client = new S3Client({
      region: "us-east-1",
      endpoint: s3.endpoint,
      forcePathStyle: true,
      credentials: s3.credentials,
    });
    await client.send(
      new PutObjectCommand({ Bucket: s3.bucket, Key: `${prefix}tmp/${randomUUID()}`, Body: bytes }),
    );
    client.destroy();
  },
});

// Objects over CopyObject's 5 GiB limit are copied part by part; a low limit takes that path here.
// s3rver has no UploadPartCopy (it answers NotImplemented), so this exercises the fallback that
// streams the temporary object back through a multipart upload.
describe("S3 objects over the CopyObject limit", () => {
  it("are committed, read back and confirmed again through the part-by-part copy", async () => {
    const store = storeWith({ copyObjectLimit: 1024, copyPartSize: 5 * 1024 * 1024 });
    const bytes = randomBytes(12 * 1024 * 1024 + 17);
    const digest = createHash("sha256").update(bytes).digest("hex");
    const first = await store.put(Readable.from([bytes]));
    expect(first).toEqual({ sha256: digest, size: bytes.length, existed: false });
    const again = await store.put(Readable.from([bytes]));
    expect(again.existed).toBe(true);
    const read = createHash("sha256");
    let n = 0;
    for await (const c of (await store.get(digest)).stream) {
      read.update(c);
      n += c.length;
    }
    expect(n).toBe(bytes.length);
    expect(read.digest("hex")).toBe(digest);
    const prefix = store.location.replace(`s3://${s3.bucket}/`, "");
    expect(await keysUnder(prefix)).toEqual([
      `${prefix}${digest.slice(0, 2)}/${digest.slice(2, 4)}/${digest}`,
    ]);
  });
});

describe("S3 listing", () => {
  it("pages through more objects than one ListObjectsV2 answer holds", async () => {
    const store = storeWith({ listPageSize: 7 });
    const digests = new Set<string>();
    for (let i = 0; i < 30; i++)
      digests.add((await store.put(Readable.from([Buffer.from(`object ${i}`)]))).sha256);
    const listed = new Set<string>();
    for await (const b of store.list()) listed.add(b.sha256);
    expect(listed).toEqual(digests);
  });
});
