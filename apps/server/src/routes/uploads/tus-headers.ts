import { DomainError } from "@infera/core";

export const TUS_CONTENT_TYPE = "application/offset+octet-stream";
const DIGITS = /^\d{1,16}$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const KEY = /^[!-+\--~]+$/; // printable ASCII without spaces and commas

/** A non-negative byte count from a header (Upload-Length, Upload-Offset): exact past 4 GiB, up to 2^53. */
export function parseByteCount(name: string, raw: string | undefined): number {
  if (raw === undefined) throw new DomainError("validation_error", `the ${name} header is required`);
  const n = Number(raw.trim());
  if (!DIGITS.test(raw.trim()) || !Number.isSafeInteger(n))
    throw new DomainError(
      "validation_error",
      `${name} must be a non-negative integer (got "${raw.slice(0, 40)}")`,
    );
  return n;
}

/** `Upload-Metadata: key base64value,key2 base64value2,flag` as a plain object of decoded strings. */
export function parseUploadMetadata(raw: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!raw?.trim()) return out;
  for (const pair of raw.split(",")) {
    const [key, value, ...rest] = pair.trim().split(" ");
    if (!key || !KEY.test(key) || rest.length || (value !== undefined && !BASE64.test(value)))
      throw new DomainError(
        "validation_error",
        `Upload-Metadata is malformed near "${pair.trim().slice(0, 40)}"`,
      );
    if (key in out) throw new DomainError("validation_error", `Upload-Metadata names ${key} twice`);
    const text = value === undefined ? "" : Buffer.from(value, "base64").toString("utf8");
    if (text.includes("\uFFFD"))
      throw new DomainError("validation_error", `Upload-Metadata ${key} is not UTF-8 text`);
    out[key] = text;
  }
  return out;
}

/** Upload-Expires is an RFC 9110 HTTP date. */
export const httpDate = (d: Date) => d.toUTCString();
