import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { apiError, fakeApi } from "../../../test/fake-api";
import { page, permissions } from "../../../test/fixtures";
import { renderUi } from "../../../test/render";
import { evaluationRun, gateOutcome, gateRun, sample } from "../test/fixtures";
import { EvaluationDetailPage } from "./evaluation-detail-page";

const at = (id: string, query = "") => ({
  route: `/t/ten_1/p/proj_1/evaluation/${id}${query}`,
  path: "/t/:tenantId/p/:projectId/evaluation/:evalRunId",
});

describe("EvaluationDetailPage", () => {
  it("shows the report: sentence, metric cards with intervals, and a worst-first sample table", {
    timeout: 60_000,
  }, async () => {
    const { requests } = fakeApi({
      "GET /api/v1/auth/permissions": permissions(["evaluation.create"]),
      "GET /api/v1/evaluations/evr_1": () => ({ body: { data: evaluationRun() } }),
      "GET /api/v1/evaluations/evr_1/samples": () => page([sample(0), sample(1)]),
    });
    const { user } = renderUi(<EvaluationDetailPage />, at("evr_1"));
    expect(await screen.findByTestId("summary-sentence")).toHaveTextContent(
      "answers 62% of the samples exactly",
    );
    const card = document.querySelector("[data-metric=exact_match]") as HTMLElement;
    expect(card).toHaveTextContent("0.62");
    expect(card).toHaveTextContent("[0.55, 0.69]");
    expect(card).toHaveTextContent("200 samples");
    expect(document.querySelector("[data-metric=rouge_l]")).toHaveTextContent("[68.2, 74.9]");
    await screen.findByText("wrong 0");
    const samples = requests.find((r) => r.path.endsWith("/samples"));
    expect(samples?.query.get("order")).toBe("worst");
    expect(samples?.query.get("metric")).toBe("exact_match");
    // No gate or side-by-side tab for an automatic run; no promote.
    expect(screen.queryByRole("tab", { name: "Gate" })).toBeNull();
    expect(screen.queryByRole("tab", { name: "Side-by-Side" })).toBeNull();
    expect(screen.queryByRole("button", { name: /Promote to prod tag/ })).toBeNull();

    // Failed only goes to the server.
    await user.click(screen.getByRole("checkbox", { name: "Failed only" }));
    await waitFor(() =>
      expect(
        requests
          .filter((r) => r.path.endsWith("/samples"))
          .at(-1)
          ?.query.get("failed"),
      ).toBe("true"),
    );
  });

  it("keeps 10,000 samples interactive: only the rows in view are in the page, and a row expands", {
    timeout: 60_000,
  }, async () => {
    const many = Array.from({ length: 10_000 }, (_, i) => sample(i));
    fakeApi({
      "GET /api/v1/auth/permissions": permissions([]),
      "GET /api/v1/evaluations/evr_1": () => ({
        body: { data: evaluationRun({ samples_total: 10_000, samples_done: 10_000 }) },
      }),
      "GET /api/v1/evaluations/evr_1/samples": () => page(many),
    });
    const { user } = renderUi(<EvaluationDetailPage />, at("evr_1"));
    await waitFor(() =>
      expect(screen.getByTestId("samples-count")).toHaveTextContent("10000 samples loaded"),
    );
    const section = screen.getByRole("region", { name: "Samples (worst first)" });
    const rendered = section.querySelectorAll("tr[data-row-key]");
    // Virtualized: a screenful (plus a margin), not ten thousand rows.
    expect(rendered.length).toBeGreaterThan(0);
    expect(rendered.length).toBeLessThan(200);
    await user.click(within(rendered[0] as HTMLElement).getByRole("button", { name: /expand/i }));
    const detail = await screen.findByTestId("sample-a-0");
    expect(detail).toHaveTextContent("question 0");
    expect(detail).toHaveTextContent("answer 0");
    expect(detail).toHaveTextContent("wrong 0");
    // And closes again.
    await user.click(within(rendered[0] as HTMLElement).getByRole("button", { name: "Collapse sample 0" }));
    expect(screen.queryByTestId("sample-a-0")).toBeNull();
    expect(
      within(rendered[0] as HTMLElement).getByRole("button", { name: "Expand sample 0" }),
    ).toHaveAttribute("aria-expanded", "false");
  });

  it("keeps the rows shown (busy) while a filter's rows load, asks 50 first and the rest on demand", {
    timeout: 60_000,
  }, async () => {
    // The failed-only answer is held until the test releases it.
    let release: (body: unknown) => void = () => {};
    const held = new ReadableStream<Uint8Array>({
      start(controller) {
        release = (body) => {
          controller.enqueue(new TextEncoder().encode(JSON.stringify(body)));
          controller.close();
        };
      },
    });
    const { requests } = fakeApi({
      "GET /api/v1/auth/permissions": permissions([]),
      "GET /api/v1/evaluations/evr_1": () => ({ body: { data: evaluationRun() } }),
      "GET /api/v1/evaluations/evr_1/samples": (req) =>
        req.query.get("failed") === "true"
          ? { stream: held, headers: { "content-type": "application/json" } }
          : req.query.get("cursor")
            ? page([sample(50), sample(51)])
            : page([sample(0), sample(1)], "cur_2"),
    });
    const { user } = renderUi(<EvaluationDetailPage />, at("evr_1"));
    const section = await screen.findByRole("region", { name: "Samples (worst first)" });
    await within(section).findByText("wrong 0");
    const first = requests.filter((r) => r.path.endsWith("/samples"));
    expect(first.map((r) => r.query.get("limit"))).toEqual(["50"]);

    // The rest of the filter's rows: the next page, 200 at a time, from the cursor.
    await user.click(within(section).getByRole("button", { name: "Load more" }));
    expect(await within(section).findAllByText("answer 51")).not.toHaveLength(0);
    const next = requests.filter((r) => r.path.endsWith("/samples")).at(-1);
    expect(next?.query.get("cursor")).toBe("cur_2");
    expect(next?.query.get("limit")).toBe("200");

    // A filter change: the rows stay (the section busy) until the new answer, then the new rows.
    await user.click(within(section).getByRole("checkbox", { name: "Failed only" }));
    await waitFor(() => expect(section).toHaveAttribute("aria-busy", "true"));
    expect(within(section).getByText("wrong 0")).toBeInTheDocument();
    expect(section.querySelector(".ant-spin-spinning")).toBeNull();
    expect(screen.getByTestId("samples-count")).toHaveTextContent("Loading the matching samples…");
    const failed = requests.filter((r) => r.path.endsWith("/samples")).at(-1);
    expect(failed?.query.get("failed")).toBe("true");
    expect(failed?.query.get("limit")).toBe("50");
    release({ data: [sample(7, { error: "HTTP 504", output: null, scores: {} })], next_cursor: null });
    await waitFor(() => expect(section).toHaveAttribute("aria-busy", "false"));
    expect(within(section).queryByText("wrong 0")).toBeNull();
    expect(section.querySelectorAll("tr[data-row-key]")).toHaveLength(1);
    expect(within(section).getByText("Generation error")).toBeInTheDocument();
  });

  it("shows a running run's progress and ETA, and only cancel", { timeout: 60_000 }, async () => {
    fakeApi({
      "GET /api/v1/auth/permissions": permissions(["evaluation.cancel"]),
      "GET /api/v1/evaluations/evr_1": () => ({
        body: {
          data: evaluationRun({
            status: "running",
            samples_done: 30,
            samples_total: 120,
            eta_seconds: 90,
            summary: null,
            finished_at: null,
          }),
        },
      }),
      "GET /api/v1/evaluations/evr_1/samples": () => page([]),
    });
    renderUi(<EvaluationDetailPage />, at("evr_1"));
    const progress = await screen.findByTestId("eval-progress");
    expect(progress).toHaveTextContent("30 / 120 samples");
    expect(progress).toHaveTextContent("about 1m 30s left");
    // The name holds the visible text ("Cancel run"), as speech input needs (axe label-content-name-mismatch).
    await waitFor(() =>
      expect(screen.getByRole("button", { name: "Cancel run router-check" })).toHaveTextContent("Cancel run"),
    );
    expect(screen.getByRole("button", { name: "Cancel run router-check" })).toBeEnabled();
    expect(screen.queryByRole("button", { name: /Re-run router-check/ })).toBeNull();
  });

  it("names the failed gate rule with its reason and offers to re-evaluate; no promote", {
    timeout: 60_000,
  }, async () => {
    const run = gateRun([
      gateOutcome(),
      gateOutcome({
        rule_id: "egr_2",
        metric: "rouge_l",
        value: 40,
        ci_low: 35,
        ci_high: 45,
        threshold: 60,
        passed: false,
        reason: "rouge_l 40 [35, 45] is below 60",
      }),
    ]);
    fakeApi({
      "GET /api/v1/auth/permissions": permissions(["evaluation.create", "model.tag.update"]),
      "GET /api/v1/evaluations/evr_g": () => ({ body: { data: run } }),
      "GET /api/v1/evaluations/evr_g/samples": () => page([]),
    });
    renderUi(<EvaluationDetailPage />, at("evr_g", "?tab=gate"));
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("1 rule(s) failed");
    expect(screen.getByTestId("failed-rules")).toHaveTextContent(
      "ROUGE-L: ROUGE-L 40.0 [35.0, 45.0] is below 60.0",
    );
    expect(within(alert).getByRole("button", { name: "Re-evaluate" })).toBeInTheDocument();
    const verdicts = [...document.querySelectorAll("[data-passed]")].map((e) =>
      e.getAttribute("data-passed"),
    );
    expect(verdicts).toEqual(["true", "false"]);
    expect(document.querySelector("[data-gate=failed]")).toHaveTextContent("Fail");
    expect(screen.queryByRole("button", { name: /Promote to prod tag/ })).toBeNull();
  });

  it("offers Promote to prod tag only for a passed gate and someone who may move tags", {
    timeout: 60_000,
  }, async () => {
    const run = gateRun([gateOutcome()]);
    fakeApi({
      "GET /api/v1/auth/permissions": permissions(["model.tag.update"]),
      "GET /api/v1/evaluations/evr_g": () => ({ body: { data: run } }),
      "GET /api/v1/evaluations/evr_g/samples": () => page([]),
    });
    const { user, router, unmount } = renderUi(<EvaluationDetailPage />, at("evr_g"));
    const promote = await screen.findByRole("button", { name: /Promote to prod tag/ });
    await user.click(promote);
    await waitFor(() => expect(router.state.location.pathname).toBe("/t/ten_1/p/proj_1/models/mdl_1"));
    expect(Object.fromEntries(new URLSearchParams(router.state.location.search))).toEqual({
      tab: "tags",
      promote: "prod",
      promote_version: "mv_2",
      evidence: "evr_g",
    });
    unmount();

    fakeApi({
      "GET /api/v1/auth/permissions": permissions([], { "model.tag.update": "viewers cannot" }),
      "GET /api/v1/evaluations/evr_g": () => ({ body: { data: run } }),
      "GET /api/v1/evaluations/evr_g/samples": () => page([]),
    });
    renderUi(<EvaluationDetailPage />, at("evr_g"));
    await screen.findByTestId("summary-sentence");
    await waitFor(() => expect(document.querySelector("[data-gate=passed]")).toBeInTheDocument());
    expect(screen.queryByRole("button", { name: /Promote to prod tag/ })).toBeNull();
  });

  it("links the exports and shows not found, in Chinese too", { timeout: 60_000 }, async () => {
    fakeApi({
      "GET /api/v1/auth/permissions": permissions([]),
      "GET /api/v1/evaluations/evr_1": () => ({ body: { data: evaluationRun() } }),
      "GET /api/v1/evaluations/evr_1/samples": () => page([]),
      "GET /api/v1/evaluations/evr_x": () => apiError(404, "not_found", "not found"),
    });
    const { user, unmount } = renderUi(<EvaluationDetailPage />, at("evr_1"));
    await user.hover(await screen.findByRole("button", { name: /Export report/ }));
    expect(await screen.findByRole("link", { name: "JSON" })).toHaveAttribute(
      "href",
      "/api/v1/evaluations/evr_1/export?format=json",
    );
    expect(screen.getByRole("link", { name: /CSV/ })).toHaveAttribute(
      "href",
      "/api/v1/evaluations/evr_1/export?format=csv",
    );
    unmount();
    renderUi(<EvaluationDetailPage />, { ...at("evr_x"), lang: "zh-CN" });
    expect(await screen.findByText("找不到这次评估")).toBeInTheDocument();
  });

  it("says the summary sentence in the console's language from its parts; a run without parts shows the stored one", {
    timeout: 60_000,
  }, async () => {
    const withParts = evaluationRun({
      summary: {
        ...evaluationRun().summary!,
        sentence: "exact match 0.62 [0.55, 0.69] on 200 samples",
        sentence_parts: {
          form: "single",
          metric: "exact_match",
          figure: { value: 0.62, ci_low: 0.55, ci_high: 0.69, n: 200 },
        },
      },
    });
    fakeApi({
      "GET /api/v1/auth/permissions": permissions([]),
      "GET /api/v1/evaluations/evr_1": () => ({ body: { data: withParts } }),
      "GET /api/v1/evaluations/evr_1/samples": () => page([sample(0)]),
    });
    const { unmount } = renderUi(<EvaluationDetailPage />, { ...at("evr_1"), lang: "zh-CN" });
    expect(await screen.findByTestId("summary-sentence")).toHaveTextContent(
      "精确匹配 0.62 [0.55, 0.69]（200 个样本）",
    );
    unmount();
    renderUi(<EvaluationDetailPage />, { ...at("evr_1", "?print=1"), lang: "zh-CN" });
    expect(await screen.findByTestId("printable-summary-sentence")).toHaveTextContent(
      "精确匹配 0.62 [0.55, 0.69]（200 个样本）",
    );
  });

  it("shows a print-friendly report", { timeout: 60_000 }, async () => {
    fakeApi({
      "GET /api/v1/auth/permissions": permissions([]),
      "GET /api/v1/evaluations/evr_1": () => ({ body: { data: evaluationRun() } }),
    });
    renderUi(<EvaluationDetailPage />, at("evr_1", "?print=1"));
    const report = await screen.findByTestId("printable-report");
    expect(report).toHaveTextContent("Evaluation report: router-check");
    expect(report).toHaveTextContent("0.62 [0.55, 0.69]");
    // Stored before sentence parts existed: the server's sentence as it is.
    expect(screen.getByTestId("printable-summary-sentence")).toHaveTextContent(
      "support-router:staging answers 62% of the samples exactly.",
    );
    expect(within(report).getByRole("button", { name: "Print" })).toBeInTheDocument();
  });

  it("prints a gate's failing regression prompts under their rule, each with the failed check", {
    timeout: 60_000,
  }, async () => {
    const rule = gateOutcome({
      rule_id: "egr_r",
      metric: "regression_pass_rate",
      comparator: "pass_rate_at_least",
      value: 0.5,
      threshold: 0.9,
      passed: false,
      reason: "1 of 2 regression prompts passed: 0.50 is below 0.90; failing: #1",
      regression: {
        passed: 1,
        total: 2,
        failures: [
          {
            index: 1_000_001,
            prompt_index: 1,
            prompt: "Answer in JSON",
            reason: "checks[0] json_valid: is not valid JSON",
          },
        ],
      },
    });
    fakeApi({
      "GET /api/v1/auth/permissions": permissions([]),
      "GET /api/v1/evaluations/evr_g": () => ({ body: { data: gateRun([rule]) } }),
    });
    renderUi(<EvaluationDetailPage />, at("evr_g", "?print=1"));
    const failures = await screen.findByTestId("regression-failures-egr_r");
    expect(failures).toHaveTextContent("#1 Answer in JSON — checks[0] json_valid: is not valid JSON");
  });
});
