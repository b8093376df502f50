import type { FineTuneJobCheckpoint } from "@infera/contracts";
import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { fakeApi } from "../../../test/fake-api";
import { renderUi } from "../../../test/render";
import { eventsPage, fineTuneJob, jobEvent } from "../test/fixtures";
import { JobCheckpointsTab } from "./job-checkpoints-tab";

const checkpoint = (c: Partial<FineTuneJobCheckpoint>): FineTuneJobCheckpoint => ({
  name: "step-1",
  step: 1,
  reason: null,
  attempt: 1,
  time: "2025-03-01T08:00:00.000Z",
  available: true,
  stored: true,
  ...c,
});

describe("JobCheckpointsTab", () => {
  it("lists each checkpoint written, newest first, with where its copy is and a download while there is one", async () => {
    const { requests } = fakeApi({
      "GET /api/v1/fine-tuning/jobs/ftj_1/events": (req) =>
        eventsPage(
          [
            jobEvent(3, "checkpoint", { path: "checkpoints/step-40", step: 40, reason: "minutes" }),
            jobEvent(9, "checkpoint", { path: "checkpoints/step-55", step: 55, reason: "canceled" }),
            jobEvent(
              20,
              "checkpoint",
              { path: "checkpoints/step-100", step: 100, reason: "final" },
              { attempt: 2 },
            ),
          ],
          req.query,
        ),
      "GET /api/v1/fine-tuning/jobs/ftj_1/checkpoints": () => ({
        body: {
          data: [
            checkpoint({ name: "step-40", step: 40, attempt: 1, available: false, stored: false }),
            checkpoint({ name: "step-55", step: 55, attempt: 1, available: true, stored: false }),
            checkpoint({ name: "step-100", step: 100, attempt: 2, available: true, stored: true }),
          ],
        },
      }),
    });
    renderUi(<JobCheckpointsTab job={fineTuneJob({ status: "succeeded" })} />, { timeZone: "UTC" });
    await screen.findByText("In the blob store");
    const table = await screen.findByRole("table");
    expect(requests[0]?.query.get("type")).toBe("checkpoint");
    const cells = within(table)
      .getAllByRole("row")
      .slice(1)
      .map((r) =>
        within(r)
          .getAllByRole("cell")
          .map((c) => c.textContent),
      );
    expect(cells).toEqual([
      [
        "100",
        "Final",
        "2025-03-01 08:00:20",
        "2",
        "checkpoints/step-100",
        "In the blob store",
        "Download (.tar)",
      ],
      [
        "55",
        "On cancel",
        "2025-03-01 08:00:09",
        "1",
        "checkpoints/step-55",
        "On the node only",
        "Download (.tar)",
      ],
      ["40", "Timed", "2025-03-01 08:00:03", "1", "checkpoints/step-40", "Removed", "—"],
    ]);
    const link = screen.getByRole("link", { name: "Download the checkpoint of step 100" });
    expect(link.getAttribute("href")).toMatch(
      /\/api\/v1\/fine-tuning\/jobs\/ftj_1\/checkpoints\/step-100\/download$/,
    );
  });

  it("says how often the job writes one before the first", async () => {
    fakeApi({ "GET /api/v1/fine-tuning/jobs/ftj_1/events": (req) => eventsPage([], req.query) });
    renderUi(<JobCheckpointsTab job={fineTuneJob({ status: "running" })} />);
    expect(await screen.findByText("No checkpoints yet")).toBeInTheDocument();
    expect(screen.getByText(/writes one every 10 minutes and when it stops/)).toBeInTheDocument();
  });
});
