import type { ComputeNode } from "@infera/contracts";
import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { fakeApi } from "../../../test/fake-api";
import { renderUi } from "../../../test/render";
import { NodesPage } from "./nodes-page";

const GiB = 1024 ** 3;

function node(over: Partial<ComputeNode> = {}): ComputeNode {
  return {
    id: "node_01h00000000000000000000001",
    name: "gpu-box-1",
    status: "online",
    draining: false,
    roles: ["api", "worker"],
    version: "0.1.0",
    labels: {},
    cpus: 32,
    memory_bytes: 128 * GiB,
    gpus: [
      { index: 0, model: "NVIDIA A100-SXM4-80GB", memory_bytes: 80 * GiB },
      { index: 1, model: "NVIDIA A100-SXM4-80GB", memory_bytes: 80 * GiB },
    ],
    running_jobs: 1,
    free: { cpus: 24, memory_bytes: 96 * GiB, gpu_indices: [1] },
    started_at: "2025-03-01T08:00:00.000Z",
    last_seen_at: new Date().toISOString(),
    created_at: "2025-03-01T08:00:00.000Z",
    ...over,
  };
}

describe("NodesPage", () => {
  it("lists nodes with status, size, jobs and free capacity, and drains one", {
    timeout: 60_000,
  }, async () => {
    let draining = false;
    const { requests } = fakeApi({
      "GET /api/v1/admin/nodes": () => ({
        body: {
          data: [
            node({ draining }),
            node({
              id: "node_01h00000000000000000000002",
              name: "old-box",
              status: "offline",
              gpus: [],
              running_jobs: 0,
              cpus: 4,
              memory_bytes: 8 * GiB,
              free: { cpus: 4, memory_bytes: 8 * GiB, gpu_indices: [] },
            }),
          ],
        },
      }),
      "PATCH /api/v1/admin/nodes/node_01h00000000000000000000001": (req) => {
        draining = (req.body as { draining: boolean }).draining;
        return { body: { data: node({ draining }) } };
      },
    });
    const { user } = renderUi(<NodesPage />, { route: "/platform/nodes", path: "/platform/nodes" });
    const row = (await screen.findByText("gpu-box-1")).closest("tr")!;
    expect(within(row).getByText("Online")).toBeInTheDocument();
    expect(within(row).getByText("32 CPUs, 128 GiB")).toBeInTheDocument();
    expect(within(row).getByText("24 CPUs, 96 GiB")).toBeInTheDocument();
    expect(within(row).getByText("1 of 2 GPUs free")).toBeInTheDocument();
    expect(within(row).getByText(/GPU 0: NVIDIA A100-SXM4-80GB \(80 GiB\)/)).toBeInTheDocument();
    const old = screen.getByText("old-box").closest("tr")!;
    expect(within(old).getByText("Offline")).toBeInTheDocument();

    await user.click(within(row).getByRole("button", { name: "Drain" }));
    const pop = await waitFor(() => {
      const el = document.querySelector<HTMLElement>(".ant-popconfirm");
      if (!el) throw new Error("no confirmation");
      return el;
    });
    expect(within(pop).getByText(/Drain gpu-box-1\? Its jobs finish/)).toBeInTheDocument();
    await user.click(within(pop).getByRole("button", { name: "Drain" }));
    expect(await screen.findByText("gpu-box-1 is draining")).toBeInTheDocument();
    expect(requests.find((r) => r.method === "PATCH")?.body).toEqual({ draining: true });
    expect(
      await within(screen.getByText("gpu-box-1").closest("tr")!).findByText("Draining"),
    ).toBeInTheDocument();
  });

  it("speaks Chinese", async () => {
    fakeApi({ "GET /api/v1/admin/nodes": () => ({ body: { data: [node({ status: "offline" })] } }) });
    renderUi(<NodesPage />, { route: "/platform/nodes", path: "/platform/nodes", lang: "zh-CN" });
    expect(await screen.findByText("离线")).toBeInTheDocument();
    expect(screen.getByText("32 核 CPU，128 GiB")).toBeInTheDocument();
  });
});
