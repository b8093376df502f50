import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { findDialog } from "../../../test/dialogs";
import { apiError, fakeApi } from "../../../test/fake-api";
import { page, permissions } from "../../../test/fixtures";
import { renderUi } from "../../../test/render";
import { dataset, datasetVersion } from "../test/fixtures";
import { DatasetDetailPage } from "./dataset-detail-page";

const datasetActions = [
  "dataset.read",
  "dataset.delete",
  "dataset.usage",
  "dataset.version.list",
  "dataset.version.read",
  "dataset.version.create",
  "dataset.version.delete",
  "dataset.version.download",
  "dataset.version.report",
];
const at = (query = "") => ({
  route: `/t/ten_1/p/proj_1/datasets/ds_1${query}`,
  path: "/t/:tenantId/p/:projectId/datasets/:datasetId",
});

describe("DatasetDetailPage", () => {
  it("opens the version drawer from the URL with its id, digest, files, kept-valid record and statistics", {
    timeout: 60_000,
  }, async () => {
    const v = datasetVersion({
      shape: "alpaca",
      mapping: { instruction: "question", output: "answer" },
      files: [
        { name: "train.valid.jsonl", sha256: "e".repeat(64), size: 4096, lines: 100, container: "json" },
      ],
    });
    fakeApi({
      "GET /api/v1/auth/permissions": permissions(datasetActions),
      "GET /api/v1/datasets/ds_1": () => ({ body: { data: dataset() } }),
      "GET /api/v1/datasets/ds_1/versions": () => page([v]),
      [`GET /api/v1/dataset-versions/${v.id}`]: () => ({ body: { data: v } }),
      [`GET /api/v1/dataset-versions/${v.id}/usage`]: () => ({ body: { data: { dependants: [] } } }),
    });
    renderUi(<DatasetDetailPage />, at(`?version=${v.id}`));
    const drawer = await findDialog("Version v2");
    await within(drawer).findByTestId("tokens-total");
    expect(within(drawer).getByText("Valid rows only: 25 rows dropped")).toBeInTheDocument();
    expect(within(drawer).getByRole("link", { name: "Download the full error report" })).toHaveAttribute(
      "href",
      v.report_href,
    );
    expect(within(drawer).getByRole("link", { name: "Download train.valid.jsonl" })).toHaveAttribute(
      "href",
      `/api/v1/dataset-versions/${v.id}/download?file=train.valid.jsonl`,
    );
    // How the files are read, and the records as the trainer reads them.
    expect(within(drawer).getByText("Alpaca")).toBeInTheDocument();
    expect(within(drawer).getByText("instruction ← question, output ← answer")).toBeInTheDocument();
    expect(within(drawer).getByText("JSON array")).toBeInTheDocument();
    expect(within(drawer).getByRole("link", { name: /Download normalized JSONL/ })).toHaveAttribute(
      "href",
      `/api/v1/dataset-versions/${v.id}/normalized`,
    );
    // Ids and digests short, with copy buttons (the full value in a popover).
    expect(within(drawer).getByRole("button", { name: `Copy ID ${v.id.slice(0, 12)}…` })).toBeInTheDocument();
    expect(within(drawer).getByRole("button", { name: "Copy ID dddddddddddd…" })).toBeInTheDocument();
    expect(within(drawer).getByText("messages[].role")).toBeInTheDocument();
    expect(within(drawer).getByText("No fine-tuning job or evaluation uses it.")).toBeInTheDocument();
  });

  it("lists what still uses a version when its delete is refused (409 resource_in_use)", {
    timeout: 60_000,
  }, async () => {
    const v = datasetVersion();
    fakeApi({
      "GET /api/v1/auth/permissions": permissions(datasetActions),
      "GET /api/v1/datasets/ds_1": () => ({ body: { data: dataset() } }),
      "GET /api/v1/datasets/ds_1/versions": () => page([v]),
      [`DELETE /api/v1/dataset-versions/${v.id}`]: () =>
        apiError(409, "resource_in_use", "dataset version is used by 1 resource(s)", "req_dv1", {
          dependants: [
            {
              type: "fine_tuning_job",
              id: "ftj_9",
              name: "tune-support",
              project_id: "proj_1",
              href: "/api/v1/fine-tuning/jobs/ftj_9",
            },
          ],
        }),
    });
    const { user } = renderUi(<DatasetDetailPage />, at());
    await user.click(await screen.findByRole("button", { name: "Delete version v2" }));
    const dialog = await findDialog("Delete version v2");
    await user.type(within(dialog).getByLabelText("Type the name to confirm"), "v2");
    await user.click(within(dialog).getByRole("button", { name: "Delete" }));
    expect(await within(dialog).findByText(/used by 1 resource/)).toBeInTheDocument();
    expect(within(dialog).getByText("tune-support")).toBeInTheDocument();
    expect(within(dialog).getByText("ftj_9")).toBeInTheDocument();
    expect(dialog.querySelector('a[href^="/api/"]')).toBeNull();
  });
});
