import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { fakeApi } from "../test/fake-api";
import { renderUi } from "../test/render";
import { Sidebar } from "./sidebar";

function allowAll() {
  fakeApi({
    "GET /api/v1/auth/permissions": () => ({
      body: {
        data: {
          project_id: "proj_1",
          tenant_id: "ten_1",
          actions: Object.fromEntries(
            [
              "project.list",
              "tenant.user.list",
              "tenant.audit.list",
              "project.read",
              "project.audit.list",
            ].map((a) => [a, { allowed: true }]),
          ),
        },
      },
    }),
  });
}

const soonLinks = (nav: HTMLElement) =>
  within(nav)
    .getAllByRole("link")
    .filter((a) => a.hasAttribute("data-soon"));

describe("Sidebar: modules that have not shipped", () => {
  it("marks them Soon before the click, keeps them reachable, and leaves the working ones plain", async () => {
    allowAll();
    const { user } = renderUi(<Sidebar tenantId="ten_1" />, { route: "/t/ten_1/overview" });
    const nav = await screen.findByRole("navigation", { name: "Tenant navigation" });
    await waitFor(() => expect(within(nav).getByRole("link", { name: "Audit logs" })).toBeInTheDocument());
    // The marker is part of the link's accessible name, not only a colour.
    const billing = within(nav).getByRole("link", { name: "Billing Soon" });
    expect(billing).toHaveAttribute("href", "/t/ten_1/billing");
    expect(soonLinks(nav).map((a) => a.textContent)).toEqual([
      "Billing Soon",
      "Quotas & budgets Soon",
      "Alerts Soon",
    ]);
    for (const name of ["Overview", "Projects", "Users & invitations", "Price table", "Audit logs"])
      expect(within(nav).getByRole("link", { name })).not.toHaveAttribute("data-soon");
    await user.hover(billing);
    expect(await screen.findByRole("tooltip")).toHaveTextContent("Not available yet: this module is coming");
  });

  it("marks the project modules still to come in Chinese too", async () => {
    allowAll();
    renderUi(<Sidebar tenantId="ten_1" projectId="proj_1" />, {
      route: "/t/ten_1/p/proj_1/dashboard",
      lang: "zh-CN",
    });
    const nav = await screen.findByRole("navigation", { name: "项目导航" });
    await waitFor(() => expect(within(nav).getByRole("link", { name: "审计日志" })).toBeInTheDocument());
    const soon = soonLinks(nav);
    for (const a of soon) expect(a).toHaveTextContent("即将推出");
    // Evaluation has shipped: a plain link to its list.
    expect(soon.map((a) => a.getAttribute("href"))).not.toContain("/t/ten_1/p/proj_1/evaluation");
    expect(within(nav).getByRole("link", { name: "评估" })).toHaveAttribute(
      "href",
      "/t/ten_1/p/proj_1/evaluation",
    );
    // Usage and cost has shipped.
    expect(within(nav).getByRole("link", { name: "用量与成本" })).not.toHaveAttribute("data-soon");
    expect(within(nav).getByRole("link", { name: "模型" })).not.toHaveAttribute("data-soon");
    // Fine-tuning, services and API keys have shipped: plain links to their lists.
    expect(within(nav).getByRole("link", { name: "API Keys" })).toHaveAttribute(
      "href",
      "/t/ten_1/p/proj_1/api-keys",
    );
    expect(within(nav).getByRole("link", { name: "微调" })).not.toHaveAttribute("data-soon");
    expect(within(nav).getByRole("link", { name: "推理服务" })).toHaveAttribute(
      "href",
      "/t/ten_1/p/proj_1/services",
    );
  });
});
