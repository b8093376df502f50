const MIB = 1024 * 1024;

/**
 * Parses `nvidia-smi --query-compute-apps=pid,gpu_uuid,used_memory --format=csv,noheader,nounits`
 * (`4242, GPU-…, 1536`, memory in MiB) into GPU memory and GPU by pid; a process on two GPUs adds up.
 */
export function parseNvidiaSmiApps(text: string): Map<number, { gpuUuid: string; memoryBytes: number }> {
  const out = new Map<number, { gpuUuid: string; memoryBytes: number }>();
  for (const raw of text.split(/\r?\n/)) {
    const [pid, uuid, mib] = raw.split(",").map((f) => f.trim());
    if (!pid || !/^\d+$/.test(pid) || !uuid?.startsWith("GPU-") || !mib || !/^\d+(\.\d+)?$/.test(mib))
      continue;
    const prev = out.get(Number(pid));
    out.set(Number(pid), {
      gpuUuid: prev?.gpuUuid ?? uuid,
      memoryBytes: (prev?.memoryBytes ?? 0) + Math.round(Number(mib) * MIB),
    });
  }
  return out;
}

/** Parses `nvidia-smi --query-gpu=uuid,utilization.gpu --format=csv,noheader,nounits` into utilization (%) by GPU. */
export function parseNvidiaSmiUtilization(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const raw of text.split(/\r?\n/)) {
    const [uuid, util] = raw.split(",").map((f) => f.trim());
    if (uuid?.startsWith("GPU-") && util && /^\d+(\.\d+)?$/.test(util)) out.set(uuid, Number(util));
  }
  return out;
}
