import { screen, waitFor } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { fakeApi } from "../../../test/fake-api";
import { page, permissions } from "../../../test/fixtures";
import { renderUi } from "../../../test/render";
import { dataset } from "../test/fixtures";
import UploadDatasetWizard from "./upload-dataset-wizard";

const at = { route: "/t/ten_1/p/proj_1/datasets", path: "/t/:tenantId/p/:projectId/datasets" };

describe("dataset upload wizard", () => {
  it("removes the dataset it created in step 1 when left without a version", {
    timeout: 60_000,
  }, async () => {
    const made = dataset({ id: "ds_new", name: "support-chats", latest_version_id: null, version_count: 0 });
    const { requests } = fakeApi({
      "GET /api/v1/auth/permissions": permissions(["dataset.create", "dataset.version.create"]),
      "GET /api/v1/projects/proj_1/datasets": () => page([]),
      "POST /api/v1/projects/proj_1/datasets": () => ({ status: 201, body: { data: made } }),
      "DELETE /api/v1/datasets/ds_new": () => ({ status: 204 }),
    });
    const onClose = vi.fn();
    const { user } = renderUi(
      <UploadDatasetWizard tenantId="ten_1" projectId="proj_1" onClose={onClose} onCreated={() => {}} />,
      at,
    );
    await user.type(await screen.findByLabelText("Dataset name"), "support-chats");
    await user.click(screen.getByRole("button", { name: "Next" }));
    await waitFor(() => expect(requests.some((r) => r.method === "POST")).toBe(true));
    await user.click(await screen.findByRole("button", { name: "Cancel" }));
    expect(onClose).toHaveBeenCalled();
    await waitFor(() =>
      expect(requests.some((r) => r.method === "DELETE" && r.path === "/api/v1/datasets/ds_new")).toBe(true),
    );
  });

  it("continues an empty dataset of the same name instead of refusing the name as taken", {
    timeout: 60_000,
  }, async () => {
    const left = dataset({ id: "ds_left", name: "Support-Chats", latest_version_id: null, version_count: 0 });
    const conflict = {
      status: 409,
      body: {
        error: {
          code: "conflict",
          message: 'a dataset named "support-chats" already exists',
          request_id: "req_1",
        },
      },
    };
    const { requests } = fakeApi({
      "GET /api/v1/auth/permissions": permissions(["dataset.create", "dataset.version.create"]),
      "GET /api/v1/projects/proj_1/datasets": () => page([left]),
      "POST /api/v1/projects/proj_1/datasets": () => conflict,
      "DELETE /api/v1/datasets/ds_left": () => ({ status: 204 }),
    });
    const onClose = vi.fn();
    const { user } = renderUi(
      <UploadDatasetWizard tenantId="ten_1" projectId="proj_1" onClose={onClose} onCreated={() => {}} />,
      at,
    );
    await user.type(await screen.findByLabelText("Dataset name"), "support-chats");
    await user.click(screen.getByRole("button", { name: "Next" }));
    // On to the files step, with a note instead of the conflict, and no "created" toast.
    await waitFor(() => expect(document.querySelector("[data-step=files]")).not.toHaveAttribute("hidden"));
    expect(
      await screen.findByText(
        "Support-Chats already exists without versions: this upload becomes its first version",
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(/Dataset .* created/)).not.toBeInTheDocument();
    // Not made by this wizard: cancelling leaves it for the next upload.
    await user.click(screen.getByRole("button", { name: "Cancel" }));
    expect(onClose).toHaveBeenCalled();
    expect(requests.some((r) => r.method === "DELETE")).toBe(false);
  });

  it("still refuses the name of a dataset that has versions", { timeout: 60_000 }, async () => {
    fakeApi({
      "GET /api/v1/auth/permissions": permissions(["dataset.create", "dataset.version.create"]),
      "GET /api/v1/projects/proj_1/datasets": () => page([dataset({ name: "support" })]),
      "POST /api/v1/projects/proj_1/datasets": () => ({
        status: 409,
        body: {
          error: {
            code: "conflict",
            message: 'a dataset named "support" already exists',
            request_id: "req_1",
          },
        },
      }),
    });
    const { user } = renderUi(
      <UploadDatasetWizard tenantId="ten_1" projectId="proj_1" onClose={() => {}} onCreated={() => {}} />,
      at,
    );
    await user.type(await screen.findByLabelText("Dataset name"), "support");
    await user.click(screen.getByRole("button", { name: "Next" }));
    expect(await screen.findByText(/already exists/)).toBeInTheDocument();
    expect(document.querySelector("[data-step=files]")).toHaveAttribute("hidden");
    expect(document.querySelector("[data-step=dataset]")).not.toHaveAttribute("hidden");
  });

  it("leaves an existing dataset alone when cancelled", { timeout: 60_000 }, async () => {
    const { requests } = fakeApi({
      "GET /api/v1/auth/permissions": permissions(["dataset.version.create"]),
      "GET /api/v1/projects/proj_1/datasets": () => page([dataset()]),
    });
    const onClose = vi.fn();
    const { user } = renderUi(
      <UploadDatasetWizard
        tenantId="ten_1"
        projectId="proj_1"
        dataset={{ id: "ds_1", name: "support" }}
        onClose={onClose}
        onCreated={() => {}}
      />,
      at,
    );
    await user.click(await screen.findByRole("button", { name: "Cancel" }));
    expect(onClose).toHaveBeenCalled();
    expect(requests.some((r) => r.method === "DELETE")).toBe(false);
  });
});
