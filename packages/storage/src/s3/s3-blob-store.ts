import { randomUUID } from "node:crypto";
import { createReadStream } from "node:fs";
import { unlink } from "node:fs/promises";
import { Readable, Transform, type TransformCallback } from "node:stream";
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  S3Client,
  type S3ClientConfig,
  UploadPartCopyCommand,
} from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import {
  type BlobInfo,
  type BlobPutFileOptions,
  type BlobPutOptions,
  type BlobPutResult,
  type BlobRange,
  type BlobRead,
  type BlobSource,
  type BlobStore,
  isSha256Hex,
} from "@infera/core";
import { blobNotFound, checkExpected, checkRange, DigestMeter, shardedPath } from "../digest-meter.js";

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;

export interface S3BlobStoreOptions {
  bucket: string;
  /** Key prefix, e.g. `infera/blobs/` (a trailing slash is added when missing). */
  prefix?: string;
  endpoint?: string;
  region?: string;
  forcePathStyle?: boolean;
  /** Omitted: the SDK's standard chain (AWS_ACCESS_KEY_ID…, profiles, instance roles). */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** Multipart part size of uploads; memory holds about partSize × queueSize. Default 8 MiB. */
  partSize?: number;
  /** Parts uploaded at once. Default 2. */
  queueSize?: number;
  /** Objects larger than this are copied part by part (S3's CopyObject stops at 5 GiB). */
  copyObjectLimit?: number;
  /** Keys per ListObjectsV2 page (S3's default and maximum: 1000). */
  listPageSize?: number;
  /** Part size of a part-by-part copy. Default 1 GiB (grown to stay within 10,000 parts). */
  copyPartSize?: number;
}

/**
 * Blobs as objects `prefix/ab/cd/<sha256>` of an S3-compatible bucket. The digest is known only
 * after the last byte, so a put streams (multipart) to `prefix/tmp/<uuid>` through the hash, then
 * copies server-side to the digest's key and deletes the temporary object.
 */
export class S3BlobStore implements BlobStore {
  readonly location: string;
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly prefix: string;

  constructor(private readonly opts: S3BlobStoreOptions) {
    this.bucket = opts.bucket;
    this.prefix = opts.prefix ? opts.prefix.replace(/\/*$/, "/").replace(/^\/+/, "") : "";
    this.location = `s3://${this.bucket}/${this.prefix}`;
    const config: S3ClientConfig = {
      region: opts.region ?? "us-east-1",
      endpoint: opts.endpoint,
      forcePathStyle: opts.forcePathStyle,
      credentials: opts.credentials,
      // Our own sha256 checks every byte; aws-chunked trailer checksums are not understood by
      // every S3-compatible server.
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
    };
    this.client = new S3Client(config);
  }

  private keyOf(sha256: string): string {
    return this.prefix + shardedPath(sha256);
  }

  async put(source: BlobSource, opts: BlobPutOptions = {}): Promise<BlobPutResult> {
    const tmpKey = `${this.prefix}tmp/${randomUUID()}`;
    const meter = new DigestMeter(opts.maxSize);
    const input = source instanceof Readable ? source : Readable.from(source, { objectMode: false });
    // Errors of either side reach the upload through the meter.
    input.once("error", (err) => meter.destroy(err));
    input.pipe(meter);
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key: tmpKey, Body: meter },
      partSize: this.opts.partSize ?? 8 * MiB,
      queueSize: this.opts.queueSize ?? 2,
      leavePartsOnError: false,
    });
    try {
      try {
        await upload.done();
      } catch (err) {
        // The meter's own error (too large) explains the failure better than the SDK's.
        throw meter.errored ?? input.errored ?? err;
      }
      const sha256 = meter.digest();
      const size = meter.byteCount;
      checkExpected(sha256, size, opts);
      const key = this.keyOf(sha256);
      if ((await this.head(key)) !== null) {
        try {
          // Touch it (a self-copy) so garbage collection's grace period starts again.
          await this.copy(key, key, size);
          return { sha256, size, existed: true };
        } catch (err) {
          // Gone between the HEAD and the copy (collected, or rewritten by a concurrent put on a
          // store whose writes are not atomic): our own bytes are still in tmpKey, commit them.
          if (!isMissing(err)) throw err;
        }
      }
      await this.copy(tmpKey, key, size);
      return { sha256, size, existed: false };
    } finally {
      input.unpipe(meter);
      if (!input.destroyed) input.destroy();
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: tmpKey })).catch(() => {});
    }
  }

  /** S3 cannot adopt a local file: it is streamed up (and hashed) as `put` does, then removed. */
  async putFile(path: string, opts: BlobPutFileOptions = {}): Promise<BlobPutResult> {
    const { trustedSha256, ...rest } = opts;
    const result = await this.put(createReadStream(path), {
      ...rest,
      expectedSha256: rest.expectedSha256 ?? trustedSha256,
    });
    await unlink(path);
    return result;
  }

  async get(sha256: string, range?: BlobRange): Promise<BlobRead> {
    if (!isSha256Hex(sha256)) throw blobNotFound(sha256);
    let size: number | undefined;
    if (range) {
      const info = await this.stat(sha256);
      if (!info) throw blobNotFound(sha256);
      checkRange(range, info.size);
      size = info.size;
    }
    const end = range ? Math.min(range.end, size! - 1) : 0;
    try {
      const res = await this.client.send(
        new GetObjectCommand({
          Bucket: this.bucket,
          Key: this.keyOf(sha256),
          Range: range ? `bytes=${range.start}-${end}` : undefined,
        }),
      );
      const body = res.Body as Readable;
      if (!range) return { stream: body, size: res.ContentLength ?? 0 };
      // A server may answer a range with more than asked, or ignore it (200, whole object): cut
      // the answer down to the bytes asked for.
      const served = /^bytes (\d+)-/.exec(res.ContentRange ?? "");
      const skip = range.start - (served ? Number(served[1]) : 0);
      return { stream: body.pipe(new ByteWindow(skip, end - range.start + 1)), size: size! };
    } catch (err) {
      if (isMissing(err)) throw blobNotFound(sha256);
      throw err;
    }
  }

  async stat(sha256: string) {
    if (!isSha256Hex(sha256)) return null;
    return this.head(this.keyOf(sha256));
  }

  async delete(sha256: string): Promise<boolean> {
    if (!(await this.stat(sha256))) return false;
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.keyOf(sha256) }));
    return true;
  }

  async sweepTemporary(olderThan: Date, opts: { dryRun: boolean }) {
    const tmpPrefix = `${this.prefix}tmp/`;
    const swept = { objects: 0, bytes: 0 };
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({ Bucket: this.bucket, Prefix: tmpPrefix, ContinuationToken: token }),
      );
      for (const o of page.Contents ?? []) {
        if (!o.Key || !o.LastModified || o.LastModified >= olderThan) continue;
        if (!opts.dryRun)
          await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: o.Key }));
        swept.objects += 1;
        swept.bytes += o.Size ?? 0;
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    // A killed multipart put leaves its parts billed but invisible to listings: abort it. Servers
    // without ListMultipartUploads (s3rver) have none to leave.
    let uploads: { Key?: string; UploadId?: string; Initiated?: Date }[] = [];
    try {
      uploads =
        (await this.client.send(new ListMultipartUploadsCommand({ Bucket: this.bucket, Prefix: tmpPrefix })))
          .Uploads ?? [];
    } catch (err) {
      if ((err as { name?: string }).name !== "NotImplemented") throw err;
    }
    for (const u of uploads) {
      if (!u.Key || !u.UploadId || !u.Initiated || u.Initiated >= olderThan) continue;
      if (!opts.dryRun)
        await this.client.send(
          new AbortMultipartUploadCommand({ Bucket: this.bucket, Key: u.Key, UploadId: u.UploadId }),
        );
      swept.objects += 1;
    }
    return swept;
  }

  async *list(): AsyncIterable<BlobInfo> {
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({
          Bucket: this.bucket,
          Prefix: this.prefix,
          ContinuationToken: token,
          MaxKeys: this.opts.listPageSize,
        }),
      );
      for (const o of page.Contents ?? []) {
        const rest = o.Key?.slice(this.prefix.length) ?? "";
        const sha256 = rest.slice(6);
        if (!isSha256Hex(sha256) || rest !== shardedPath(sha256)) continue;
        yield { sha256, size: o.Size ?? 0, modifiedAt: o.LastModified ?? new Date(0) };
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  private async head(key: string) {
    try {
      const res = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return { size: res.ContentLength ?? 0, modifiedAt: res.LastModified ?? new Date(0) };
    } catch (err) {
      if (isMissing(err)) return null;
      throw err;
    }
  }

  /**
   * Server-side copy. Copying an object onto itself (new metadata) refreshes its modified time,
   * which is how a deduplicated put confirms an existing digest to the collector.
   */
  private async copy(from: string, to: string, size: number) {
    const source = `${this.bucket}/${encodeURIComponent(from).replace(/%2F/g, "/")}`;
    if (size <= (this.opts.copyObjectLimit ?? 5 * GiB)) {
      await this.client.send(
        new CopyObjectCommand({
          Bucket: this.bucket,
          Key: to,
          CopySource: source,
          MetadataDirective: "REPLACE",
          Metadata: { "confirmed-at": new Date().toISOString() },
        }),
      );
      return;
    }
    await this.copyInParts(source, from, to, size);
  }

  private async copyInParts(source: string, from: string, to: string, size: number) {
    const partSize = Math.max(this.opts.copyPartSize ?? GiB, Math.ceil(size / 10_000));
    const { UploadId } = await this.client.send(
      new CreateMultipartUploadCommand({ Bucket: this.bucket, Key: to }),
    );
    try {
      const parts: { ETag: string; PartNumber: number }[] = [];
      for (let start = 0, n = 1; start < size; start += partSize, n++) {
        const end = Math.min(start + partSize, size) - 1;
        const res = await this.client.send(
          new UploadPartCopyCommand({
            Bucket: this.bucket,
            Key: to,
            UploadId,
            PartNumber: n,
            CopySource: source,
            CopySourceRange: `bytes=${start}-${end}`,
          }),
        );
        parts.push({ ETag: res.CopyPartResult?.ETag ?? "", PartNumber: n });
      }
      await this.client.send(
        new CompleteMultipartUploadCommand({
          Bucket: this.bucket,
          Key: to,
          UploadId,
          MultipartUpload: { Parts: parts },
        }),
      );
    } catch (err) {
      await this.client
        .send(new AbortMultipartUploadCommand({ Bucket: this.bucket, Key: to, UploadId }))
        .catch(() => {});
      if (!isNotImplemented(err)) throw err;
      // Servers without UploadPartCopy: stream the bytes back through a multipart upload.
      const res = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: from }));
      await new Upload({
        client: this.client,
        params: { Bucket: this.bucket, Key: to, Body: res.Body as Readable },
        partSize: this.opts.partSize ?? 8 * MiB,
        queueSize: this.opts.queueSize ?? 2,
        leavePartsOnError: false,
      }).done();
    }
  }

  /** Closes the client's connections. */
  close(): void {
    this.client.destroy();
  }
}

function isMissing(err: unknown): boolean {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === "NoSuchKey" || e?.name === "NotFound" || e?.$metadata?.httpStatusCode === 404;
}

function isNotImplemented(err: unknown): boolean {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === "NotImplemented" || e?.$metadata?.httpStatusCode === 501;
}

/** Passes `length` bytes after skipping `skip`, then ends the stream. */
class ByteWindow extends Transform {
  constructor(
    private skip: number,
    private left: number,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    let part = chunk;
    if (this.skip > 0) {
      const n = Math.min(this.skip, part.length);
      this.skip -= n;
      part = part.subarray(n);
    }
    if (this.left > 0 && part.length > 0) {
      const out = part.subarray(0, this.left);
      this.left -= out.length;
      this.push(out);
    }
    done();
  }
}
