import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { findDialog } from "../../../test/dialogs";
import { fakeApi } from "../../../test/fake-api";
import { allTenantActions, auditEvent, page, permissions, project } from "../../../test/fixtures";
import { findEnabledButton, renderUi } from "../../../test/render";
import { AuditPage } from "./audit-page";

describe("AuditPage", () => {
  it("opens an event's drawer with its resource id and the before/after diff", {
    timeout: 60_000,
  }, async () => {
    const { requests } = fakeApi({
      "GET /api/v1/auth/permissions": permissions(allTenantActions),
      "GET /api/v1/tenants/ten_1/projects": () => page([project()]),
      "GET /api/v1/tenants/ten_1/audit-events": () => page([auditEvent()]),
      "GET /api/v1/audit-events/aud_1": () => ({ body: { data: auditEvent() } }),
    });
    const { user } = renderUi(<AuditPage scope="tenant" />, {
      route: "/t/ten_1/audit",
      path: "/t/:tenantId/audit",
    });
    await user.click(await findEnabledButton("Details of event project.update"));
    const drawer = await findDialog("Audit event");
    expect(await within(drawer).findByText("Mozilla/5.0")).toBeInTheDocument();
    expect(within(drawer).getByRole("row", { name: "Changed name" })).toHaveTextContent('"chat-v2"');
    expect(within(drawer).getByText("proj_1", { selector: "span" })).toBeInTheDocument();
    expect(requests.some((r) => r.path === "/api/v1/audit-events/aud_1")).toBe(true);
  });

  it("verifies the chain and shows the first broken link", { timeout: 60_000 }, async () => {
    fakeApi({
      "GET /api/v1/auth/permissions": permissions(allTenantActions),
      "GET /api/v1/tenants/ten_1/projects": () => page([project()]),
      "GET /api/v1/tenants/ten_1/audit-events": () => page([auditEvent()]),
      "GET /api/v1/tenants/ten_1/audit-events/verify": () => ({
        body: {
          data: {
            tenant_id: "ten_1",
            intact: false,
            checked: 12,
            first_broken: { event_id: "aud_5", chain_seq: 5, reason: "hash does not match the event" },
          },
        },
      }),
    });
    const { user } = renderUi(<AuditPage scope="tenant" />, {
      route: "/t/ten_1/audit",
      path: "/t/:tenantId/audit",
    });
    await user.click(await findEnabledButton(/Verify chain/));
    expect(await screen.findByText("The hash chain is broken (12 events checked).")).toBeInTheDocument();
    expect(
      screen.getByText("First broken link: sequence 5, event aud_5: hash does not match the event"),
    ).toBeInTheDocument();
  });

  it("filters the project audit by a resource-type quick filter", { timeout: 60_000 }, async () => {
    const { requests } = fakeApi({
      "GET /api/v1/auth/permissions": permissions(["project.audit.list"]),
      "GET /api/v1/projects/proj_1/audit-events": () => page([auditEvent()]),
    });
    const { user } = renderUi(<AuditPage scope="project" />, {
      route: "/t/ten_1/p/proj_1/audit",
      path: "/t/:tenantId/p/:projectId/audit",
    });
    await screen.findByRole("button", { name: "Details of event project.update" });
    await user.click(screen.getByText("Members"));
    await screen.findByRole("button", { name: "Details of event project.update" });
    expect(
      requests.some(
        (r) =>
          r.path === "/api/v1/projects/proj_1/audit-events" && r.query.get("action") === "project.member.",
      ),
    ).toBe(true);
  });
});
