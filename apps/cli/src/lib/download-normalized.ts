import { join, resolve } from "node:path";
import { CliError } from "./cli-error.js";
import { openDownload, saveStream } from "./open-download.js";
import { printJson, say } from "./output.js";
import { fmtBytes } from "./progress.js";

/**
 * Downloads a version's records as normalized JSONL into `out` (default ./<version id>). The file
 * is converted while the server streams it, so there is no size or digest to check and no Range to
 * continue from: it goes to `.part` and takes its name once the lines the server announced are all
 * there.
 */
export async function downloadNormalized(opts: {
  versionId: string;
  url: string;
  token: string | undefined;
  out?: string;
  json?: boolean;
}): Promise<void> {
  const res = await openDownload(opts.url, opts.token);
  // The server names the file after the dataset; only its last segment is used, so it stays in `out`.
  const named = /filename="([^"/\\]+)"/.exec(res.headers.get("content-disposition") ?? "")?.[1];
  const name = named && !named.startsWith(".") ? named : `${opts.versionId}.normalized.jsonl`;
  const out = resolve(opts.out ?? opts.versionId);
  const dest = join(out, name);
  let lines = 0;
  const expected = Number(res.headers.get("x-infera-rows") ?? Number.NaN);
  const { size } = await saveStream(res, dest, {
    label: name,
    tap: (chunk) => {
      for (const b of chunk) if (b === 0x0a) lines++;
    },
    check: () => {
      if (Number.isFinite(expected) && expected !== lines)
        throw new CliError("internal", `${name}: got ${lines} of ${expected} records; run again to retry`);
    },
  });
  if (opts.json) return printJson({ version_id: opts.versionId, path: dest, rows: lines, size });
  say(
    `${lines.toLocaleString("en-US")} normalized record(s) of ${opts.versionId} in ${dest} (${fmtBytes(size)}).`,
  );
}
