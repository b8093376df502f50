import { randomUUID } from "node:crypto";
import { createReadStream } from "node:fs";
import { link, mkdir, open, opendir, rename, stat, unlink, utimes } from "node:fs/promises";
import { dirname, join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { pathToFileURL } from "node:url";
import {
  type BlobInfo,
  type BlobPutFileOptions,
  type BlobPutOptions,
  type BlobPutResult,
  type BlobRange,
  type BlobRead,
  type BlobSource,
  type BlobStore,
  DomainError,
  isSha256Hex,
} from "@infera/core";
import { blobNotFound, checkExpected, checkRange, DigestMeter, shardedPath } from "../digest-meter.js";

const SHARD = /^[0-9a-f]{2}$/;
const TMP_DIR = "tmp";

/**
 * Blobs as files under `root/ab/cd/<sha256>`. A put writes `root/tmp/<uuid>` (same filesystem),
 * fsyncs it, then links it under its digest: the link fails if the digest exists, so exactly one of
 * several concurrent puts of the same bytes commits and the others report `existed`.
 */
export class LocalBlobStore implements BlobStore {
  readonly location: string;

  constructor(private readonly root: string) {
    this.location = pathToFileURL(root).href;
  }

  private pathOf(sha256: string): string {
    return join(this.root, shardedPath(sha256));
  }

  async put(source: BlobSource, opts: BlobPutOptions = {}): Promise<BlobPutResult> {
    // A source that fails while the folder and file below are made (a file read stream opens
    // lazily: a missing file errors on the next tick) must not be an uncaught error of the process;
    // the pipeline still sees the stream errored and rejects with it.
    if (source instanceof Readable) source.on("error", ignore);
    const tmpDir = join(this.root, TMP_DIR);
    await mkdir(tmpDir, { recursive: true });
    const tmp = join(tmpDir, randomUUID());
    const meter = new DigestMeter(opts.maxSize);
    let committed = false;
    try {
      // Open before piping: a lazily opened write stream could create the file after a failed
      // source has already made the cleanup below run, leaving it behind in tmp/.
      const file = await open(tmp, "wx");
      await pipeline(source, meter, file.createWriteStream());
      const sha256 = meter.digest();
      const size = meter.byteCount;
      checkExpected(sha256, size, opts);
      await fsync(tmp, "r+");
      const final = this.pathOf(sha256);
      await mkdir(dirname(final), { recursive: true });
      // Linking fails on an existing digest; a collection may remove that one before it is
      // confirmed, and then the next round commits these bytes instead.
      for (;;) {
        if (!(await commit(tmp, final))) {
          committed = true;
          await fsync(dirname(final), "r");
          return { sha256, size, existed: false };
        }
        if (await touch(final)) return { sha256, size, existed: true };
      }
    } finally {
      if (!committed) await unlink(tmp).catch(() => {});
    }
  }

  async putFile(path: string, opts: BlobPutFileOptions = {}): Promise<BlobPutResult> {
    const sha256 = opts.trustedSha256?.toLowerCase();
    if (!sha256 || !isSha256Hex(sha256)) {
      const result = await this.put(createReadStream(path), opts);
      await unlink(path);
      return result;
    }
    const size = (await stat(path)).size;
    if (opts.maxSize !== undefined && size > opts.maxSize)
      throw new DomainError("payload_too_large", `the object is larger than ${opts.maxSize} bytes`);
    checkExpected(sha256, size, opts);
    await fsync(path, "r+");
    const final = this.pathOf(sha256);
    await mkdir(dirname(final), { recursive: true });
    for (;;) {
      let exists: boolean;
      try {
        exists = await commit(path, final);
      } catch (err) {
        // Another filesystem: copy the bytes (hashing them again) instead.
        if ((err as NodeJS.ErrnoException).code !== "EXDEV") throw err;
        const result = await this.put(createReadStream(path), { ...opts, expectedSha256: sha256 });
        await unlink(path);
        return result;
      }
      if (!exists) {
        await fsync(dirname(final), "r");
        return { sha256, size, existed: false };
      }
      if (await touch(final)) {
        await unlink(path);
        return { sha256, size, existed: true };
      }
    }
  }

  async get(sha256: string, range?: BlobRange): Promise<BlobRead> {
    const info = isSha256Hex(sha256) ? await this.stat(sha256) : null;
    if (!info) throw blobNotFound(sha256);
    if (range) checkRange(range, info.size);
    const end = range ? Math.min(range.end, info.size - 1) : undefined;
    return { stream: createReadStream(this.pathOf(sha256), { start: range?.start, end }), size: info.size };
  }

  async stat(sha256: string) {
    if (!isSha256Hex(sha256)) return null;
    try {
      const s = await stat(this.pathOf(sha256));
      return { size: s.size, modifiedAt: s.mtime };
    } catch (err) {
      if (isMissing(err)) return null;
      throw err;
    }
  }

  async delete(sha256: string): Promise<boolean> {
    if (!isSha256Hex(sha256)) return false;
    try {
      await unlink(this.pathOf(sha256));
      return true;
    } catch (err) {
      if (isMissing(err)) return false;
      throw err;
    }
  }

  async sweepTemporary(olderThan: Date, opts: { dryRun: boolean }) {
    const tmpDir = join(this.root, TMP_DIR);
    const swept = { objects: 0, bytes: 0 };
    for await (const f of dirEntries(tmpDir)) {
      if (!f.isFile()) continue;
      const path = join(tmpDir, f.name);
      const s = await stat(path).catch(() => null);
      if (!s || s.mtime >= olderThan) continue;
      if (
        !opts.dryRun &&
        !(await unlink(path).then(
          () => true,
          () => false,
        ))
      )
        continue;
      swept.objects += 1;
      swept.bytes += s.size;
    }
    return swept;
  }

  async *list(): AsyncIterable<BlobInfo> {
    for await (const a of dirEntries(this.root)) {
      if (!a.isDirectory() || !SHARD.test(a.name)) continue;
      for await (const b of dirEntries(join(this.root, a.name))) {
        if (!b.isDirectory() || !SHARD.test(b.name)) continue;
        for await (const f of dirEntries(join(this.root, a.name, b.name))) {
          if (!f.isFile() || !isSha256Hex(f.name) || !f.name.startsWith(a.name + b.name)) continue;
          const s = await stat(join(this.root, a.name, b.name, f.name)).catch(() => null);
          if (s) yield { sha256: f.name, size: s.size, modifiedAt: s.mtime };
        }
      }
    }
  }
}

/** Hard-links the temp file under its digest (fails if present); rename where links are refused. */
async function commit(tmp: string, final: string): Promise<boolean> {
  try {
    await link(tmp, final);
    await unlink(tmp);
    return false;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "EEXIST") return true;
    if (!["EPERM", "ENOTSUP", "EOPNOTSUPP", "ENOSYS"].includes((err as NodeJS.ErrnoException).code ?? ""))
      throw err;
    if (await exists(final)) return true;
    await rename(tmp, final);
    return false;
  }
}

async function fsync(path: string, flags: "r" | "r+") {
  const fh = await open(path, flags);
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** A deduplicated put confirms the object: the GC grace period then spares it. */
async function touch(path: string): Promise<boolean> {
  const now = new Date();
  try {
    await utimes(path, now, now);
    return true;
  } catch (err) {
    if (isMissing(err)) return false;
    throw err;
  }
}

async function exists(path: string) {
  try {
    await stat(path);
    return true;
  } catch (err) {
    if (isMissing(err)) return false;
    throw err;
  }
}

async function* dirEntries(path: string) {
  let dir: Awaited<ReturnType<typeof opendir>>;
  try {
    dir = await opendir(path);
  } catch (err) {
    if (isMissing(err)) return;
    throw err;
  }
  yield* dir;
}

function isMissing(err: unknown) {
  return (err as NodeJS.ErrnoException).code === "ENOENT";
}

function ignore(): void {}
