import { describe, expect, it } from "vitest";
import { createProcessUsageReader } from "./create-process-usage-reader.js";
import { parseNvidiaSmiApps, parseNvidiaSmiUtilization } from "./parse-nvidia-smi-apps.js";
import { HAS_PROC, parseCpuSeconds } from "./read-proc.js";

describe("process usage", () => {
  it("reads utime + stime after the command name, spaces and parentheses included", () => {
    const stat = "42 (node (x) y) S 1 42 42 0 -1 4194304 100 0 0 0 250 50 0 0 20 0 11 0 12345 0 0";
    expect(parseCpuSeconds(stat)).toBe(3);
    expect(parseCpuSeconds("garbage")).toBeUndefined();
  });

  it("parses nvidia-smi's compute apps and utilization", () => {
    const apps = parseNvidiaSmiApps(
      "4242, GPU-aaa, 1536\n4242, GPU-bbb, 512\nNo devices were found\n7, GPU-aaa, [N/A]\n",
    );
    expect(apps.get(4242)).toEqual({ gpuUuid: "GPU-aaa", memoryBytes: 2048 * 1024 * 1024 });
    expect(apps.has(7)).toBe(false);
    expect(parseNvidiaSmiUtilization("GPU-aaa, 87\nGPU-bbb, [N/A]\n")).toEqual(new Map([["GPU-aaa", 87]]));
  });

  it.skipIf(!HAS_PROC)(
    "reads this process's CPU time and memory; no nvidia-smi answers null GPU fields",
    async () => {
      const reader = createProcessUsageReader({ nvidiaSmi: "/nonexistent/nvidia-smi" });
      let x = 0;
      for (let i = 0; i < 2e7; i++) x += i;
      const usage = await reader.read([process.pid, 2 ** 22 + 7]);
      expect(x).toBeGreaterThan(0);
      const mine = usage.get(process.pid)!;
      expect(mine.cpuSeconds).toBeGreaterThan(0);
      expect(mine.memoryBytes).toBeGreaterThan(10 * 1024 * 1024);
      expect(mine.gpuMemoryBytes).toBeNull();
      expect(usage.has(2 ** 22 + 7)).toBe(false);
    },
  );
});
