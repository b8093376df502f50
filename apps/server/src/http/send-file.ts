import { Readable } from "node:stream";
import type { Context } from "hono";
import type { AppEnv } from "./app-env.js";
import { errorBody } from "./error-response.js";

/** A Range header we cannot serve (416). */
class RangeNotSatisfiable extends Error {}

export interface ByteRange {
  start: number;
  end: number;
}

/** `bytes=a-b`, `bytes=a-`, `bytes=-n` (one range); null for none or a form we ignore (several ranges). */
export function parseRange(header: string | undefined, size: number): ByteRange | null {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m) {
    if (/^bytes=/.test(header.trim()) && !header.includes(",")) throw new RangeNotSatisfiable();
    return null;
  }
  const [, a, b] = m;
  if (a === "" && b === "") throw new RangeNotSatisfiable();
  if (a === "") {
    const n = Number(b);
    if (n === 0 || size === 0) throw new RangeNotSatisfiable();
    return { start: Math.max(0, size - n), end: size - 1 };
  }
  const start = Number(a);
  const end = b === "" ? size - 1 : Math.min(Number(b), size - 1);
  if (start >= size || start > end) throw new RangeNotSatisfiable();
  return { start, end };
}

/** A stored file as a core verb opened it: the requested bytes and what describes the whole. */
export interface OpenedFile {
  /** Its name or path; the download is named by its last segment. */
  name: string;
  sha256: string;
  /** Size of the whole file. */
  size: number;
  stream: Readable;
  range?: ByteRange | null;
}

/**
 * Answers a download of immutable, content-addressed bytes: 200 with the whole file, 206 with the
 * range the `Range` header asks for, 416 for a range outside it. `open` is given the range picker,
 * so a verb reads only the bytes asked for. The sha256 is the ETag: the bytes never change.
 */
export async function sendFile(
  c: Context<AppEnv>,
  contentType: string,
  open: (pickRange: (size: number) => ByteRange | null) => Promise<OpenedFile>,
): Promise<Response> {
  const rangeHeader = c.req.header("range");
  let size = 0;
  try {
    const file = await open((s) => {
      size = s;
      return parseRange(rangeHeader, s);
    });
    const headers: Record<string, string> = {
      "Content-Type": contentType,
      "Content-Disposition": `attachment; filename="${encodeURIComponent(file.name.split("/").pop()!)}"`,
      "Accept-Ranges": "bytes",
      ETag: `"${file.sha256}"`,
      "Cache-Control": "private, max-age=31536000, immutable",
    };
    const body = Readable.toWeb(file.stream) as unknown as ReadableStream;
    if (file.range) {
      headers["Content-Range"] = `bytes ${file.range.start}-${file.range.end}/${file.size}`;
      headers["Content-Length"] = String(file.range.end - file.range.start + 1);
      return c.body(body, 206, headers);
    }
    headers["Content-Length"] = String(file.size);
    return c.body(body, 200, headers);
  } catch (err) {
    if (!(err instanceof RangeNotSatisfiable)) throw err;
    c.header("Content-Range", `bytes */${size}`);
    return c.json(
      errorBody("validation_error", "range not satisfiable", c.get("requestId") ?? "unknown", { size }),
      416,
    );
  }
}
