import { createHash } from "node:crypto";

/** sha256 over the sorted `path:sha256` lines: the same files give the same digest, whatever their order. */
export function versionDigest(files: { path: string; sha256: string }[]): string {
  const lines = files.map((f) => `${f.path}:${f.sha256}`).sort();
  return createHash("sha256").update(lines.join("\n")).digest("hex");
}
