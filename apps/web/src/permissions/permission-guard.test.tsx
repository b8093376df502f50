import { screen, waitFor } from "@testing-library/react";
import { Button } from "antd";
import { describe, expect, it } from "vitest";
import { Sidebar } from "../shell/sidebar";
import { fakeApi } from "../test/fake-api";
import { renderUi } from "../test/render";
import { PermissionGuard } from "./permission-guard";

function permissions(actions: Record<string, { allowed: boolean; reason?: string }>) {
  return fakeApi({
    "GET /api/v1/auth/permissions": () => ({
      body: { data: { project_id: "proj_1", tenant_id: "ten_1", actions } },
    }),
  });
}

describe("PermissionGuard", () => {
  it("enables an allowed action", async () => {
    const { requests } = permissions({ "project.delete": { allowed: true } });
    renderUi(
      <PermissionGuard action="project.delete" projectId="proj_1">
        <Button>Delete project</Button>
      </PermissionGuard>,
    );
    await waitFor(() => expect(screen.getByRole("button", { name: "Delete project" })).toBeEnabled());
    expect(requests[0]?.query.get("project_id")).toBe("proj_1");
  });

  it("locks a denied action and gives the server's reason on hover", async () => {
    permissions({
      "project.delete": { allowed: false, reason: "Only project owners can delete a project." },
    });
    const { user } = renderUi(
      <PermissionGuard action="project.delete" projectId="proj_1">
        <Button>Delete project</Button>
      </PermissionGuard>,
    );
    const button = await screen.findByRole("button", { name: "Delete project" });
    await waitFor(() => expect(screen.getByLabelText("Locked")).toBeInTheDocument());
    expect(button).toBeDisabled();
    await user.hover(screen.getByLabelText("Locked"));
    expect(await screen.findByRole("tooltip")).toHaveTextContent("Only project owners can delete a project.");
  });

  it("hides a denied action in hide mode, and treats an unknown action as denied", async () => {
    permissions({});
    renderUi(
      <div>
        <PermissionGuard action="project.delete" projectId="proj_1" mode="hide">
          <Button>Delete project</Button>
        </PermissionGuard>
        <span>rendered</span>
      </div>,
    );
    await screen.findByText("rendered");
    await waitFor(() =>
      expect(screen.queryByRole("button", { name: "Delete project" })).not.toBeInTheDocument(),
    );
  });
});

describe("Sidebar gating", () => {
  it("hides tenant audit and locks users when the caller may not use them", async () => {
    const { requests } = permissions({
      "project.list": { allowed: true },
      "tenant.user.list": { allowed: false, reason: "Tenant admins manage users." },
      "tenant.audit.list": { allowed: false },
    });
    renderUi(<Sidebar tenantId="ten_1" />, { route: "/t/ten_1/projects" });
    expect(await screen.findByRole("link", { name: "Projects" })).toHaveAttribute(
      "href",
      "/t/ten_1/projects",
    );
    await waitFor(() =>
      expect(screen.getByText(/Users & invitations/).closest("[data-locked-reason]")).toHaveAttribute(
        "data-locked-reason",
        "Tenant admins manage users.",
      ),
    );
    expect(screen.queryByRole("link", { name: "Users & invitations" })).not.toBeInTheDocument();
    expect(screen.queryByText("Audit logs")).not.toBeInTheDocument();
    expect(requests[0]?.query.get("tenant_id")).toBe("ten_1");
  });

  it("shows project navigation in Chinese inside a project", async () => {
    permissions({ "project.read": { allowed: true }, "project.audit.list": { allowed: true } });
    renderUi(<Sidebar tenantId="ten_1" projectId="proj_1" />, {
      route: "/t/ten_1/p/proj_1/dashboard",
      lang: "zh-CN",
    });
    expect(await screen.findByRole("link", { name: "设置" })).toHaveAttribute(
      "href",
      "/t/ten_1/p/proj_1/settings",
    );
    expect(screen.getByRole("link", { name: "审计日志" })).toHaveAttribute("href", "/t/ten_1/p/proj_1/audit");
    expect(screen.getByRole("link", { name: "看板" })).toBeInTheDocument();
  });
});
