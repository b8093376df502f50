import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { fakeApi } from "../../../test/fake-api";
import { page, permissions } from "../../../test/fixtures";
import { renderUi } from "../../../test/render";
import { model } from "../test/fixtures";
import { ModelsPage } from "./models-page";

const at = (query = "") => ({
  route: `/t/ten_1/p/proj_1/models${query}`,
  path: "/t/:tenantId/p/:projectId/models",
});
const system = model({
  id: "mdl_sys",
  name: "infera-tiny",
  owner_type: "platform",
  owner_id: null,
  tenant_id: null,
  project_id: null,
  visibility: "public",
  scope: "system",
  tags: [{ tag: "latest", version_id: "mv_sys1" }],
  latest_version_id: "mv_sys1",
  latest_version: {
    id: "mv_sys1",
    artifact_type: "full",
    format: "gguf",
    size: 8_400_000,
    parameter_count: 1_050_000,
    context_length: 2048,
    quantization: "F32",
    created_at: "2025-03-01T08:00:00.000Z",
  },
  version_count: 1,
});
const own = model({
  tags: [{ tag: "prod", version_id: "mv_7" }],
  latest_version_id: "mv_7",
  version_count: 2,
});

describe("ModelsPage", () => {
  it("lists the available models with their source, and each tab asks for its own scope", {
    timeout: 60_000,
  }, async () => {
    const { requests } = fakeApi({
      "GET /api/v1/auth/permissions": permissions([
        "model.create",
        "model.tag.update",
        "model.version.create",
      ]),
      "GET /api/v1/projects/proj_1/models": (req) => {
        const scope = req.query.get("scope");
        if (scope === "system") return page([system]);
        if (scope === "project" || scope === "tenant") return page([]);
        return page([system, own]);
      },
    });
    const { user } = renderUi(<ModelsPage />, at());
    expect(await screen.findByRole("heading", { name: "Models", level: 1 })).toBeInTheDocument();
    const table = await screen.findByRole("table", { name: "Models" });
    await within(table).findByRole("link", { name: "qwen-support" });
    const sysRow = within(table).getByRole("link", { name: "infera-tiny" }).closest("tr") as HTMLElement;
    expect(sysRow.querySelector("[data-scope=system]")).not.toBeNull();
    // Parameters and context of the newest version, from its metadata; "—" without a version.
    expect(within(sysRow).getByText("1.1M / 2.0K")).toBeInTheDocument();
    const ownRow = within(table).getByRole("link", { name: "qwen-support" }).closest("tr") as HTMLElement;
    expect(within(ownRow).getAllByText("—").length).toBeGreaterThan(0);
    // Only the project's own model takes versions and tags from here.
    expect(within(sysRow).queryByRole("button", { name: /Upload new version/ })).toBeNull();
    expect(screen.getByRole("button", { name: "Upload new version of qwen-support" })).toBeInTheDocument();
    expect(requests.find((r) => r.path === "/api/v1/projects/proj_1/models")?.query.get("scope")).toBeNull();

    await user.click(screen.getByRole("tab", { name: "System models" }));
    await within(await screen.findByRole("table", { name: "Models" })).findByRole("link", {
      name: "infera-tiny",
    });
    expect(requests.some((r) => r.query.get("scope") === "system")).toBe(true);

    await user.click(screen.getByRole("tab", { name: "Tenant models" }));
    expect(
      await screen.findByText(
        "No tenant models yet. Upload a private model, or share one from another project.",
      ),
    ).toBeInTheDocument();
    expect(requests.some((r) => r.query.get("scope") === "project")).toBe(true);
    // The owner switch: models other projects share in the tenant.
    await user.click(screen.getByText("Shared by other projects"));
    await screen.findByText(
      "No tenant models yet. Upload a private model, or share one from another project.",
    );
    expect(requests.some((r) => r.query.get("scope") === "tenant")).toBe(true);
  });

  it("shows the empty state with the upload and a way to the system models", {
    timeout: 60_000,
  }, async () => {
    fakeApi({
      "GET /api/v1/auth/permissions": permissions(["model.create"]),
      "GET /api/v1/projects/proj_1/models": (req) =>
        req.query.get("scope") === "system" ? page([system]) : page([]),
    });
    const { user } = renderUi(<ModelsPage />, at());
    expect(
      await screen.findByText(
        "No models available yet. Upload a private model or pick a system model to deploy.",
      ),
    ).toBeInTheDocument();
    // The header's upload and the empty state's.
    expect(screen.getAllByRole("button", { name: /Upload model$/ })).toHaveLength(2);
    await user.click(screen.getByRole("button", { name: "Browse system models" }));
    expect(screen.getByRole("tab", { name: "System models", selected: true })).toBeInTheDocument();
    await within(await screen.findByRole("table", { name: "Models" })).findByRole("link", {
      name: "infera-tiny",
    });
  });

  it("keeps the upload from someone who may not create models", { timeout: 60_000 }, async () => {
    fakeApi({
      "GET /api/v1/auth/permissions": permissions([], { "model.create": "viewers cannot create models" }),
      "GET /api/v1/projects/proj_1/models": () => page([own]),
    });
    renderUi(<ModelsPage />, at());
    await within(await screen.findByRole("table", { name: "Models" })).findByRole("link", {
      name: "qwen-support",
    });
    expect(screen.getByRole("button", { name: /Upload model$/ })).toBeDisabled();
    expect(screen.queryByRole("button", { name: "Upload new version of qwen-support" })).toBeNull();
  });
});
