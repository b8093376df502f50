import { execFile } from "node:child_process";
import type { ProcessUsage, ProcessUsageReader } from "@infera/core";
import { parseNvidiaSmiApps, parseNvidiaSmiUtilization } from "./parse-nvidia-smi-apps.js";
import { readCpuSeconds, readRssBytes } from "./read-proc.js";

function run(binary: string, args: string[]): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(binary, args, { timeout: 10_000 }, (error, stdout) => resolve(error ? null : String(stdout)));
  });
}

/**
 * CPU time and resident memory from /proc; GPU memory and the GPU's utilization from `nvidia-smi`
 * when the machine has it (asked once per read, not per pid). A machine without it answers null for
 * the GPU fields, never 0, so the console can tell "no GPU" from "idle GPU".
 */
export function createProcessUsageReader(opts: { nvidiaSmi?: string } = {}): ProcessUsageReader {
  const nvidiaSmi = opts.nvidiaSmi ?? "nvidia-smi";
  let hasGpuTools = true;
  return {
    async read(pids) {
      let apps: ReturnType<typeof parseNvidiaSmiApps> | null = null;
      let utilization = new Map<string, number>();
      if (hasGpuTools && pids.length) {
        const text = await run(nvidiaSmi, [
          "--query-compute-apps=pid,gpu_uuid,used_memory",
          "--format=csv,noheader,nounits",
        ]);
        if (text === null) hasGpuTools = false;
        else {
          apps = parseNvidiaSmiApps(text);
          const util = await run(nvidiaSmi, [
            "--query-gpu=uuid,utilization.gpu",
            "--format=csv,noheader,nounits",
          ]);
          if (util) utilization = parseNvidiaSmiUtilization(util);
        }
      }
      const out = new Map<number, ProcessUsage>();
      for (const pid of pids) {
        const cpuSeconds = await readCpuSeconds(pid);
        if (cpuSeconds === undefined) continue;
        const gpu = apps?.get(pid);
        out.set(pid, {
          cpuSeconds,
          memoryBytes: await readRssBytes(pid),
          gpuMemoryBytes: apps ? (gpu?.memoryBytes ?? 0) : null,
          gpuUtilization: gpu ? (utilization.get(gpu.gpuUuid) ?? null) : null,
        });
      }
      return out;
    },
  };
}
