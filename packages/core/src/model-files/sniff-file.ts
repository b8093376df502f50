import type { ModelFileKind } from "@infera/contracts";
import type { ByteSource } from "./byte-source.js";

/**
 * What a file is, from its first bytes (never its name): GGUF magic, a safetensors length-prefixed
 * JSON header, a PyTorch zip or pickle, JSON, or something else.
 */
export async function sniffFile(src: ByteSource): Promise<ModelFileKind> {
  const head = await src.read(0, Math.min(src.size, 16));
  if (head.length >= 4 && head.toString("latin1", 0, 4) === "GGUF") return "gguf";
  if (head.length >= 9) {
    const n = head.readBigUInt64LE(0);
    if (n >= 2n && n <= BigInt(src.size - 8) && head[8] === 0x7b) return "safetensors";
  }
  // PyTorch: a zip archive (torch.save since 1.6) or a bare pickle (protocol 2–5).
  if (head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04)
    return "bin";
  if (head.length >= 2 && head[0] === 0x80 && head[1]! >= 2 && head[1]! <= 5) return "bin";
  const text = head.toString("utf8").trimStart();
  if (text.startsWith("{") || text.startsWith("[")) return "json";
  return "other";
}
