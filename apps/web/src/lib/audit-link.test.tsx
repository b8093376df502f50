import { screen } from "@testing-library/react";
import { useNavigate } from "react-router";
import { describe, expect, it } from "vitest";
import { fakeApi } from "../test/fake-api";
import { auditEvent, page } from "../test/fixtures";
import { renderUi } from "../test/render";
import { AuditRecordLink, type AuditTarget, auditHref } from "./audit-link";
import { audited } from "./client";

function Link({ target }: { target: AuditTarget }) {
  return <AuditRecordLink target={target} navigate={useNavigate()} />;
}

const target: AuditTarget = { tenantId: "ten_1", resourceId: "proj_1", action: "project.delete" };

describe("audit record links", () => {
  it("collects X-Audit-Event-Id per write, each write on its own", async () => {
    fakeApi({
      "DELETE /api/v1/tenants/ten_1/users/:id": (req) => ({
        status: 204,
        headers: { "X-Audit-Event-Id": req.path.endsWith("usr_1") ? "aud_1, aud_2" : "aud_3" },
      }),
      "PATCH /api/v1/tenants/ten_1/users/:id": () => ({ status: 400, body: { error: { code: "x" } } }),
    });
    const [ok, other] = await Promise.all([
      audited((c) => c.tenantUsers.remove("ten_1", "usr_1")),
      audited((c) => c.tenantUsers.remove("ten_1", "usr_2")),
    ]);
    expect(ok.auditEventIds).toEqual(["aud_1", "aud_2"]);
    expect(other.auditEventIds).toEqual(["aud_3"]);
    await expect(
      audited((c) => c.tenantUsers.update("ten_1", "usr_1", { role: "member" })),
    ).rejects.toThrow();
  });

  it("opens the event the write named; several open the first among the action's others", () => {
    expect(auditHref(target, ["aud_1"])).toBe("/t/ten_1/audit?event=aud_1");
    expect(auditHref({ ...target, projectId: "proj_2" }, ["aud_1", "aud_2"])).toBe(
      "/t/ten_1/p/proj_2/audit?event=aud_1&action=project.delete",
    );
    expect(auditHref(target)).toBe("/t/ten_1/audit?resource_id=proj_1&action=project.delete");
  });

  it("links the named event without asking the server", async () => {
    const { requests } = fakeApi({});
    renderUi(<Link target={{ ...target, eventIds: ["aud_9"] }} />);
    expect(await screen.findByRole("link", { name: "View audit record" })).toHaveAttribute(
      "href",
      "/t/ten_1/audit?event=aud_9",
    );
    expect(requests).toHaveLength(0);
  });

  it("without the header, looks up the newest event of the resource and action", async () => {
    const { requests } = fakeApi({
      "GET /api/v1/tenants/ten_1/audit-events": () => page([auditEvent({ id: "aud_found" })]),
    });
    renderUi(<Link target={target} />);
    const link = await screen.findByRole("link", { name: "View audit record" });
    await expect.poll(() => link.getAttribute("href")).toBe("/t/ten_1/audit?event=aud_found");
    expect(requests[0]?.query.get("resource_id")).toBe("proj_1");
    expect(requests[0]?.query.get("action")).toBe("project.delete");
  });
});
