import { screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { fakeApi } from "../../../test/fake-api";
import { page, permissions } from "../../../test/fixtures";
import { renderUi } from "../../../test/render";
import { evaluationRun, gateOutcome, gateRun } from "../test/fixtures";
import { EvaluationsPage } from "./evaluations-page";

const at = { route: "/t/ten_1/p/proj_1/evaluation", path: "/t/:tenantId/p/:projectId/evaluation" };
const all = ["evaluation.list", "evaluation.create", "evaluation.cancel"];
const rowOf = (id: string) => document.querySelector<HTMLElement>(`tr[data-row-key="${id}"]`) as HTMLElement;

describe("EvaluationsPage", () => {
  it("shows an empty state with the create button", { timeout: 60_000 }, async () => {
    fakeApi({
      "GET /api/v1/auth/permissions": permissions(all),
      "GET /api/v1/projects/proj_1/evaluations": () => page([]),
    });
    const { user, router } = renderUi(<EvaluationsPage />, at);
    expect(await screen.findByText("No evaluations yet")).toBeInTheDocument();
    const buttons = await screen.findAllByRole("button", { name: /Create evaluation/ });
    await waitFor(() => expect(buttons.at(-1)).toBeEnabled());
    await user.click(buttons.at(-1) as HTMLElement);
    await waitFor(() => expect(router.state.location.pathname).toBe("/t/ten_1/p/proj_1/evaluation/new"));
  });

  it("lists runs with targets, metric intervals, progress, gate and the actions their status allows", {
    timeout: 60_000,
  }, async () => {
    fakeApi({
      "GET /api/v1/auth/permissions": permissions(all),
      "GET /api/v1/projects/proj_1/evaluations": () =>
        page([
          evaluationRun({
            id: "evr_run",
            name: "running-one",
            status: "running",
            samples_done: 50,
            samples_total: 200,
            eta_seconds: 125,
            summary: null,
            finished_at: null,
          }),
          evaluationRun({ id: "evr_done", name: "done-one" }),
          gateRun([gateOutcome({ passed: false, reason: "too low" })], { id: "evr_gate", name: "gate-one" }),
        ]),
    });
    renderUi(<EvaluationsPage />, at);
    await screen.findByText("running-one");
    const running = rowOf("evr_run");
    expect(running.querySelector("[data-status=running]")).toHaveTextContent("Running");
    expect(running.textContent).toContain("50 / 200 samples");
    expect(running.textContent).toContain("about 2m 05s left");
    expect(running.querySelector('[role="progressbar"]')?.getAttribute("aria-valuenow")).toBe("25");

    const done = rowOf("evr_done");
    expect(done.textContent).toContain("Exact match 0.62 [0.55, 0.69]");
    expect(done.textContent).toContain("ROUGE-L 71.4 [68.2, 74.9]");
    const target = [...done.querySelectorAll("a")].find((a) => a.textContent === "support-router:staging");
    expect(target).toHaveAttribute("href", "/t/ten_1/p/proj_1/model-versions/mv_2");
    expect(done.querySelector("[data-gate]")).toBeNull();
    expect(rowOf("evr_gate").querySelector("[data-gate=failed]")).toHaveTextContent("Fail");

    const actions = (row: HTMLElement) =>
      [...row.querySelectorAll("button")]
        .map((b) => b.textContent)
        .filter((s) => s === "Re-run" || s === "Cancel run");
    await waitFor(() => expect(actions(running)).toEqual(["Cancel run"]));
    expect(actions(done)).toEqual(["Re-run"]);
  });

  it("filters by kind, status and gate on the server", { timeout: 60_000 }, async () => {
    const { requests } = fakeApi({
      "GET /api/v1/auth/permissions": permissions(all),
      "GET /api/v1/projects/proj_1/evaluations": () => page([evaluationRun()]),
    });
    const { user } = renderUi(<EvaluationsPage />, at);
    await screen.findByText("router-check");
    const list = () => requests.filter((r) => r.path.endsWith("/projects/proj_1/evaluations"));
    await user.click(screen.getByRole("combobox", { name: "Kind" }));
    await user.click(await screen.findByTitle("Regression gate"));
    await waitFor(() => expect(list().at(-1)?.query.get("kind")).toBe("gate"));
    await user.click(screen.getByRole("combobox", { name: "Status" }));
    await user.click(await screen.findByTitle("Succeeded"));
    await waitFor(() => expect(list().at(-1)?.query.get("status")).toBe("succeeded"));
    await user.click(screen.getByRole("combobox", { name: "Gate" }));
    await user.click(await screen.findByTitle("Fail"));
    await waitFor(() => expect(list().at(-1)?.query.get("gate")).toBe("failed"));
  });

  it("compares the selected runs and renders in Chinese", { timeout: 60_000 }, async () => {
    fakeApi({
      "GET /api/v1/auth/permissions": permissions(all),
      "GET /api/v1/projects/proj_1/evaluations": () =>
        page([evaluationRun({ id: "evr_a", name: "a-run" }), evaluationRun({ id: "evr_b", name: "b-run" })]),
    });
    const { user, router } = renderUi(<EvaluationsPage />, { ...at, lang: "zh-CN" });
    await screen.findByText("a-run");
    expect(screen.getAllByText("模型评估").length).toBeGreaterThan(0);
    for (const id of ["evr_a", "evr_b"])
      await user.click(rowOf(id).querySelector("input[type=checkbox]") as HTMLElement);
    await user.click(await screen.findByRole("button", { name: "对比评估" }));
    await waitFor(() => expect(router.state.location.pathname).toBe("/t/ten_1/p/proj_1/evaluation/compare"));
    expect(router.state.location.search).toBe("?ids=evr_a,evr_b");
  });
});
