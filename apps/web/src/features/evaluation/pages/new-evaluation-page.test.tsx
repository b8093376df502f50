import { screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { apiError, fakeApi } from "../../../test/fake-api";
import { page, permissions } from "../../../test/fixtures";
import { renderUi } from "../../../test/render";
import { evaluationRun } from "../test/fixtures";
import { NewEvaluationPage } from "./new-evaluation-page";

const at = (query = "", lang: "en-US" | "zh-CN" = "en-US") => ({
  route: `/t/ten_1/p/proj_1/evaluation/new${query}`,
  path: "/t/:tenantId/p/:projectId/evaluation/new",
  lang,
});

function setup(post?: Parameters<typeof fakeApi>[0][string]) {
  return fakeApi({
    "GET /api/v1/auth/permissions": permissions(["evaluation.create"]),
    "GET /api/v1/projects/proj_1/models": () => page([]),
    "GET /api/v1/projects/proj_1/services": () => page([]),
    "GET /api/v1/services/svc_1/revisions": () => page([]),
    "GET /api/v1/projects/proj_1/datasets": () => page([]),
    "GET /api/v1/projects/proj_1/evaluation-benchmarks": () =>
      page([
        {
          id: "ebm_1",
          tenant_id: "ten_1",
          project_id: "proj_1",
          name: "Support QA",
          description: "",
          dataset_id: "ds_1",
          dataset_version_id: null,
          prompt_field: null,
          reference_field: null,
          slice_field: null,
          metrics: [{ name: "contains" }, { name: "regex", pattern: "^It is" }],
          sample_limit: 25,
          generation: { temperature: 0.3, top_p: 1, max_tokens: 16 },
          created_by: "usr_1",
          created_at: "2025-03-01T08:00:00.000Z",
          updated_at: "2025-03-01T08:00:00.000Z",
        },
      ]),
    "GET /api/v1/projects/proj_1/evaluation-gate-rules": () =>
      page([
        {
          id: "egr_1",
          project_id: "proj_1",
          model_id: null,
          metric: "exact_match",
          comparator: "at_least",
          threshold: 0.8,
          margin: null,
          prompt_count: null,
          description: "release floor",
          created_at: "2025-03-01T08:00:00.000Z",
          created_by: "usr_1",
        },
      ]),
    "POST /api/v1/projects/proj_1/evaluations":
      post ??
      (() => ({
        status: 201,
        body: { data: evaluationRun({ id: "evr_new", status: "queued" }) },
        headers: { "X-Audit-Event-Id": "ae_1" },
      })),
  });
}

const stepShown = (key: string) =>
  waitFor(() => expect(document.querySelector(`[data-step=${key}]`)).not.toHaveAttribute("hidden"));
const sent = () => JSON.parse(screen.getByTestId("eval-input-json").textContent ?? "{}");

describe("NewEvaluationPage", () => {
  it("evaluates the version its link names (the fine-tuning Evaluate) and opens the new run", {
    timeout: 60_000,
  }, async () => {
    const { requests } = setup();
    const { user, router } = renderUi(
      <NewEvaluationPage />,
      at("?model_version_id=mv_9&dataset_version_id=dsv_1"),
    );
    await stepShown("kind");
    expect(screen.getByRole("radio", { name: /Automatic/ })).toBeChecked();
    await user.click(screen.getByRole("button", { name: "Next" }));
    await stepShown("data");
    expect(screen.getByRole("textbox", { name: "Target · Model version ID" })).toHaveValue("mv_9");
    await user.click(screen.getByRole("button", { name: "Next" }));
    await stepShown("params");
    await user.click(screen.getByRole("button", { name: "Next" }));
    await stepShown("__review");
    expect(sent()).toMatchObject({
      kind: "automatic",
      targets: [{ model_version_id: "mv_9" }],
      dataset_version_id: "dsv_1",
      metrics: [{ name: "exact_match" }],
      seed: 42,
    });
    await user.click(screen.getByRole("button", { name: "Start evaluation" }));
    await waitFor(() => expect(router.state.location.pathname).toBe("/t/ten_1/p/proj_1/evaluation/evr_new"));
    const post = requests.find((r) => r.method === "POST");
    expect(post?.body).toMatchObject({ kind: "automatic", targets: [{ model_version_id: "mv_9" }] });
  });

  it("takes the playground's compare link: two revisions of a service and the typed prompt", {
    timeout: 60_000,
  }, async () => {
    setup();
    const { user } = renderUi(
      <NewEvaluationPage />,
      at("?kind=side_by_side&service_id=svc_1&revision_id=rev_1&revision_id=rev_2&prompt=Hello%20there"),
    );
    await stepShown("kind");
    expect(screen.getByRole("radio", { name: /Side-by-side/ })).toBeChecked();
    await user.click(screen.getByRole("button", { name: "Next" }));
    await stepShown("data");
    expect(screen.getByRole("textbox", { name: "Prompts" })).toHaveValue("Hello there");
    await user.click(screen.getByRole("button", { name: "Next" }));
    await stepShown("params");
    await user.click(screen.getByRole("button", { name: "Next" }));
    await stepShown("__review");
    const input = sent();
    expect(input.kind).toBe("side_by_side");
    expect(input.targets).toEqual([
      { service_id: "svc_1", revision_id: "rev_1" },
      { service_id: "svc_1", revision_id: "rev_2" },
    ]);
    expect(input.prompts).toEqual(["Hello there"]);
    expect(input.dataset_version_id).toBeUndefined();
  });

  it("lists the rules a gate run will apply, and puts the server's field error on its field", {
    timeout: 60_000,
  }, async () => {
    setup(() =>
      apiError(422, "validation_error", "invalid evaluation", "req_v1", {
        fields: [
          { path: "targets.0.model_version_id", message: "model version mv_9 is not in this project" },
        ],
      }),
    );
    const { user } = renderUi(
      <NewEvaluationPage />,
      at("?kind=gate&model_version_id=mv_9&dataset_version_id=dsv_1"),
    );
    await stepShown("kind");
    expect(screen.getByRole("radio", { name: /Regression gate/ })).toBeChecked();
    await user.click(screen.getByRole("button", { name: "Next" }));
    await stepShown("data");
    expect(screen.getByText(/baseline is the model's current prod version/)).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Next" }));
    await stepShown("params");
    const rules = await screen.findByRole("region", { name: "Gate rules that will apply" });
    await waitFor(() => expect(rules).toHaveTextContent("Exact match"));
    expect(rules).toHaveTextContent("at least 0.8");
    expect(rules).toHaveTextContent("release floor");
    await user.click(screen.getByRole("button", { name: "Next" }));
    await stepShown("__review");
    await user.click(screen.getByRole("button", { name: "Start evaluation" }));
    // Back on the step that shows the field, with the server's words under it.
    await stepShown("data");
    expect(await screen.findByText("model version mv_9 is not in this project")).toBeInTheDocument();
  });

  it("offers loss and perplexity with what they need, and sends them", { timeout: 60_000 }, async () => {
    setup();
    const { user } = renderUi(<NewEvaluationPage />, at("?model_version_id=mv_9&dataset_version_id=dsv_1"));
    await stepShown("kind");
    await user.click(screen.getByRole("button", { name: "Next" }));
    await stepShown("data");
    // The list is virtual: search for the metrics near its end.
    const metrics = screen.getByRole("combobox", { name: "Metrics" });
    await user.type(metrics, "Loss");
    await user.click(await screen.findByTitle("Loss (NLL per token)"));
    await user.type(metrics, "Perplexity");
    await user.click(await screen.findByTitle("Perplexity"));
    expect(await screen.findByText(/every target must be a model version/)).toBeInTheDocument();
    expect(screen.queryByText(/is a service revision/)).not.toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Next" }));
    await stepShown("params");
    await user.click(screen.getByRole("button", { name: "Next" }));
    await stepShown("__review");
    expect(sent().metrics.map((m: { name: string }) => m.name)).toEqual([
      "exact_match",
      "loss",
      "perplexity",
    ]);
  });

  it("warns that a service target cannot score loss, in Chinese too", { timeout: 60_000 }, async () => {
    setup();
    const { user } = renderUi(
      <NewEvaluationPage />,
      at("?kind=side_by_side&service_id=svc_1&revision_id=rev_1&revision_id=rev_2&prompt=Hi", "zh-CN"),
    );
    await stepShown("kind");
    await user.click(screen.getByRole("button", { name: /下一步|Next/ }));
    await stepShown("data");
    await user.type(screen.getByRole("combobox", { name: "指标" }), "困惑");
    await user.click(await screen.findByTitle("困惑度"));
    expect(await screen.findByText(/损失和困惑度需要模型版本目标/)).toBeInTheDocument();
  });

  it("offers a benchmark as the data: its metrics and defaults fill the form, the run names it", {
    timeout: 60_000,
  }, async () => {
    setup();
    const { user } = renderUi(<NewEvaluationPage />, at("?model_version_id=mv_9"));
    await stepShown("kind");
    await user.click(screen.getByRole("button", { name: "Next" }));
    await stepShown("data");
    await user.click(screen.getByRole("radio", { name: "Benchmark" }));
    expect(screen.queryByRole("combobox", { name: "Dataset version" })).not.toBeInTheDocument();
    await user.click(screen.getByRole("combobox", { name: "Benchmark" }));
    await user.click(await screen.findByTitle("Support QA"));
    await waitFor(() =>
      expect(screen.getByRole("textbox", { name: "Regular expression" })).toHaveValue("^It is"),
    );
    await user.click(screen.getByRole("button", { name: "Next" }));
    await stepShown("params");
    await user.click(screen.getByRole("button", { name: "Next" }));
    await stepShown("__review");
    const input = sent();
    expect(input).toMatchObject({
      benchmark_id: "ebm_1",
      metrics: [{ name: "contains" }, { name: "regex", pattern: "^It is" }],
      sample_limit: 25,
      generation: { temperature: 0.3, max_tokens: 16 },
    });
    expect(input.dataset_version_id).toBeUndefined();
    expect(input.prompt_field).toBeUndefined();
  });

  it("asks for the test data before going on, in Chinese too", { timeout: 60_000 }, async () => {
    const { requests } = setup();
    const { user } = renderUi(<NewEvaluationPage />, at("?model_version_id=mv_9", "zh-CN"));
    await stepShown("kind");
    expect(screen.getByRole("radio", { name: /回归门禁评估/ })).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: /下一步|Next/ }));
    await stepShown("data");
    await user.click(screen.getByRole("button", { name: /下一步|Next/ }));
    expect(await screen.findByText("请填写数据集版本")).toBeInTheDocument();
    await stepShown("data");
    expect(requests.filter((r) => r.method === "POST")).toEqual([]);
  });
});
