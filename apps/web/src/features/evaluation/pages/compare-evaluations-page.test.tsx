import { screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { apiError, fakeApi } from "../../../test/fake-api";
import { page } from "../../../test/fixtures";
import { renderUi } from "../../../test/render";
import { comparison, sbsRun } from "../test/sbs-fixtures";
import { CompareEvaluationsPage } from "./compare-evaluations-page";

const COMPARE = "GET /api/v1/projects/proj_1/evaluations/compare";
const LIST = "GET /api/v1/projects/proj_1/evaluations";
const path = "/t/:tenantId/p/:projectId/evaluation/compare";
const at = (ids: string) => ({ route: `/t/ten_1/p/proj_1/evaluation/compare?ids=${ids}`, path });
const runs = [
  sbsRun({ id: "evr_1", name: "baseline run", kind: "automatic" }),
  sbsRun({ id: "evr_2", name: "candidate run", kind: "automatic" }),
  sbsRun({ id: "evr_3", name: "third run", kind: "automatic" }),
];

describe("CompareEvaluationsPage", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("shows each run's value and interval per metric, and the delta to the first with paired or not", async () => {
    const { requests } = fakeApi({
      [COMPARE]: () => ({ body: { data: comparison() } }),
      [LIST]: () => page(runs),
    });
    renderUi(<CompareEvaluationsPage />, at("evr_1,evr_2"));
    const exact = await screen.findByRole("region", { name: "Exact match" });
    expect(requests.find((r) => r.path.endsWith("/compare"))!.query.get("ids")).toBe("evr_1,evr_2");
    expect(within(exact).getByText("[0.4, 0.6]")).toBeInTheDocument();
    const delta = exact.querySelector("[data-delta=evr_2]") as HTMLElement;
    expect(delta).toHaveTextContent("+0.12");
    expect(delta).toHaveTextContent("[+0.05, +0.19]");
    expect(within(delta).getByText("Paired")).toBeInTheDocument();
    expect(within(delta).getByText("Better")).toBeInTheDocument();
    expect(within(exact).getByText("Baseline")).toBeInTheDocument();
    expect(within(exact).getByRole("link", { name: "Open evaluation candidate run" })).toHaveAttribute(
      "href",
      "/t/ten_1/p/proj_1/evaluation/evr_2",
    );
    const latency = screen.getByRole("region", { name: "Latency (ms)" });
    const slower = latency.querySelector("[data-delta=evr_2]") as HTMLElement;
    expect(slower).toHaveTextContent("−5");
    expect(within(slower).getByText("Unpaired")).toBeInTheDocument();
    expect(within(slower).getByText("No clear difference")).toBeInTheDocument();
  });

  it("adds and removes runs through the URL", async () => {
    fakeApi({ [COMPARE]: () => ({ body: { data: comparison() } }), [LIST]: () => page(runs) });
    const { user, router } = renderUi(<CompareEvaluationsPage />, at("evr_1,evr_2"));
    await screen.findByRole("region", { name: "Exact match" });
    await user.click(screen.getByRole("combobox", { name: "Evaluations" }));
    await user.click(await screen.findByTitle("third run · automatic"));
    await waitFor(() => expect(router.state.location.search).toBe("?ids=evr_1%2Cevr_2%2Cevr_3"));
    await user.click(screen.getAllByRole("button", { name: "Remove from comparison candidate run" })[0]!);
    await waitFor(() => expect(router.state.location.search).toBe("?ids=evr_1%2Cevr_3"));
  });

  it("asks for two runs, and shows the server's error", async () => {
    fakeApi({
      [COMPARE]: () => apiError(422, "validation_failed", "the runs do not share a dataset", "req_cmp"),
      [LIST]: () => page(runs),
    });
    const { unmount } = renderUi(<CompareEvaluationsPage />, at("evr_1"));
    expect(screen.getByText("Pick at least two evaluations to compare")).toBeInTheDocument();
    unmount();
    renderUi(<CompareEvaluationsPage />, at("evr_1,evr_2"));
    expect(await screen.findByText("the runs do not share a dataset")).toBeInTheDocument();
  });

  it("renders in Chinese, the metric named as on its report", async () => {
    fakeApi({ [COMPARE]: () => ({ body: { data: comparison() } }), [LIST]: () => page(runs) });
    renderUi(<CompareEvaluationsPage />, { ...at("evr_1,evr_2"), lang: "zh-CN" });
    expect(await screen.findByRole("region", { name: "精确匹配" })).toBeInTheDocument();
    expect(screen.getAllByText("成对").length).toBeGreaterThan(0);
  });
});
