import { readFileSync } from "node:fs";
import { chmod, mkdir, rename, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { PreviousUpload, UploadUrlStorage } from "@infera/client";
import { cliEnvironment } from "./environment.js";

type Stored = Omit<PreviousUpload, "urlStorageKey"> & { fingerprint: string };

/**
 * Where unfinished uploads are remembered: `uploads.json` beside config.json, upload URL per file
 * fingerprint (server, project, path, size, mtime), so re-running a command after a crash or Ctrl+C
 * continues at the server's offset. tus-js-client reads and writes it through this interface.
 */
export class UploadStore implements UploadUrlStorage {
  constructor(readonly path: string = join(dirname(cliEnvironment().configPath), "uploads.json")) {}

  private read(): Record<string, Stored> {
    try {
      return JSON.parse(readFileSync(this.path, "utf8")) as Record<string, Stored>;
    } catch {
      // Missing or unreadable: nothing to resume (the uploads start over; nothing is lost).
      return {};
    }
  }

  private async write(entries: Record<string, Stored>): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true, mode: 0o700 });
    const tmp = `${this.path}.${process.pid}.tmp`;
    await writeFile(tmp, `${JSON.stringify(entries, null, 2)}\n`, { mode: 0o600 });
    await chmod(tmp, 0o600);
    await rename(tmp, this.path);
  }

  async findAllUploads(): Promise<PreviousUpload[]> {
    return Object.entries(this.read()).map(([key, s]) => ({ ...s, urlStorageKey: key }));
  }

  async findUploadsByFingerprint(fingerprint: string): Promise<PreviousUpload[]> {
    return (await this.findAllUploads()).filter((u) => (u as unknown as Stored).fingerprint === fingerprint);
  }

  async removeUpload(key: string): Promise<void> {
    const entries = this.read();
    if (!(key in entries)) return;
    delete entries[key];
    await this.write(entries);
  }

  async addUpload(fingerprint: string, upload: PreviousUpload): Promise<string> {
    const entries = this.read();
    // One entry per fingerprint: the newest upload of those bytes is the one to resume.
    for (const [k, s] of Object.entries(entries)) if (s.fingerprint === fingerprint) delete entries[k];
    const key = `${fingerprint}#${Date.now().toString(36)}`;
    const { urlStorageKey: _, ...rest } = upload;
    entries[key] = { ...rest, fingerprint };
    await this.write(entries);
    return key;
  }

  /** Forgets a file once its upload is used by a version (a later run uploads it afresh). */
  async forget(fingerprint: string): Promise<void> {
    const entries = this.read();
    const keys = Object.keys(entries).filter((k) => entries[k]?.fingerprint === fingerprint);
    if (keys.length === 0) return;
    for (const k of keys) delete entries[k];
    await this.write(entries);
  }
}
