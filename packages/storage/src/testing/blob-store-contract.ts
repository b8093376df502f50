import { createHash, randomBytes } from "node:crypto";
import { createReadStream, existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import type { BlobStore } from "@infera/core";
import { describe, expect, it } from "vitest";

export interface ContractHarness {
  /** A fresh, empty store (its own directory or key prefix). */
  fresh(): Promise<BlobStore>;
  /** Temporary objects or files the store left behind (a failed put must leave none). */
  leftovers(store: BlobStore): Promise<string[]>;
  /** Leaves a temporary object as a put killed midway would (bypassing the store). */
  plantTemporary(store: BlobStore, bytes: Buffer): Promise<void>;
}

const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.from(c));
  return Buffer.concat(chunks);
}

/** Compares by length and digest: element-wise deep equality of megabytes is slow. */
function expectBytes(actual: Buffer, expected: Buffer) {
  expect(actual.length).toBe(expected.length);
  expect(sha(actual)).toBe(sha(expected));
}

async function listAll(store: BlobStore) {
  const out = [];
  for await (const b of store.list()) out.push(b);
  return out.sort((x, y) => x.sha256.localeCompare(y.sha256));
}

async function rejection(p: Promise<unknown>) {
  try {
    await p;
  } catch (err) {
    return err as { code?: string; message: string };
  }
  throw new Error("expected a rejection");
}

/**
 * `size` random bytes in 64 KiB chunks, made on the fly; `digest()` is ready once it has been read.
 * With `collectEvery`, garbage is collected after each such many bytes, so what memory shows is
 * what the consumer holds rather than chunks the collector has not reached yet.
 */
function generated(size: number, collectEvery?: number) {
  const hash = createHash("sha256");
  let hex = "";
  async function* chunks() {
    for (let sent = 0; sent < size; ) {
      const n = Math.min(64 * 1024, size - sent);
      const chunk = randomBytes(n);
      hash.update(chunk);
      sent += n;
      if (collectEvery && sent % collectEvery === 0) collectGarbage();
      yield chunk;
    }
    hex = hash.digest("hex");
  }
  return { source: chunks(), digest: () => hex };
}

const collectGarbage = (() => {
  setFlagsFromString("--expose-gc");
  return runInNewContext("gc") as () => void;
})();

/** Peak resident memory above the starting point while `work` runs, sampled every 10 ms. */
async function peakRssGrowth(work: () => Promise<void>): Promise<number> {
  collectGarbage();
  const start = process.memoryUsage().rss;
  let peak = start;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 10);
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  return Math.max(peak, process.memoryUsage().rss) - start;
}

/** The behaviour every BlobStore adapter must show; each adapter's test file runs it once. */
export function blobStoreContract(name: string, harness: ContractHarness) {
  describe(`${name}: blob store contract`, () => {
    it("puts, stats, gets, lists and deletes by sha256", async () => {
      const store = await harness.fresh();
      const bytes = Buffer.from("the same bytes mean the same id forever\n");
      const put = await store.put(Readable.from([bytes]));
      expect(put).toEqual({ sha256: sha(bytes), size: bytes.length, existed: false });
      const stat = await store.stat(put.sha256);
      expect(stat?.size).toBe(bytes.length);
      expect(stat?.modifiedAt).toBeInstanceOf(Date);
      const read = await store.get(put.sha256);
      expect(read.size).toBe(bytes.length);
      expectBytes(await readAll(read.stream), bytes);
      expect((await listAll(store)).map((b) => [b.sha256, b.size])).toEqual([[put.sha256, bytes.length]]);
      expect(await store.delete(put.sha256)).toBe(true);
      expect(await store.delete(put.sha256)).toBe(false);
      expect(await store.stat(put.sha256)).toBeNull();
      expect((await rejection(store.get(put.sha256))).code).toBe("not_found");
      expect(await listAll(store)).toEqual([]);
    });

    it("takes async iterables and an empty object", async () => {
      const store = await harness.fresh();
      async function* parts() {
        yield new Uint8Array([1, 2, 3]);
        yield new Uint8Array([4, 5]);
      }
      const put = await store.put(parts());
      expect(put.sha256).toBe(sha(Buffer.from([1, 2, 3, 4, 5])));
      const empty = await store.put(Readable.from([]));
      expect(empty).toEqual({ sha256: sha(Buffer.alloc(0)), size: 0, existed: false });
      expectBytes(await readAll((await store.get(empty.sha256)).stream), Buffer.alloc(0));
    });

    it("stores the same bytes once: the second put reports existed", async () => {
      const store = await harness.fresh();
      const bytes = randomBytes(10_000);
      const first = await store.put(Readable.from([bytes]));
      const second = await store.put(Readable.from([bytes.subarray(0, 5000), bytes.subarray(5000)]));
      expect(first.existed).toBe(false);
      expect(second).toEqual({ sha256: first.sha256, size: bytes.length, existed: true });
      expect(await listAll(store)).toHaveLength(1);
      expect(await harness.leftovers(store)).toEqual([]);
    });

    it("putFile stores a file under its digest and removes it; a wrong trusted digest's size check keeps it", async () => {
      const store = await harness.fresh();
      const dir = await mkdtemp(join(tmpdir(), "infera-putfile-"));
      try {
        const bytes = randomBytes(100_000);
        const path = join(dir, "upload");
        await writeFile(path, bytes);
        const put = await store.putFile(path, { trustedSha256: sha(bytes), expectedSize: bytes.length });
        expect(put).toEqual({ sha256: sha(bytes), size: bytes.length, existed: false });
        expect(existsSync(path)).toBe(false);
        expectBytes(await readAll((await store.get(put.sha256)).stream), bytes);
        // The same bytes again, without a trusted digest: hashed, deduplicated, removed.
        await writeFile(path, bytes);
        expect(await store.putFile(path)).toEqual({ sha256: sha(bytes), size: bytes.length, existed: true });
        expect(existsSync(path)).toBe(false);
        // A size that is not the file's stores nothing and leaves the file to its owner.
        await writeFile(path, bytes.subarray(1));
        const err = await rejection(
          store.putFile(path, { trustedSha256: sha(bytes.subarray(1)), expectedSize: bytes.length }),
        );
        expect(err.code).toBe("validation_error");
        expect(existsSync(path)).toBe(true);
        expect(await store.stat(sha(bytes.subarray(1)))).toBeNull();
        expect(await harness.leftovers(store)).toEqual([]);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });

    it("answers names that are not digests (path traversal included) as absent", async () => {
      const store = await harness.fresh();
      for (const bad of ["../../etc/passwd", "AB".repeat(32), "x", ""]) {
        expect(await store.stat(bad)).toBeNull();
        expect(await store.delete(bad)).toBe(false);
        expect((await rejection(store.get(bad))).code).toBe("not_found");
      }
    });

    it("keeps nothing when the bytes do not match the expected sha256 or size", async () => {
      const store = await harness.fresh();
      const bytes = randomBytes(4096);
      const wrongHash = await rejection(
        store.put(Readable.from([bytes]), { expectedSha256: "0".repeat(64) }),
      );
      expect(wrongHash.code).toBe("validation_error");
      const wrongSize = await rejection(store.put(Readable.from([bytes]), { expectedSize: 4097 }));
      expect(wrongSize.code).toBe("validation_error");
      expect(await listAll(store)).toEqual([]);
      expect(await store.stat(sha(bytes))).toBeNull();
      expect(await harness.leftovers(store)).toEqual([]);
      const right = await store.put(Readable.from([bytes]), {
        expectedSha256: sha(bytes),
        expectedSize: 4096,
      });
      expect(right.existed).toBe(false);
    });

    it("stops at maxSize and keeps nothing", async () => {
      const store = await harness.fresh();
      const big = generated(3 * 1024 * 1024);
      const err = await rejection(store.put(big.source, { maxSize: 1024 * 1024 }));
      expect(err.code).toBe("payload_too_large");
      expect(await listAll(store)).toEqual([]);
      expect(await harness.leftovers(store)).toEqual([]);
      const exact = await store.put(Readable.from([Buffer.alloc(1000, 7)]), { maxSize: 1000 });
      expect(exact.size).toBe(1000);
    });

    it("keeps nothing when the source stream fails midway", async () => {
      const store = await harness.fresh();
      async function* failing() {
        yield randomBytes(100_000);
        throw new Error("connection dropped");
      }
      const err = await rejection(store.put(failing()));
      expect(err.message).toMatch(/connection dropped/);
      expect(await listAll(store)).toEqual([]);
      expect(await harness.leftovers(store)).toEqual([]);
    });

    it("rejects a file stream whose file is gone before it is read (no uncaught error) and keeps nothing", async () => {
      // A checkpoint folder the runtime pruned while the worker copied it: createReadStream opens the
      // file on the next tick, while put is still making its own temporary file.
      const store = await harness.fresh();
      const dir = await mkdtemp(join(tmpdir(), "infera-gone-"));
      try {
        const err = await rejection(store.put(createReadStream(join(dir, "pruned.safetensors"))));
        expect(err.code).toBe("ENOENT");
        expect(await listAll(store)).toEqual([]);
        expect(await harness.leftovers(store)).toEqual([]);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });

    it("sweeps temporary objects a killed put left, older than the cutoff only; a dry run counts them", async () => {
      const store = await harness.fresh();
      await store.put(Readable.from([randomBytes(1000)]));
      await harness.plantTemporary(store, randomBytes(4096));
      expect(await harness.leftovers(store)).toHaveLength(1);
      const past = new Date(Date.now() - 3_600_000);
      expect(await store.sweepTemporary(past, { dryRun: false })).toEqual({ objects: 0, bytes: 0 });
      const future = new Date(Date.now() + 60_000);
      expect(await store.sweepTemporary(future, { dryRun: true })).toEqual({ objects: 1, bytes: 4096 });
      expect(await harness.leftovers(store)).toHaveLength(1);
      expect(await store.sweepTemporary(future, { dryRun: false })).toEqual({ objects: 1, bytes: 4096 });
      expect(await harness.leftovers(store)).toEqual([]);
      // Committed objects are not temporary.
      expect(await listAll(store)).toHaveLength(1);
    });

    it("reads byte ranges (inclusive ends, clamped to the object) and refuses ranges outside it", async () => {
      const store = await harness.fresh();
      const bytes = randomBytes(100_000);
      const { sha256 } = await store.put(Readable.from([bytes]));
      const mid = await store.get(sha256, { start: 1000, end: 1999 });
      expect(mid.size).toBe(bytes.length);
      expectBytes(await readAll(mid.stream), bytes.subarray(1000, 2000));
      const tail = await store.get(sha256, { start: 99_990, end: 10_000_000 });
      expectBytes(await readAll(tail.stream), bytes.subarray(99_990));
      const one = await store.get(sha256, { start: 0, end: 0 });
      expectBytes(await readAll(one.stream), bytes.subarray(0, 1));
      expect((await rejection(store.get(sha256, { start: 100_000, end: 100_010 }))).code).toBe(
        "validation_error",
      );
      expect((await rejection(store.get(sha256, { start: 10, end: 5 }))).code).toBe("validation_error");
    });

    it("lists every committed object with its size", async () => {
      const store = await harness.fresh();
      const blobs = [randomBytes(10), randomBytes(2000), randomBytes(30_000)];
      for (const b of blobs) await store.put(Readable.from([b]));
      const listed = await listAll(store);
      expect(listed.map((b) => [b.sha256, b.size])).toEqual(
        blobs.map((b) => [sha(b), b.length] as [string, number]).sort((x, y) => x[0].localeCompare(y[0])),
      );
      for (const b of listed) expect(b.modifiedAt.getTime()).toBeGreaterThan(Date.now() - 3600_000);
    });

    it("commits one object when the same bytes are put concurrently", async () => {
      const store = await harness.fresh();
      const bytes = randomBytes(1024 * 1024);
      const results = await Promise.all(
        Array.from({ length: 5 }, () =>
          store.put(Readable.from([bytes.subarray(0, 500_000), bytes.subarray(500_000)])),
        ),
      );
      expect(new Set(results.map((r) => r.sha256))).toEqual(new Set([sha(bytes)]));
      expect(results.filter((r) => !r.existed).length).toBeGreaterThanOrEqual(1);
      expect(await listAll(store)).toHaveLength(1);
      expectBytes(await readAll((await store.get(sha(bytes))).stream), bytes);
      expect(await harness.leftovers(store)).toEqual([]);
    });

    it("streams 50 MB through put and get with memory far below the object's size", async () => {
      const store = await harness.fresh();
      const SIZE = 50 * 1024 * 1024;
      // A first, smaller pass loads the code paths and fills the allocator's pools, so the measured
      // pass shows what grows with the object's size.
      const warm = await store.put(generated(8 * 1024 * 1024).source);
      for await (const _ of (await store.get(warm.sha256)).stream);
      const data = generated(SIZE, 4 * 1024 * 1024);
      let put: Awaited<ReturnType<BlobStore["put"]>> | undefined;
      const putGrowth = await peakRssGrowth(async () => {
        put = await store.put(data.source);
      });
      expect(put).toEqual({ sha256: data.digest(), size: SIZE, existed: false });
      const readHash = createHash("sha256");
      let readBytes = 0;
      const getGrowth = await peakRssGrowth(async () => {
        const read = await store.get(put!.sha256);
        for await (const c of read.stream) {
          readHash.update(c);
          readBytes += c.length;
          if (readBytes % (4 * 1024 * 1024) < c.length) collectGarbage();
        }
      });
      expect(readBytes).toBe(SIZE);
      expect(readHash.digest("hex")).toBe(data.digest());
      // A buffered implementation would grow by at least the object's size.
      expect(putGrowth, `put grew RSS by ${putGrowth} bytes`).toBeLessThan(SIZE / 2);
      expect(getGrowth, `get grew RSS by ${getGrowth} bytes`).toBeLessThan(SIZE / 2);
    });
  });
}
