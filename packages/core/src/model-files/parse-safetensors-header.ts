import { badHeader } from "./header-error.js";

/** The safetensors library's own limit on the JSON header. */
const MAX_HEADER = 100 * 1024 * 1024;
const MAX_TENSORS = 1_000_000;

export interface SafetensorsTensorInfo {
  name: string;
  dtype: string;
  shape: number[];
  /** [start, end) from the start of the tensor data. */
  dataOffsets: [number, number];
}

export interface SafetensorsHeader {
  /** `__metadata__`: its string entries. */
  metadata: Record<string, string>;
  tensors: SafetensorsTensorInfo[];
  /** Absolute byte offset where the tensor data begins (8 + the header's length). */
  dataStart: number;
}

/** The JSON header's length from a file's first 8 bytes, checked against the file before it is read. */
export function safetensorsHeaderLength(first8: Buffer, fileSize: number, path: string): number {
  const lie = (why: string) => badHeader(path, "safetensors", why);
  if (fileSize < 10) throw lie("the file is shorter than a safetensors header");
  const n = first8.readBigUInt64LE(0);
  if (n > BigInt(fileSize - 8)) throw lie(`the header claims ${n} bytes but the file has ${fileSize - 8}`);
  if (n > BigInt(MAX_HEADER)) throw lie(`the header claims ${n} bytes (at most ${MAX_HEADER})`);
  return Number(n);
}

/**
 * The safetensors JSON header (the bytes after the length): each tensor's dtype, shape and data
 * offsets. Every offset must lie inside the file's data, so a header that lies answers
 * validation_error. Synchronous, for callers that hold the bytes already.
 */
export function parseSafetensorsHeader(json: Buffer, fileSize: number, path: string): SafetensorsHeader {
  const lie = (why: string) => badHeader(path, "safetensors", why);
  let header: unknown;
  try {
    header = JSON.parse(json.toString("utf8"));
  } catch {
    throw lie("the header is not JSON");
  }
  if (!header || typeof header !== "object" || Array.isArray(header))
    throw lie("the header is not an object");
  const dataStart = 8 + json.length;
  const dataSize = fileSize - dataStart;
  const metadata: Record<string, string> = {};
  const tensors: SafetensorsTensorInfo[] = [];
  let parameters = 0;
  for (const [name, info] of Object.entries(header as Record<string, unknown>)) {
    if (name === "__metadata__") {
      for (const [k, v] of Object.entries(info ?? {})) if (typeof v === "string") metadata[k] = v;
      continue;
    }
    if (tensors.length >= MAX_TENSORS) throw lie(`more than ${MAX_TENSORS} tensors`);
    const t = info as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
    if (!t || typeof t !== "object" || typeof t.dtype !== "string" || t.dtype.length > 16)
      throw lie(`tensor ${JSON.stringify(name.slice(0, 80))} has no dtype`);
    if (
      !Array.isArray(t.shape) ||
      t.shape.length > 8 ||
      !t.shape.every((d) => Number.isSafeInteger(d) && d >= 0)
    )
      throw lie(`tensor ${JSON.stringify(name.slice(0, 80))} has no valid shape`);
    const offsets = t.data_offsets;
    if (
      !Array.isArray(offsets) ||
      offsets.length !== 2 ||
      !offsets.every((o) => Number.isSafeInteger(o) && o >= 0) ||
      offsets[0] > offsets[1] ||
      offsets[1] > dataSize
    )
      throw lie(`tensor ${JSON.stringify(name.slice(0, 80))} has data offsets outside the file`);
    const shape = t.shape as number[];
    parameters += shape.reduce((a, b) => a * b, 1);
    if (!Number.isSafeInteger(parameters)) throw lie("an absurd parameter count");
    tensors.push({ name, dtype: t.dtype, shape, dataOffsets: [offsets[0], offsets[1]] });
  }
  return { metadata, tensors, dataStart };
}
