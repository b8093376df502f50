import type { ProjectPolicies } from "@infera/contracts";
import { screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { fakeApi } from "../../../test/fake-api";
import { permissions, project } from "../../../test/fixtures";
import { renderUi } from "../../../test/render";
import { EnvPoliciesTab } from "./env-policies-tab";

function policies(over: Partial<ProjectPolicies> = {}): ProjectPolicies {
  return {
    project_id: "proj_1",
    env: "prod",
    prod_disallow_scale_to_zero: true,
    prod_force_alerts: true,
    prod_no_playground_logging: true,
    viewers_cannot_view_logs: true,
    prod_requires_passing_evaluation: true,
    fine_tuning_own_jobs_only: false,
    fine_tuning_retention_days: 7,
    effective: {
      scale_to_zero_allowed: false,
      alerts_forced: true,
      playground_logging_allowed: false,
      viewers_can_view_logs: false,
    },
    updated_at: "2025-03-01T08:00:00.000Z",
    ...over,
  };
}

describe("EnvPoliciesTab", () => {
  it("shows the evaluation gate on prod with the other policies and saves it when an Owner turns it off", async () => {
    const { requests } = fakeApi({
      "GET /api/v1/auth/permissions": permissions(["project.policy.update"]),
      "GET /api/v1/projects/proj_1/policies": () => ({ body: { data: policies() } }),
      "PUT /api/v1/projects/proj_1/policies": (req) => ({
        body: { data: policies(req.body as Partial<ProjectPolicies>) },
      }),
    });
    const { user } = renderUi(<EnvPoliciesTab project={project({ env: "prod" })} />);
    const gate = await screen.findByRole("switch", { name: "Prod tag needs a passing evaluation" });
    expect(gate).toBeChecked();
    expect(screen.getByText("Prod tag gated by evaluation").closest("li")).toHaveTextContent("Yes");
    await waitFor(() => expect(gate).toBeEnabled());
    await user.click(gate);
    await user.click(screen.getByRole("button", { name: "Review changes" }));
    await user.click(await screen.findByRole("button", { name: "Apply changes" }));
    await waitFor(() => expect(requests.some((r) => r.method === "PUT")).toBe(true));
    expect(requests.find((r) => r.method === "PUT")?.body).toMatchObject({
      prod_requires_passing_evaluation: false,
      viewers_cannot_view_logs: true,
    });
  });
});
