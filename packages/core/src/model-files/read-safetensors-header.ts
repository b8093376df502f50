import type { ByteSource } from "./byte-source.js";
import {
  parseSafetensorsHeader,
  type SafetensorsHeader,
  safetensorsHeaderLength,
} from "./parse-safetensors-header.js";

/** A safetensors file's header through two ranged reads: the length, then the JSON. */
export async function readSafetensorsHeader(src: ByteSource, path: string): Promise<SafetensorsHeader> {
  const length = safetensorsHeaderLength(await src.read(0, 8), src.size, path);
  return parseSafetensorsHeader(await src.read(8, 8 + length), src.size, path);
}
