import type { IncomingMessage } from "node:http";
import { TUS_VERSION, type Upload } from "@infera/contracts";
import { DomainError } from "@infera/core";
import type { Context } from "hono";
import type { AppEnv } from "../../http/app-env.js";
import { httpDate, parseByteCount } from "./tus-headers.js";

/** The raw request: PATCH bodies are read straight from Node's stream (no copy into web streams). */
export function bodyOf(c: Context<AppEnv>): AsyncIterable<Uint8Array> | null {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (incoming) return incoming;
  return (c.req.raw.body as AsyncIterable<Uint8Array> | null) ?? null;
}

export function checkTus(c: Context<AppEnv>) {
  const v = c.req.header("tus-resumable");
  if (v !== undefined && v !== TUS_VERSION)
    throw new DomainError(
      "precondition_failed",
      `Tus-Resumable ${v} is not supported; this server speaks ${TUS_VERSION}`,
      {
        supported: [TUS_VERSION],
      },
    );
  c.header("Tus-Resumable", TUS_VERSION);
}

export function contentLength(c: Context<AppEnv>): number | undefined {
  const raw = c.req.header("content-length");
  return raw === undefined ? undefined : parseByteCount("Content-Length", raw);
}

export function tusState(c: Context<AppEnv>, upload: Upload) {
  c.header("Upload-Offset", String(upload.offset));
  c.header("Upload-Length", String(upload.length));
  if (upload.state === "uploading") c.header("Upload-Expires", httpDate(new Date(upload.expires_at)));
  c.header("Cache-Control", "no-store");
}
