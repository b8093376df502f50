import { join, relative, resolve, sep } from "node:path";
import { CliError } from "./cli-error.js";
import { type DownloadResult, downloadFile } from "./download-file.js";
import { printJson, printTable, say } from "./output.js";
import { fmtBytes } from "./progress.js";

export interface VersionFile {
  /** The file's path inside the version (a model's `path`, a dataset's `name`). */
  path: string;
  size: number;
  sha256: string;
}

interface VersionDownload {
  versionId: string;
  files: VersionFile[];
  fileUrl: (path: string) => string;
  token: string | undefined;
  out?: string;
  only?: string;
}

/**
 * Downloads a version's files (or the one `only` names) under `out` (default ./<version id>),
 * keeping their paths: a partial file continues with HTTP Range, each file is checked against its
 * sha256. Answers where they went and how each came (for a caller that prints its own summary).
 */
export async function fetchVersionFiles(
  opts: VersionDownload,
): Promise<{ out: string; results: DownloadResult[] }> {
  const files = opts.only ? opts.files.filter((f) => f.path === opts.only) : opts.files;
  if (files.length === 0)
    throw new CliError(
      "not_found",
      `${opts.versionId} has no file ${opts.only}; it has ${opts.files.map((f) => f.path).join(", ")}`,
    );
  const out = resolve(opts.out ?? opts.versionId);
  const results: DownloadResult[] = [];
  for (const f of files) {
    const dest = join(out, ...f.path.split("/"));
    // The server checks paths too; a path that would leave the folder is refused here as well.
    if (relative(out, dest).startsWith(`..${sep}`))
      throw new CliError("internal", `unsafe file path ${f.path}`);
    results.push(
      await downloadFile({
        url: opts.fileUrl(f.path),
        token: opts.token,
        dest,
        label: f.path,
        size: f.size,
        sha256: f.sha256,
      }),
    );
  }
  return { out, results };
}

/** `fetchVersionFiles`, then the outcome as a table or JSON. */
export async function downloadVersionFiles(opts: VersionDownload & { json?: boolean }): Promise<void> {
  const { out, results } = await fetchVersionFiles(opts);
  if (opts.json) return printJson({ version_id: opts.versionId, out, files: results });
  printDownloads(results);
  say(`${results.length} file(s) of ${opts.versionId} in ${out}, each sha256 checked.`);
}

/** The files a download brought: path, size, digest and whether it came whole, resumed or was there. */
export function printDownloads(results: DownloadResult[]): void {
  printTable(
    ["file", "size", "sha256", "status"],
    results.map((r) => [r.path, fmtBytes(r.size), r.sha256, r.status]),
  );
}
