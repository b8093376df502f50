import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { findDialog } from "../../../test/dialogs";
import { apiError, fakeApi } from "../../../test/fake-api";
import { permissions } from "../../../test/fixtures";
import { renderUi } from "../../../test/render";
import { fineTuneJob, fineTuneTemplate } from "../test/fixtures";
import { SaveTemplateDialog } from "./save-template-dialog";

const job = fineTuneJob();

function renderDialog() {
  let closed = 0;
  const view = renderUi(
    <SaveTemplateDialog
      open
      tenantId="ten_1"
      projectId="proj_1"
      config={job.config}
      onClose={() => {
        closed += 1;
      }}
    />,
  );
  return { ...view, closed: () => closed };
}

describe("SaveTemplateDialog (Save as template)", () => {
  it("saves the job's configuration without its name, under the name and description given", {
    timeout: 30_000,
  }, async () => {
    const { requests } = fakeApi({
      "GET /api/v1/auth/permissions": permissions(["fine_tuning.template.create"]),
      "POST /api/v1/projects/proj_1/fine-tuning/templates": (req) => ({
        status: 201,
        body: { data: fineTuneTemplate({ name: (req.body as { name: string }).name }) },
        headers: { "X-Audit-Event-Id": "ae_1" },
      }),
    });
    const { user, closed } = renderDialog();
    const dialog = await findDialog("Save the configuration as a template");
    // A name is required (2–64 characters) before anything is sent.
    await user.click(within(dialog).getByRole("button", { name: "Save" }));
    expect(
      await within(dialog).findByText("Give the template a name of 2 to 64 characters"),
    ).toBeInTheDocument();
    expect(requests.filter((r) => r.method === "POST")).toHaveLength(0);

    fireEvent.change(within(dialog).getByLabelText("Name"), { target: { value: "  support baseline " } });
    fireEvent.change(within(dialog).getByLabelText("Description"), { target: { value: "rank 8" } });
    await user.click(within(dialog).getByRole("button", { name: "Save" }));
    await waitFor(() => expect(closed()).toBe(1));
    const post = requests.find((r) => r.method === "POST");
    const { name: _, ...config } = job.config;
    expect(post?.body).toEqual({ name: "support baseline", description: "rank 8", config });
    expect(await screen.findByText("Template support baseline saved")).toBeInTheDocument();
  });

  it("shows the server's refusal of a taken name in place and stays open", { timeout: 30_000 }, async () => {
    fakeApi({
      "GET /api/v1/auth/permissions": permissions(["fine_tuning.template.create"]),
      "POST /api/v1/projects/proj_1/fine-tuning/templates": () =>
        apiError(
          409,
          "conflict",
          'a fine-tuning template named "taken" already exists in this project',
          "req_9",
          {
            field: "name",
            reason: "template_name_taken",
          },
        ),
    });
    const { user, closed } = renderDialog();
    const dialog = await findDialog("Save the configuration as a template");
    fireEvent.change(within(dialog).getByLabelText("Name"), { target: { value: "taken" } });
    await user.click(within(dialog).getByRole("button", { name: "Save" }));
    expect(
      await within(dialog).findByText(/a fine-tuning template named "taken" already exists/),
    ).toBeInTheDocument();
    expect(closed()).toBe(0);
  });
});
