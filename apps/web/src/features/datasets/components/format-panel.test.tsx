import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { type StartUpload, UploaderContext } from "../../../lib/uploads/uploader";
import { findSelectPopup } from "../../../test/dialogs";
import { fakeApi } from "../../../test/fake-api";
import { page, permissions } from "../../../test/fixtures";
import { renderUi } from "../../../test/render";
import { dataset, datasetVersion, validation } from "../test/fixtures";
import type { DatasetValidation } from "../types";
import UploadDatasetWizard from "./upload-dataset-wizard";

const at = { route: "/t/ten_1/p/proj_1/datasets", path: "/t/:tenantId/p/:projectId/datasets" };

/** A CSV whose columns need a mapping: what the dry run answers before and after one is given. */
const bare: DatasetValidation = validation({
  valid: false,
  format: null,
  shape: null,
  mapping: null,
  rows: { total: 2, valid: 0, invalid: 2, blank: 0 },
  files: [{ index: 0, name: "qa.csv", lines: 2, container: "csv" }],
  columns: ["question", "answer", "source"],
  errors: [1, 2].map((line) => ({
    line,
    file: 0,
    file_name: "qa.csv",
    file_line: line + 1,
    index: null,
    container: "csv" as const,
    column: null,
    code: "unknown_format" as const,
    message: "record has none of the fields of a known shape",
  })),
  errors_truncated: false,
  token_stats: null,
  report_href: "/api/v1/dataset-validation-runs/dsvr_1/report",
});
const mapping = { prompt: "question", completion: "answer" };
const mapped: DatasetValidation = validation({
  validation_run_id: "dsvr_2",
  valid: true,
  format: "prompt_completion",
  shape: "prompt_completion",
  mapping,
  rows: { total: 2, valid: 2, invalid: 0, blank: 0 },
  files: [{ index: 0, name: "qa.csv", lines: 2, container: "csv" }],
  columns: ["question", "answer", "source"],
  errors: [],
  errors_truncated: false,
  report_href: null,
  report_sha256: null,
  preview: [
    {
      line: 1,
      file_name: "qa.csv",
      file_line: 2,
      value: { source: "math", prompt: "What is 2+2?", completion: "4" },
      normalized: { prompt: "What is 2+2?", completion: "4" },
    },
  ],
});

const next = () => screen.getByRole("button", { name: "Next" });
const onStep = (key: string) =>
  waitFor(() => expect(document.querySelector(`[data-step=${key}]`)).not.toHaveAttribute("hidden"));
const pick = async (user: ReturnType<typeof renderUi>["user"], combobox: string, option: string) => {
  // By label, not by role: role queries walk the whole (large) wizard for accessible names.
  const box = screen.getByLabelText(combobox);
  await user.click(box);
  await user.click(within(await findSelectPopup(box)).getByTitle(option));
};

describe("dataset wizard: the format step", () => {
  // Several Ant Design selects on two loaded cores: a bound with room, like the other wizard tests.
  it("shows how the files were read, lets the shape and mapping change, validates again and creates with them", {
    timeout: 150_000,
  }, async () => {
    const { requests } = fakeApi({
      "GET /api/v1/auth/permissions": permissions(["dataset.version.create"]),
      "GET /api/v1/projects/proj_1/datasets": () => page([dataset()]),
      "POST /api/v1/datasets/ds_1/versions/validate": (req) => ({
        body: { data: (req.body as { mapping?: unknown }).mapping ? mapped : bare },
      }),
      "POST /api/v1/datasets/ds_1/versions": () => ({
        status: 201,
        body: { data: datasetVersion({ shape: "prompt_completion", format: "prompt_completion", mapping }) },
      }),
    });
    const done: ((id: string) => void)[] = [];
    const start: StartUpload = (_file, _project, callbacks) => {
      done.push((id) => callbacks.onSuccess(id));
      return { pause: vi.fn(), resume: vi.fn(), cancel: vi.fn() };
    };
    const { user } = renderUi(
      <UploaderContext.Provider value={start}>
        <UploadDatasetWizard
          tenantId="ten_1"
          projectId="proj_1"
          dataset={{ id: "ds_1", name: "support-chats" }}
          onClose={() => {}}
        />
      </UploaderContext.Provider>,
      at,
    );
    await waitFor(() =>
      expect(requests.some((r) => r.path === "/api/v1/projects/proj_1/datasets")).toBe(true),
    );
    await user.click(next());
    await onStep("files");
    const input = document.querySelector<HTMLInputElement>("input[type=file]");
    fireEvent.change(input!, { target: { files: [new File(["question,answer\n"], "qa.csv")] } });
    await waitFor(() => expect(done).toHaveLength(1));
    done[0]!("upl_1");
    await screen.findByText(/Done/);
    await user.click(next());
    await onStep("report");

    // Read without a mapping: the container, the columns and the way forward.
    expect(
      await screen.findByText(/No record has the fields of a known shape: choose a shape and map/),
    ).toBeInTheDocument();
    const files = screen.getByLabelText("Files and containers");
    expect(files).toHaveTextContent("qa.csv");
    expect(files).toHaveTextContent("CSV");
    expect(screen.getByText("Columns in the files: question, answer, source")).toBeInTheDocument();
    expect(screen.getByText("No valid record to preview.")).toBeInTheDocument();

    await pick(user, "Record shape", "Prompt / completion (prompt_completion)");
    await user.click(screen.getByRole("button", { name: /Add a mapping/ }));
    await pick(user, "Target field of mapping 1", "prompt");
    await pick(user, "Source column of mapping 1", "question");
    await user.click(screen.getByRole("button", { name: /Add a mapping/ }));
    await pick(user, "Target field of mapping 2", "completion");
    await pick(user, "Source column of mapping 2", "answer");
    const changed = "The shape or mapping changed: validate again to see the result.";
    expect(screen.getAllByText(changed)).toHaveLength(1);
    // The report on screen is not what the version would be made with: the step waits, saying so.
    await user.click(next());
    await waitFor(() => expect(screen.getAllByText(changed)).toHaveLength(2));
    await onStep("report");

    await user.click(screen.getByRole("button", { name: /Validate again with these settings/ }));
    const table = await screen.findByLabelText("Mapped records");
    expect(within(table).getByText("qa.csv:2")).toBeInTheDocument();
    expect(table).toHaveTextContent('"source": "math"');
    expect(table).toHaveTextContent('"completion": "4"');
    expect(
      screen.getByText("Recognized as Prompt / completion, read as prompt_completion records"),
    ).toBeInTheDocument();
    const sent = requests
      .filter((r) => r.path === "/api/v1/datasets/ds_1/versions/validate")
      .map((r) => r.body);
    expect(sent).toEqual([
      { files: [{ upload_id: "upl_1" }] },
      { files: [{ upload_id: "upl_1" }], shape: "prompt_completion", mapping },
    ]);

    await user.click(next());
    await onStep("__review");
    expect(screen.getByText("prompt ← question, completion ← answer")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Create version" }));
    await waitFor(() =>
      expect(
        requests.find((r) => r.method === "POST" && r.path === "/api/v1/datasets/ds_1/versions")?.body,
      ).toEqual({
        files: [{ upload_id: "upl_1" }],
        shape: "prompt_completion",
        mapping,
        keep_valid_only: false,
      }),
    );
  });
});
