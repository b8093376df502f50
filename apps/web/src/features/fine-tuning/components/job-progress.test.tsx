import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { renderUi } from "../../../test/render";
import { fineTuneJob } from "../test/fixtures";
import { JobOverviewTab } from "./job-overview-tab";

const progress = { step: 30, total_steps: 120, epoch: 0.25, eta_seconds: 95, loss: 1.234567 };

describe("JobProgress on the overview", () => {
  it("shows steps, percentage, epoch, loss and time left while the job runs", async () => {
    renderUi(
      <JobOverviewTab
        job={fineTuneJob({ status: "running", progress })}
        tenantId="ten_1"
        projectId="proj_1"
      />,
    );
    const bar = await screen.findByRole("progressbar", { name: "Training progress" });
    expect(bar).toHaveAttribute("aria-valuenow", "25");
    const box = screen.getByTestId("job-progress");
    expect(box).toHaveTextContent("Step 30 of 120");
    expect(box).toHaveTextContent("Epoch 0.25");
    expect(box).toHaveTextContent("Loss 1.235");
    expect(box).toHaveTextContent("1m 35s left");
  });

  it("takes the runtime's percentage when it gives one, and shows no bar once the job ended", async () => {
    const view = renderUi(
      <JobOverviewTab
        job={fineTuneJob({ status: "running", progress: { ...progress, percentage: 40, eta_seconds: null } })}
        tenantId="ten_1"
        projectId="proj_1"
      />,
    );
    expect(await screen.findByRole("progressbar")).toHaveAttribute("aria-valuenow", "40");
    expect(screen.getByTestId("job-progress")).not.toHaveTextContent("left");
    view.unmount();
    renderUi(
      <JobOverviewTab
        job={fineTuneJob({ status: "succeeded", progress })}
        tenantId="ten_1"
        projectId="proj_1"
      />,
    );
    await screen.findByText("Configuration", { selector: ".ant-card-head-title" });
    expect(screen.queryByRole("progressbar")).toBeNull();
  });
});
