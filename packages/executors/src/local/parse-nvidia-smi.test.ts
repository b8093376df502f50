import { describe, expect, it } from "vitest";
import { parseNvidiaSmiGpus } from "./parse-nvidia-smi.js";

// The shape `nvidia-smi --query-gpu=index,name,memory.total,uuid --format=csv,noheader,nounits`
// prints (memory in MiB, ", " between fields), with the figures these GPUs report.
const TWO_H100 = `0, NVIDIA H100 80GB HBM3, 81559, GPU-6b4a1c3e-7f2d-4b1a-9c8e-2d5f0a1b3c4d
1, NVIDIA H100 80GB HBM3, 81559, GPU-0f9e8d7c-6b5a-4c3d-8e2f-1a0b9c8d7e6f
`;
const MIXED = `0, NVIDIA GeForce RTX 4090, 24564, GPU-11111111-2222-3333-4444-555555555555\r
1, Tesla T4, [N/A], GPU-aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee\r
`;

// Captured on a real H200 machine (driver 580, 2026-12-04) with the same query.
const REAL_H200 = "0, NVIDIA H200, 143771, GPU-29975803-15e2-d8fd-c109-52e2f67fe9cb\n";

describe("parseNvidiaSmiGpus", () => {
  it("reads what a real H200 machine printed", () => {
    expect(parseNvidiaSmiGpus(REAL_H200)).toEqual([
      {
        index: 0,
        name: "NVIDIA H200",
        memoryBytes: 143771 * 1024 * 1024,
        uuid: "GPU-29975803-15e2-d8fd-c109-52e2f67fe9cb",
      },
    ]);
  });

  it("reads index, name, memory (MiB → bytes) and uuid of each GPU", () => {
    expect(parseNvidiaSmiGpus(TWO_H100)).toEqual([
      {
        index: 0,
        name: "NVIDIA H100 80GB HBM3",
        memoryBytes: 81559 * 1024 * 1024,
        uuid: "GPU-6b4a1c3e-7f2d-4b1a-9c8e-2d5f0a1b3c4d",
      },
      {
        index: 1,
        name: "NVIDIA H100 80GB HBM3",
        memoryBytes: 81559 * 1024 * 1024,
        uuid: "GPU-0f9e8d7c-6b5a-4c3d-8e2f-1a0b9c8d7e6f",
      },
    ]);
  });

  it("takes CRLF, memory the driver does not report, and skips lines that are not GPUs", () => {
    const gpus = parseNvidiaSmiGpus(
      `NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver.\n${MIXED}\n`,
    );
    expect(gpus.map((g) => [g.index, g.name, g.memoryBytes])).toEqual([
      [0, "NVIDIA GeForce RTX 4090", 24564 * 1024 * 1024],
      [1, "Tesla T4", null],
    ]);
    expect(parseNvidiaSmiGpus("")).toEqual([]);
  });

  it("keeps a name that contains a comma", () => {
    expect(parseNvidiaSmiGpus("2, Acme GPU, rev 2, 16384, GPU-x\n")[0]).toMatchObject({
      index: 2,
      name: "Acme GPU, rev 2",
      memoryBytes: 16384 * 1024 * 1024,
    });
  });
});
