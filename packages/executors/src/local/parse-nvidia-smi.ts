import type { GpuInfo } from "@infera/core";

const MIB = 1024 * 1024;

/**
 * Parses `nvidia-smi --query-gpu=index,name,memory.total,uuid --format=csv,noheader,nounits`: one
 * GPU a line, `0, NVIDIA H100 80GB HBM3, 81559, GPU-…` (memory in MiB). The name is everything between
 * the index and the memory, so a name with a comma survives; `[N/A]` memory becomes null. Lines that
 * are not a GPU (a driver warning) are skipped.
 */
export function parseNvidiaSmiGpus(text: string): GpuInfo[] {
  const gpus: GpuInfo[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const fields = raw.split(",").map((f) => f.trim());
    if (fields.length < 4) continue;
    const index = Number(fields[0]);
    const uuid = fields.at(-1)!;
    const memory = fields.at(-2)!;
    const name = fields.slice(1, -2).join(", ");
    if (!/^\d+$/.test(fields[0]!) || !Number.isSafeInteger(index) || !uuid.startsWith("GPU-") || !name)
      continue;
    const mib = /^\d+(\.\d+)?$/.test(memory) ? Number(memory) : null;
    gpus.push({ index, name, memoryBytes: mib === null ? null : Math.round(mib * MIB), uuid });
  }
  return gpus;
}
