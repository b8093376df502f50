import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { findDialog } from "../../../test/dialogs";
import { apiError, fakeApi } from "../../../test/fake-api";
import {
  allProjectActions,
  allTenantActions,
  page,
  permissions,
  project,
  tenantUser,
} from "../../../test/fixtures";
import { findEnabledButton, renderUi } from "../../../test/render";
import { ProjectsPage } from "./projects-page";

const at = { route: "/t/ten_1/projects", path: "/t/:tenantId/projects" };

describe("ProjectsPage", () => {
  it("creates a project through review, warns about Prod, and links the toast to its audit record", {
    timeout: 60_000,
  }, async () => {
    const created = project({ id: "proj_9", name: "search", env: "prod" });
    const { requests } = fakeApi({
      "GET /api/v1/auth/permissions": permissions([...allTenantActions, ...allProjectActions]),
      "GET /api/v1/tenants/ten_1/projects": (req) =>
        req.query.get("q") ? page([project({ name: "chat" })]) : page([project()]),
      "GET /api/v1/tenants/ten_1/users": () => page([tenantUser()]),
      "POST /api/v1/tenants/ten_1/projects": () => ({
        status: 201,
        body: { data: created },
        headers: { "X-Audit-Event-Id": "aud_created" },
      }),
    });
    const { user } = renderUi(<ProjectsPage />, at);
    expect(await screen.findByRole("link", { name: "chat" })).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: /Create project/ }));
    const dialog = await findDialog("Create project");
    await user.type(within(dialog).getByLabelText("Project name"), "search");
    await user.click(within(dialog).getByText("Prod"));
    expect(within(dialog).getByText(/Prod projects get stricter policies/)).toBeInTheDocument();
    await user.click(within(dialog).getByRole("button", { name: "Next: review" }));
    const review = await findDialog("Review the new project");
    expect(within(review).getByRole("row", { name: /Added name/ })).toBeInTheDocument();
    await user.click(within(review).getByRole("button", { name: "Apply changes" }));
    expect(await screen.findByText("Project search created")).toBeInTheDocument();
    const post = requests.find((r) => r.method === "POST");
    expect(post?.body).toEqual({ name: "search", env: "prod", description: "", members: [] });
    expect(post?.headers.get("x-csrf-token")).toBeNull();
    // Straight to the record the response named: no lookup by resource and action.
    expect(screen.getByRole("link", { name: "View audit record" })).toHaveAttribute(
      "href",
      "/t/ten_1/p/proj_9/audit?event=aud_created",
    );
    expect(requests.some((r) => r.path.endsWith("/audit-events"))).toBe(false);
  });

  it("shows the server's 409 on the name field and that the name is taken while typing", {
    timeout: 60_000,
  }, async () => {
    fakeApi({
      "GET /api/v1/auth/permissions": permissions([...allTenantActions, ...allProjectActions]),
      "GET /api/v1/tenants/ten_1/projects": (req) =>
        req.query.get("q") === "Chat" ? page([project({ name: "chat" })]) : page([project()]),
      "GET /api/v1/tenants/ten_1/users": () => page([tenantUser()]),
      "POST /api/v1/tenants/ten_1/projects": () =>
        apiError(409, "conflict", 'a project named "hidden" already exists in this tenant'),
    });
    const { user } = renderUi(<ProjectsPage />, at);
    await user.click(await findEnabledButton(/Create project/));
    const dialog = await findDialog("Create project");
    const name = within(dialog).getByLabelText("Project name");
    await user.type(name, "Chat");
    expect(await within(dialog).findByText('A project named "Chat" already exists')).toBeInTheDocument();
    await user.clear(name);
    await user.type(name, "hidden");
    await waitFor(() => expect(within(dialog).queryByText(/already exists/)).not.toBeInTheDocument());
    await user.click(within(dialog).getByRole("button", { name: "Next: review" }));
    await user.click(await findEnabledButton("Apply changes"));
    expect(
      await within(dialog).findByText('a project named "hidden" already exists in this tenant'),
    ).toBeInTheDocument();
  });

  it("lists what a project still holds when its delete is refused, with links", {
    timeout: 60_000,
  }, async () => {
    fakeApi({
      "GET /api/v1/auth/permissions": permissions([...allTenantActions, ...allProjectActions]),
      "GET /api/v1/tenants/ten_1/projects": () => page([project()]),
      "DELETE /api/v1/projects/proj_1": () =>
        apiError(409, "resource_in_use", 'project "chat" still holds 1 resource(s)', "req_del1", {
          dependants: [
            {
              type: "service_account",
              id: "sa_1",
              name: "ci-bot",
              project_id: "proj_1",
              href: "/api/v1/projects/proj_1/service-accounts/sa_1",
            },
            {
              type: "gpu_reservation",
              id: "gpr_7",
              name: "nightly",
              project_id: "proj_1",
              href: "/api/v1/projects/proj_1/gpu-reservations/gpr_7",
            },
          ],
        }),
    });
    const { user } = renderUi(<ProjectsPage />, at);
    await user.click(await findEnabledButton("Delete project chat"));
    const dialog = await findDialog("Delete project chat");
    await user.type(within(dialog).getByLabelText("Type the name to confirm"), "chat");
    await user.click(within(dialog).getByRole("button", { name: "Delete" }));
    expect(await within(dialog).findByText(/still holds 1 resource/)).toBeInTheDocument();
    expect(within(dialog).getByText(/req_del1/)).toBeInTheDocument();
    expect(within(dialog).getByRole("link", { name: "ci-bot" })).toHaveAttribute(
      "href",
      "/t/ten_1/p/proj_1/settings?tab=service-accounts",
    );
    expect(within(dialog).getByText("Service account")).toBeInTheDocument();
    // A type the console has no page for: its type, name and id, and never the API path as a link.
    expect(within(dialog).queryByRole("link", { name: "nightly" })).toBeNull();
    expect(within(dialog).getByText("nightly")).toBeInTheDocument();
    expect(within(dialog).getByText("gpu_reservation")).toBeInTheDocument();
    expect(within(dialog).getByText("gpr_7")).toBeInTheDocument();
    expect(dialog.querySelector('a[href^="/api/"]')).toBeNull();
    expect(within(dialog).getByRole("checkbox", { name: /cascade/ })).toBeInTheDocument();
  });

  it("shows a viewer the create and delete buttons locked, with the reason", {
    timeout: 60_000,
  }, async () => {
    fakeApi({
      "GET /api/v1/auth/permissions": permissions(["project.list", "project.read"], {
        "project.create": "requires tenant role Tenant Admin (you are Member)",
        "project.delete": "requires project role Owner (you are Viewer)",
      }),
      "GET /api/v1/tenants/ten_1/projects": () => page([project({ role: "viewer" })]),
    });
    renderUi(<ProjectsPage />, at);
    await waitFor(() =>
      expect(
        screen.getByRole("button", { name: /Create project/ }).closest("[data-locked-reason]"),
      ).toHaveAttribute("data-locked-reason", "requires tenant role Tenant Admin (you are Member)"),
    );
    expect(screen.getByRole("button", { name: /Create project/ })).toBeDisabled();
    await waitFor(() =>
      expect(
        screen.getByRole("button", { name: "Delete project chat" }).closest("[data-locked-reason]"),
      ).toHaveAttribute("data-locked-reason", "requires project role Owner (you are Viewer)"),
    );
    expect(screen.getByRole("button", { name: "Delete project chat" })).toBeDisabled();
  });
});
