import type { SafetensorsMetadata } from "@infera/contracts";
import type { ByteSource } from "./byte-source.js";
import { badHeader } from "./header-error.js";

/** The safetensors library's own limit on the JSON header. */
const MAX_HEADER = 100 * 1024 * 1024;
const MAX_TENSORS = 1_000_000;

/**
 * Reads a safetensors file's JSON header (8-byte little-endian length, then JSON): dtypes, tensor
 * count, parameter count. Every offset must lie inside the file's data, so a header that lies answers
 * validation_error.
 */
export async function readSafetensorsHeader(src: ByteSource, path: string): Promise<SafetensorsMetadata> {
  const lie = (why: string) => badHeader(path, "safetensors", why);
  if (src.size < 10) throw lie("the file is shorter than a safetensors header");
  const n = (await src.read(0, 8)).readBigUInt64LE(0);
  if (n > BigInt(src.size - 8)) throw lie(`the header claims ${n} bytes but the file has ${src.size - 8}`);
  if (n > BigInt(MAX_HEADER)) throw lie(`the header claims ${n} bytes (at most ${MAX_HEADER})`);
  const length = Number(n);
  const text = (await src.read(8, 8 + length)).toString("utf8");
  let header: unknown;
  try {
    header = JSON.parse(text);
  } catch {
    throw lie("the header is not JSON");
  }
  if (!header || typeof header !== "object" || Array.isArray(header))
    throw lie("the header is not an object");
  const dataSize = src.size - 8 - length;
  const dtypes = new Set<string>();
  let tensors = 0;
  let parameters = 0;
  for (const [name, info] of Object.entries(header as Record<string, unknown>)) {
    if (name === "__metadata__") continue;
    if (++tensors > MAX_TENSORS) throw lie(`more than ${MAX_TENSORS} tensors`);
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
    dtypes.add(t.dtype);
    parameters += (t.shape as number[]).reduce((a, b) => a * b, 1);
    if (!Number.isSafeInteger(parameters)) throw lie("an absurd parameter count");
  }
  return { dtypes: [...dtypes].sort(), tensor_count: tensors, parameter_count: parameters };
}
