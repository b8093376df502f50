import type { Hash } from "node:crypto";
import { join } from "node:path";

export interface UploadSettings {
  /** Folder of the partial uploads' files (with a local blob store: on its filesystem, so completing is a rename). */
  dir: string;
  /** Largest Upload-Length accepted. */
  maxBytes: number;
  /** An upload with no bytes received for this long expires. */
  expiryHours: number;
}

/**
 * What one server process keeps about uploads besides the database: the settings, the running
 * sha256 of each upload whose bytes it received last (so a PATCH continues the digest where the
 * previous one left it), and a lock per upload so two PATCHes of one upload never interleave.
 * After a restart the digest is rebuilt once from the partial file, whose length is the recorded offset.
 */
export class UploadService {
  private readonly hashes = new Map<string, { hash: Hash; offset: number }>();
  private readonly locks = new Map<string, Promise<void>>();

  constructor(readonly settings: UploadSettings) {}

  pathOf(uploadId: string): string {
    return join(this.settings.dir, uploadId);
  }

  /** Runs `fn` when no other call for this upload runs in this process. */
  async exclusive<T>(uploadId: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.locks.get(uploadId) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((r) => {
      release = r;
    });
    const chained = previous.then(() => mine);
    this.locks.set(uploadId, chained);
    await previous;
    try {
      return await fn();
    } finally {
      release();
      if (this.locks.get(uploadId) === chained) this.locks.delete(uploadId);
    }
  }

  /** The running digest of the first `offset` bytes, when this process has it. */
  takeHash(uploadId: string, offset: number): Hash | undefined {
    const kept = this.hashes.get(uploadId);
    this.hashes.delete(uploadId);
    return kept && kept.offset === offset ? kept.hash : undefined;
  }

  keepHash(uploadId: string, hash: Hash, offset: number): void {
    this.hashes.set(uploadId, { hash, offset });
  }

  forget(uploadId: string): void {
    this.hashes.delete(uploadId);
  }
}

export function createUploadService(settings: UploadSettings): UploadService {
  return new UploadService(settings);
}
