/** What one process of this machine uses, read when the metrics scrape asks. */
export interface ProcessUsage {
  /** User + system CPU time since the process started. */
  cpuSeconds: number;
  /** Resident memory. */
  memoryBytes: number;
  /** GPU memory the process holds (`nvidia-smi --query-compute-apps`); null without NVIDIA's tools. */
  gpuMemoryBytes: number | null;
  /** Utilization of the GPU the process runs on, 0–100; null when unknown. */
  gpuUtilization: number | null;
}

/** Reads processes' resource use (Linux's /proc, nvidia-smi); a pid that is gone is left out of the answer. */
export interface ProcessUsageReader {
  read(pids: readonly number[]): Promise<Map<number, ProcessUsage>>;
}
