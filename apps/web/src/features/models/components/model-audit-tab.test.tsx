import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { fakeApi } from "../../../test/fake-api";
import { auditEvent, page } from "../../../test/fixtures";
import { renderUi } from "../../../test/render";
import { model, modelVersion } from "../test/fixtures";
import { ModelAuditTab } from "./model-audit-tab";

describe("ModelAuditTab", () => {
  it("lists the model's and its tags' events with a forced move's reason, and a picked version's own", {
    timeout: 60_000,
  }, async () => {
    const { requests } = fakeApi({
      "GET /api/v1/models/mdl_1/versions": () => page([modelVersion({ id: "mv_2" }), modelVersion()]),
      "GET /api/v1/projects/proj_1/audit-events": (req) =>
        req.query.get("resource_id") === "mv_2"
          ? page([
              auditEvent({
                id: "aud_v",
                action: "model.version.create",
                resource_type: "model_version",
                resource_id: "mv_2",
              }),
            ])
          : page([
              auditEvent({
                id: "aud_t",
                action: "model.tag.update",
                resource_type: "model_tag",
                resource_id: "mdl_1:prod",
                before: null,
                after: { forced: true, reason: "evaluation runs after launch" },
              }),
            ]),
    });
    const { user } = renderUi(
      <ModelAuditTab model={model()} projectId="proj_1" auditPath="/t/ten_1/p/proj_1/audit" />,
    );
    const list = await screen.findByRole("region", { name: "Audit events of this model" });
    expect(await within(list).findByText("model.tag.update")).toBeInTheDocument();
    expect(list).toHaveTextContent("“evaluation runs after launch”");
    expect(within(list).getByRole("link", { name: /model\.tag\.update/ })).toHaveAttribute(
      "href",
      "/t/ten_1/p/proj_1/audit?event=aud_t",
    );
    const first = requests.find((r) => r.path.endsWith("/audit-events"));
    expect(first?.query.get("q")).toBe("mdl_1");
    expect(first?.query.get("action")).toBe("model.");

    await user.click(screen.getByRole("combobox", { name: "Events of" }));
    await user.click(await screen.findByTitle("mv_2 · safetensors"));
    expect(await within(list).findByText("model.version.create")).toBeInTheDocument();
    expect(requests.some((r) => r.query.get("resource_id") === "mv_2")).toBe(true);
    expect(screen.getByRole("link", { name: "View all in the audit log" })).toHaveAttribute(
      "href",
      "/t/ten_1/p/proj_1/audit?resource_id=mv_2",
    );
  });
});
