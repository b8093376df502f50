import type { Project } from "@infera/contracts";
import { screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { fakeApi } from "../../../test/fake-api";
import { project as projectFixture } from "../../../test/fixtures";
import { renderUi } from "../../../test/render";
import { WorkspacePage } from "./workspace-page";

const me = (tenants: { id: string; name: string; role: string }[]) => ({
  body: {
    data: {
      principal_type: "user",
      user: {
        id: "usr_1",
        email: "a@x.io",
        name: null,
        is_platform_admin: false,
        status: "active",
        last_login_at: null,
        created_at: "2025-01-01T00:00:00Z",
      },
      service_account: null,
      tenants,
      csrf_token: "c",
    },
  },
});
const project = (id: string, name: string, env: Project["env"]) =>
  projectFixture({ id, tenant_id: "ten_1", name, env, updated_at: "2025-01-01T00:00:00Z" });

describe("WorkspacePage", () => {
  it("goes straight into the only project of the only tenant", async () => {
    fakeApi({
      "GET /api/v1/auth/me": () => me([{ id: "ten_1", name: "Acme", role: "member" }]),
      "GET /api/v1/tenants/ten_1/projects": () => ({
        body: { data: [project("proj_1", "chat", "dev")], next_cursor: null },
      }),
    });
    const { router } = renderUi(<WorkspacePage />, { route: "/workspace", path: "/workspace" });
    await waitFor(() => expect(router.state.location.pathname).toBe("/t/ten_1/p/proj_1/dashboard"), {
      timeout: 5000,
    });
  });

  it("lists projects of the chosen tenant, filtered by env", async () => {
    fakeApi({
      "GET /api/v1/auth/me": () =>
        me([
          { id: "ten_1", name: "Acme", role: "tenant_admin" },
          { id: "ten_2", name: "Beta", role: "member" },
        ]),
      "GET /api/v1/tenants/ten_1/projects": () => ({
        body: {
          data: [project("proj_1", "chat", "dev"), project("proj_2", "search", "prod")],
          next_cursor: null,
        },
      }),
    });
    const { user, router } = renderUi(<WorkspacePage />, { route: "/workspace", path: "/workspace" });
    await user.click(await screen.findByText("Acme"));
    expect(await screen.findByText("search")).toBeInTheDocument();
    expect(screen.getByText("chat")).toBeInTheDocument();
    await user.click(screen.getByText("Prod", { selector: ".ant-segmented-item-label" }));
    expect(screen.queryByText("chat")).not.toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Enter project" }));
    expect(router.state.location.pathname).toBe("/t/ten_1/p/proj_2/dashboard");
  });
});
