import { createReadStream, readdirSync, statSync } from "node:fs";
import { basename, join, relative, resolve, sep } from "node:path";
import type { InferaClient } from "@infera/client";
import { usageError } from "./cli-error.js";
import { sha256File } from "./file-hash.js";
import { fmtBytes, Progress } from "./progress.js";
import { throttledFileReader } from "./throttled-reader.js";
import { UploadStore } from "./upload-store.js";

export interface LocalFile {
  /** The path the file gets in the version: relative to the folder given, forward slashes. */
  path: string;
  abs: string;
  size: number;
  mtimeMs: number;
}

export interface UploadedFile {
  path: string;
  upload_id: string;
  size: number;
  sha256: string;
  /** The server's offset when this run started on the file (above 0: resumed). */
  resumed_from: number;
  /** Bytes this run sent. */
  sent: number;
}

function walk(dir: string, root: string, out: LocalFile[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    const abs = join(dir, entry.name);
    if (entry.isDirectory()) walk(abs, root, out);
    else if (entry.isFile()) {
      const st = statSync(abs);
      out.push({ path: relative(root, abs).split(sep).join("/"), abs, size: st.size, mtimeMs: st.mtimeMs });
    }
  }
}

/** Files and folders from the command line: a folder's files keep their paths relative to it. */
export function collectFiles(args: string[]): LocalFile[] {
  const files: LocalFile[] = [];
  for (const arg of args) {
    const abs = resolve(arg);
    let st: ReturnType<typeof statSync>;
    try {
      st = statSync(abs);
    } catch {
      throw usageError(`no such file or folder: ${arg}`);
    }
    if (st.isDirectory()) {
      const before = files.length;
      walk(abs, abs, files);
      if (files.length === before) throw usageError(`the folder ${arg} holds no files`);
    } else if (st.isFile()) files.push({ path: basename(abs), abs, size: st.size, mtimeMs: st.mtimeMs });
    else throw usageError(`${arg} is neither a file nor a folder`);
  }
  const seen = new Set<string>();
  for (const f of files) {
    if (seen.has(f.path)) throw usageError(`two files would both be "${f.path}" in the version`);
    seen.add(f.path);
  }
  return files;
}

/** The key an unfinished upload is remembered by: same server, project and unchanged file. */
function fingerprintOf(url: string, projectId: string, f: LocalFile): string {
  return [url, projectId, f.abs, f.size, Math.trunc(f.mtimeMs)].join("|");
}

/**
 * Uploads files one after the other with tus, each with a progress line; an upload interrupted
 * by a crash or Ctrl+C resumes at the server's offset when the same command runs again.
 */
export async function uploadFiles(
  client: InferaClient,
  url: string,
  projectId: string,
  files: LocalFile[],
  opts: { rate?: number } = {},
): Promise<{ uploaded: UploadedFile[]; forget: () => Promise<void> }> {
  const store = new UploadStore();
  const onInterrupt = () => {
    process.stderr.write("\nInterrupted: run the same command again to continue where the server stopped.\n");
    process.exit(130);
  };
  process.once("SIGINT", onInterrupt);
  const uploaded: UploadedFile[] = [];
  try {
    for (const f of files) {
      // Hashing is fast: worth a bar on a terminal for big files, not lines in a log.
      const hashing =
        f.size > 64 * 1024 ** 2 && process.stderr.isTTY ? new Progress(f.path, f.size, "hashing") : null;
      const sha256 = await sha256File(f.abs, (n) => hashing?.update(n));
      hashing?.finish("done");
      const bar = new Progress(f.path, f.size, "uploading");
      const fingerprint = fingerprintOf(url, projectId, f);
      const { upload, resumedFrom } = await client.uploads.upload(createReadStream(f.abs), {
        projectId,
        filename: basename(f.path),
        sha256,
        urlStorage: store,
        fingerprint: async () => fingerprint,
        keepResumeEntry: true,
        ...(opts.rate ? { fileReader: throttledFileReader(opts.rate) } : {}),
        onProgress: (sent) => bar.update(sent),
      });
      bar.update(f.size);
      bar.finish(resumedFrom > 0 ? `done (resumed at ${fmtBytes(resumedFrom)})` : "done");
      uploaded.push({
        path: f.path,
        upload_id: upload.id,
        size: f.size,
        sha256,
        resumed_from: resumedFrom,
        sent: f.size - resumedFrom,
      });
    }
  } finally {
    process.off("SIGINT", onInterrupt);
  }
  return {
    uploaded,
    // Once a version holds the uploads, a later run must upload afresh, not resume a used upload.
    forget: async () => {
      for (const f of files) await store.forget(fingerprintOf(url, projectId, f));
    },
  };
}
