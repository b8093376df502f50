import type { EvaluationBenchmark } from "@infera/contracts";
import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { findDialog } from "../../../test/dialogs";
import { fakeApi } from "../../../test/fake-api";
import { page, permissions } from "../../../test/fixtures";
import { renderUi } from "../../../test/render";
import { BenchmarksPage } from "./benchmarks-page";

const at = (lang: "en-US" | "zh-CN" = "en-US") => ({
  route: "/t/ten_1/p/proj_1/evaluation/benchmarks",
  path: "/t/:tenantId/p/:projectId/evaluation/benchmarks",
  lang,
});
const writes = ["evaluation.benchmark.create", "evaluation.benchmark.update", "evaluation.benchmark.delete"];

function benchmark(over: Partial<EvaluationBenchmark> = {}): EvaluationBenchmark {
  return {
    id: "ebm_1",
    tenant_id: "ten_1",
    project_id: "proj_1",
    name: "Support QA",
    description: "the support team's questions",
    dataset_id: "ds_1",
    dataset_version_id: null,
    prompt_field: null,
    reference_field: null,
    slice_field: null,
    metrics: [{ name: "exact_match" }, { name: "chrf" }],
    sample_limit: 50,
    generation: null,
    created_by: "usr_1",
    created_at: "2025-03-01T08:00:00.000Z",
    updated_at: "2025-03-01T08:00:00.000Z",
    ...over,
  };
}

/** A dataset as the picker lists it (no version yet: the benchmark reads the latest one later). */
const dataset = {
  id: "ds_1",
  tenant_id: "ten_1",
  project_id: "proj_1",
  name: "tickets",
  description: "",
  format: "chat",
  shape: "chat",
  mapping: null,
  tags: [],
  latest_version_id: null,
  latest_version: null,
  version_count: 0,
  created_by: "usr_1",
  created_at: "2025-03-01T08:00:00.000Z",
  updated_at: "2025-03-01T08:00:00.000Z",
};

describe("BenchmarksPage", () => {
  it("starts empty, registers a dataset as a benchmark through the dialog, and lists it", {
    timeout: 120_000,
  }, async () => {
    let stored: EvaluationBenchmark[] = [];
    const { requests } = fakeApi({
      "GET /api/v1/auth/permissions": permissions(writes),
      "GET /api/v1/projects/proj_1/evaluation-benchmarks": () => page(stored),
      "GET /api/v1/projects/proj_1/datasets": () => page([dataset]),
      "GET /api/v1/datasets/ds_1/versions": () => page([]),
      "POST /api/v1/projects/proj_1/evaluation-benchmarks": (req) => {
        const b = benchmark({ ...(req.body as Partial<EvaluationBenchmark>), id: "ebm_new" });
        stored = [b];
        return { status: 201, body: { data: b }, headers: { "X-Audit-Event-Id": "ae_1" } };
      },
    });
    const { user } = renderUi(<BenchmarksPage />, at());
    expect(await screen.findByText("No benchmarks yet")).toBeInTheDocument();
    await user.click(screen.getAllByRole("button", { name: /New benchmark/ })[0]!);
    const dialog = await findDialog("New evaluation benchmark");
    await user.type(within(dialog).getByRole("textbox", { name: "Name" }), "Tickets QA");
    await user.click(within(dialog).getByRole("combobox", { name: "Dataset" }));
    await user.click(await screen.findByTitle("tickets"));
    await user.click(within(dialog).getByRole("combobox", { name: "Default metrics" }));
    await user.click(await screen.findByTitle("chrF"));
    await user.type(within(dialog).getByRole("spinbutton", { name: "Default sample limit" }), "20");
    await user.click(within(dialog).getByRole("button", { name: "Save" }));
    await waitFor(() => expect(requests.some((r) => r.method === "POST")).toBe(true));
    expect(requests.find((r) => r.method === "POST")?.body).toEqual({
      name: "Tickets QA",
      description: "",
      dataset_id: "ds_1",
      dataset_version_id: null,
      metrics: [{ name: "exact_match" }, { name: "chrf" }],
      sample_limit: 20,
      generation: null,
      prompt_field: null,
      reference_field: null,
      slice_field: null,
    });
    expect(await screen.findByText("Tickets QA")).toBeInTheDocument();
    expect(screen.getByText("latest")).toBeInTheDocument();
  });

  it("deletes a benchmark only after the confirmation", { timeout: 60_000 }, async () => {
    let stored = [benchmark(), benchmark({ id: "ebm_2", name: "Pinned", dataset_version_id: "dsv_7" })];
    const { requests } = fakeApi({
      "GET /api/v1/auth/permissions": permissions(writes),
      "GET /api/v1/projects/proj_1/evaluation-benchmarks": () => page(stored),
      "DELETE /api/v1/evaluation-benchmarks/ebm_1": () => {
        stored = stored.filter((b) => b.id !== "ebm_1");
        return { status: 204, headers: { "X-Audit-Event-Id": "ae_2" } };
      },
    });
    const { user } = renderUi(<BenchmarksPage />, at());
    expect(await screen.findByText("Support QA")).toBeInTheDocument();
    expect(screen.getByText("pinned to dsv_7")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Delete Support QA" }));
    const dialog = await findDialog("Delete benchmark Support QA?");
    expect(requests.filter((r) => r.method === "DELETE")).toEqual([]);
    await user.click(within(dialog).getByRole("button", { name: "Delete" }));
    await waitFor(() => expect(screen.queryByText("Support QA")).not.toBeInTheDocument());
    expect(requests.filter((r) => r.method === "DELETE").map((r) => r.path)).toEqual([
      "/api/v1/evaluation-benchmarks/ebm_1",
    ]);
  });

  it("renders in Chinese, and locks the writes for a role without them", { timeout: 60_000 }, async () => {
    fakeApi({
      "GET /api/v1/auth/permissions": permissions([], Object.fromEntries(writes.map((a) => [a, "role"]))),
      "GET /api/v1/projects/proj_1/evaluation-benchmarks": () => page([benchmark()]),
    });
    renderUi(<BenchmarksPage />, at("zh-CN"));
    expect(await screen.findByText("Support QA")).toBeInTheDocument();
    expect(screen.getByRole("heading", { name: "评估基准" })).toBeInTheDocument();
    expect(screen.getByText("最新")).toBeInTheDocument();
    await waitFor(() => expect(screen.getAllByRole("button", { name: /新建基准/ })[0]).toBeDisabled());
    expect(screen.getByRole("button", { name: "删除 Support QA" })).toBeDisabled();
  });
});
