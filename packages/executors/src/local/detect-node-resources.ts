import { execFile } from "node:child_process";
import { availableParallelism, hostname, totalmem } from "node:os";
import type { GpuInfo, Logger, NodeResources } from "@infera/core";
import { parseNvidiaSmiGpus } from "./parse-nvidia-smi.js";

export const NVIDIA_SMI_ARGS = ["--query-gpu=index,name,memory.total,uuid", "--format=csv,noheader,nounits"];

async function queryGpus(binary: string, log?: Logger): Promise<GpuInfo[]> {
  return new Promise((resolve) => {
    execFile(binary, NVIDIA_SMI_ARGS, { timeout: 15_000 }, (error, stdout, stderr) => {
      if (error) {
        // No binary: a machine without NVIDIA's driver, which is fine. Anything else is worth a line.
        if ((error as NodeJS.ErrnoException).code !== "ENOENT")
          log?.warn(
            { err: error.message, stderr: String(stderr).trim() },
            "nvidia-smi failed: no GPUs registered",
          );
        resolve([]);
        return;
      }
      resolve(parseNvidiaSmiGpus(String(stdout)));
    });
  });
}

/**
 * What this machine offers the scheduler: CPUs, memory, and NVIDIA GPUs as `nvidia-smi` lists them
 * (none when it is not installed or fails).
 */
export async function detectNodeResources(
  opts: { nvidiaSmi?: string; log?: Logger } = {},
): Promise<NodeResources> {
  return {
    hostname: hostname(),
    cpus: availableParallelism(),
    memoryBytes: totalmem(),
    gpus: await queryGpus(opts.nvidiaSmi ?? "nvidia-smi", opts.log),
  };
}
