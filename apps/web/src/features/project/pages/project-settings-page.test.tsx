import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { permissionsQueryKey } from "../../../permissions/use-permissions";
import { tenantKeys } from "../../../shared/tenancy";
import { findDialog } from "../../../test/dialogs";
import { apiError, fakeApi, type RecordedRequest } from "../../../test/fake-api";
import {
  allProjectActions,
  member,
  page,
  permissions,
  project,
  serviceAccount,
} from "../../../test/fixtures";
import { renderUi } from "../../../test/render";
import { ProjectSettingsPage } from "./project-settings-page";

const path = "/t/:tenantId/p/:projectId/settings";
/** The request the page's permissions query sends (for answers put in the cache up front). */
const projectScope = { query: new URLSearchParams({ project_id: "proj_1" }) } as RecordedRequest;

describe("ProjectSettingsPage", () => {
  it("shows the server's refusal to remove the last Owner", { timeout: 60_000 }, async () => {
    fakeApi({
      "GET /api/v1/auth/permissions": permissions(allProjectActions),
      "GET /api/v1/projects/proj_1": () => ({ body: { data: project() } }),
      "GET /api/v1/projects/proj_1/members": () => page([member()]),
      "DELETE /api/v1/projects/proj_1/members/usr_1": () =>
        apiError(
          409,
          "conflict",
          "a project keeps at least one Owner: make someone else Owner first",
          "req_own1",
        ),
    });
    const { user } = renderUi(<ProjectSettingsPage />, {
      route: "/t/ten_1/p/proj_1/settings?tab=members",
      path,
    });
    await user.click(await screen.findByRole("button", { name: "Remove member owner@x.io" }));
    const dialog = await findDialog("Remove owner@x.io from the project?");
    await user.click(within(dialog).getByRole("button", { name: "Remove" }));
    expect(
      await within(dialog).findByText("a project keeps at least one Owner: make someone else Owner first"),
    ).toBeInTheDocument();
    expect(within(dialog).getByText(/req_own1/)).toBeInTheDocument();
  });

  it("rotates a service account token, revoking the others, and shows it once", {
    timeout: 60_000,
  }, async () => {
    const { requests } = fakeApi({
      "GET /api/v1/auth/permissions": permissions(allProjectActions),
      "GET /api/v1/projects/proj_1": () => ({ body: { data: project() } }),
      "GET /api/v1/projects/proj_1/service-accounts": () => page([serviceAccount()]),
      "GET /api/v1/projects/proj_1/audit-events": () => page([]),
      "POST /api/v1/projects/proj_1/service-accounts/sa_1/tokens": () => ({
        status: 201,
        body: {
          data: {
            id: "sat_2",
            service_account_id: "sa_1",
            token: "infera_sat_secret",
            prefix: "infera_sat",
            revoked_token_ids: ["sat_1"],
            created_at: "2025-03-01T08:00:00.000Z",
          },
        },
      }),
    });
    const { user } = renderUi(<ProjectSettingsPage />, {
      route: "/t/ten_1/p/proj_1/settings?tab=service-accounts",
      path,
    });
    await user.click(await screen.findByRole("button", { name: "Issue or rotate a token for ci-bot" }));
    const dialog = await findDialog("New token for ci-bot");
    expect(within(dialog).getByRole("switch", { name: /revoke/ })).toBeChecked();
    await user.click(within(dialog).getByRole("button", { name: "Issue" }));
    const secret = await findDialog("Service account token");
    expect(within(secret).getByLabelText("Secret")).toHaveValue("infera_sat_secret");
    expect(within(secret).getByText("1 old token(s) revoked.")).toBeInTheDocument();
    expect(requests.find((r) => r.method === "POST")?.body).toEqual({ revoke_existing: true });
    expect(within(secret).getByRole("button", { name: "Done" })).toBeDisabled();
  });

  it("locks a viewer's writes with the reason and disables the service accounts tab", {
    timeout: 30_000,
  }, async () => {
    const reason = "requires project role Owner or tenant role Tenant Admin (you are Viewer)";
    const viewer = project({ role: "viewer" });
    const decisions = permissions(["project.read", "project.member.list", "project.policy.read"], {
      "project.update": reason,
      "project.delete": reason,
      "project.service_account.list": reason,
    });
    // The page's own two queries answer from the cache at once: no waiting on the network.
    const { requests } = fakeApi({
      "GET /api/v1/auth/permissions": decisions,
      "GET /api/v1/projects/proj_1": () => ({ body: { data: viewer } }),
    });
    const { user } = renderUi(<ProjectSettingsPage />, {
      route: "/t/ten_1/p/proj_1/settings",
      path,
      queryData: [
        [tenantKeys.project("proj_1"), viewer],
        [permissionsQueryKey("proj_1", "ten_1"), decisions(projectScope).body.data],
      ],
    });
    const save = screen.getByRole("button", { name: "Review changes" });
    expect(save).toBeDisabled();
    expect(save.closest("[data-locked-reason]")).toHaveAttribute("data-locked-reason", reason);
    expect(screen.getByRole("tab", { name: "Service accounts" })).toHaveAttribute("aria-disabled", "true");

    await user.click(screen.getByRole("tab", { name: "Danger zone" }));
    const del = await screen.findByRole("button", { name: "Delete this project" });
    expect(del).toBeDisabled();
    expect(del.closest("[data-locked-reason]")).toHaveAttribute("data-locked-reason", reason);
    expect(requests.filter((r) => r.method !== "GET")).toEqual([]);
  });
});
