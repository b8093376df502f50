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
