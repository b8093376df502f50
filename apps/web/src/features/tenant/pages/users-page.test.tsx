import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { findDialog } from "../../../test/dialogs";
import { fakeApi } from "../../../test/fake-api";
import { allTenantActions, page, permissions, project, tenantUser } from "../../../test/fixtures";
import { findEnabledButton, renderUi } from "../../../test/render";
import { UsersPage } from "./users-page";

describe("UsersPage", () => {
  it("invites a deduplicated batch, warns about Finance, and shows the links once with the skipped ones", {
    timeout: 60_000,
  }, async () => {
    const { requests } = fakeApi({
      "GET /api/v1/auth/permissions": permissions(allTenantActions),
      "GET /api/v1/tenants/ten_1/users": () => page([tenantUser()]),
      "GET /api/v1/tenants/ten_1/projects": () => page([project()]),
      "GET /api/v1/tenants/ten_1/invitations": () => page([]),
      "GET /api/v1/tenants/ten_1/audit-events": () => page([]),
      "POST /api/v1/tenants/ten_1/invitations": () => ({
        status: 201,
        body: {
          data: [
            {
              id: "inv_1",
              tenant_id: "ten_1",
              email: "a@x.io",
              role: "finance",
              projects: [],
              status: "pending",
              invited_by: "usr_1",
              expires_at: "2025-03-04T08:00:00.000Z",
              accepted_at: null,
              created_at: "2025-03-01T08:00:00.000Z",
              token: "inv_secret_token",
              accept_url: "http://127.0.0.1:8080/invite/inv_secret_token",
            },
          ],
          skipped: [{ email: "owner@x.io", reason: "already a member of this tenant" }],
        },
      }),
    });
    const { user } = renderUi(<UsersPage />, { route: "/t/ten_1/users", path: "/t/:tenantId/users" });
    await user.click(await findEnabledButton(/Invite users/));
    const dialog = await findDialog("Invite users");
    await user.type(within(dialog).getByLabelText("Emails"), "A@x.io, owner@x.io{Enter}a@x.io");
    // The preview follows the typing; under a loaded CI machine it can land a few renders later.
    expect(
      await within(dialog).findByText(
        /2 address\(es\) will be invited\. Duplicates removed: a@x\.io/,
        {},
        { timeout: 10_000 },
      ),
    ).toBeInTheDocument();
    await user.click(within(dialog).getByRole("combobox", { name: "Tenant role" }));
    await user.click(await screen.findByTitle("Finance"));
    // The warning renders after the select closes; under load that can take more than one frame.
    expect(
      await within(dialog).findByText(/Finance sees aggregated billing and usage only/),
    ).toBeInTheDocument();
    await user.click(within(dialog).getByRole("button", { name: "Send invitations" }));
    const confirm = await findDialog("Send invitations?");
    await user.click(within(confirm).getByRole("button", { name: "Send invitations" }));
    const links = await findDialog("Invitation links (1)");
    expect(requests.find((r) => r.method === "POST")?.body).toEqual({
      emails: ["a@x.io", "owner@x.io"],
      role: "finance",
      projects: [],
    });
    expect(within(links).getByText("http://127.0.0.1:8080/invite/inv_secret_token")).toBeInTheDocument();
    expect(within(links).getByText(/owner@x\.io — already a member of this tenant/)).toBeInTheDocument();
    const done = within(links).getByRole("button", { name: "Done" });
    expect(done).toBeDisabled();
    await user.click(within(links).getByRole("checkbox", { name: "I have saved it" }));
    await user.click(done);
    expect(await screen.findByText("1 invitation(s) created")).toBeInTheDocument();
  });
});
