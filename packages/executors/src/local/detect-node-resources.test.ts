import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { detectNodeResources, NVIDIA_SMI_ARGS } from "./detect-node-resources.js";

const dir = mkdtempSync(join(tmpdir(), "infera-nvidia-smi-"));

/** An executable standing in for nvidia-smi: records its arguments and prints `output`. */
function fakeNvidiaSmi(output: string, exitCode = 0): string {
  const path = join(dir, `nvidia-smi-${exitCode}`);
  writeFileSync(path, `#!/bin/sh\necho "$@" > "${path}.args"\ncat <<'OUT'\n${output}OUT\nexit ${exitCode}\n`);
  chmodSync(path, 0o755);
  return path;
}

describe("detectNodeResources", () => {
  it("reports CPUs and memory, and no GPUs when nvidia-smi is not installed", async () => {
    const r = await detectNodeResources({ nvidiaSmi: join(dir, "no-such-nvidia-smi") });
    expect(r).toMatchObject({ cpus: availableParallelism(), memoryBytes: totalmem(), gpus: [] });
    expect(r.hostname.length).toBeGreaterThan(0);
  });

  it("asks nvidia-smi for index, name, memory and uuid, and registers each GPU it lists", async () => {
    const smi = fakeNvidiaSmi(
      "0, NVIDIA A100-SXM4-80GB, 81920, GPU-a1\n1, NVIDIA A100-SXM4-80GB, 81920, GPU-a2\n",
    );
    const r = await detectNodeResources({ nvidiaSmi: smi });
    expect(readFileSync(`${smi}.args`, "utf8").trim()).toBe(NVIDIA_SMI_ARGS.join(" "));
    expect(r.gpus).toEqual([
      { index: 0, name: "NVIDIA A100-SXM4-80GB", memoryBytes: 81920 * 1024 * 1024, uuid: "GPU-a1" },
      { index: 1, name: "NVIDIA A100-SXM4-80GB", memoryBytes: 81920 * 1024 * 1024, uuid: "GPU-a2" },
    ]);
  });

  it("a failing nvidia-smi (no driver loaded) means no GPUs, with a warning", async () => {
    const warnings: object[] = [];
    const log = { info() {}, error() {}, warn: (o: object) => warnings.push(o) };
    const smi = fakeNvidiaSmi(
      "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver.\n",
      9,
    );
    expect((await detectNodeResources({ nvidiaSmi: smi, log })).gpus).toEqual([]);
    expect(warnings).toHaveLength(1);
  });
});
