import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { renderUi } from "../../../test/render";
import { fineTuneJob } from "../test/fixtures";
import { JobOverviewTab } from "./job-overview-tab";

const metrics = {
  steps: 136,
  train_loss: 0.412345,
  eval_loss: 0.523456,
  perplexity: 1.687764,
  best_eval_loss: 0.5,
};

describe("a finished job's results on the overview (FR36)", () => {
  it("shows the final training loss, the validation loss and its perplexity", async () => {
    renderUi(
      <JobOverviewTab
        job={fineTuneJob({ status: "succeeded", final_metrics: metrics })}
        tenantId="ten_1"
        projectId="proj_1"
      />,
    );
    const box = (await screen.findByText("Results", { selector: ".ant-card-head-title" })).closest(
      ".ant-card",
    )!;
    expect(box).toHaveTextContent("Training loss0.4123");
    expect(box).toHaveTextContent("Validation loss0.5235");
    expect(box).toHaveTextContent("Perplexity1.688");
    expect(box).toHaveTextContent("Best validation loss0.5");
    expect(box).toHaveTextContent("Steps136");
  });

  it("says when the job had no validation split, and shows no results before the job ends", async () => {
    const view = renderUi(
      <JobOverviewTab
        job={fineTuneJob({
          status: "succeeded",
          final_metrics: { ...metrics, eval_loss: null, perplexity: null, best_eval_loss: null },
        })}
        tenantId="ten_1"
        projectId="proj_1"
      />,
    );
    const card = (await screen.findByText("Results", { selector: ".ant-card-head-title" })).closest(
      ".ant-card",
    )!;
    expect(card).toHaveTextContent("Validation lossNo validation split");
    view.unmount();
    renderUi(<JobOverviewTab job={fineTuneJob({ status: "running" })} tenantId="ten_1" projectId="proj_1" />);
    await screen.findByText("Configuration", { selector: ".ant-card-head-title" });
    expect(screen.queryByText("Results", { selector: ".ant-card-head-title" })).toBeNull();
  });
});
