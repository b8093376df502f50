import { screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { audited } from "../../../lib/client";
import { getCsrfToken } from "../../../lib/csrf";
import { apiError, fakeApi } from "../../../test/fake-api";
import { renderUi } from "../../../test/render";
import { LoginPage } from "./login-page";

const user = {
  id: "usr_1",
  email: "admin@localhost",
  name: null,
  is_platform_admin: true,
  status: "active",
  last_login_at: null,
  created_at: "2025-01-01T00:00:00Z",
};

describe("LoginPage", () => {
  it("signs in, keeps the CSRF token for later writes, and goes to the workspace", async () => {
    const { requests } = fakeApi({
      "POST /api/v1/auth/login": () => ({
        body: { data: { user, csrf_token: "csrf-abc", expires_at: "2025-01-02T00:00:00Z" } },
      }),
      "POST /api/v1/auth/logout": () => ({ status: 204 }),
    });
    const { user: u, router } = renderUi(<LoginPage />, { route: "/login", path: "/login" });
    await u.type(screen.getByLabelText("Email"), "admin@localhost");
    await u.type(screen.getByLabelText("Password"), "correct horse");
    await u.click(screen.getByRole("button", { name: "Sign in" }));
    await waitFor(() => expect(router.state.location.pathname).toBe("/workspace"), { timeout: 5000 });
    expect(requests[0]?.body).toEqual({ email: "admin@localhost", password: "correct horse" });
    expect(getCsrfToken()).toBe("csrf-abc");
    expect(sessionStorage.getItem("infera.csrf")).toBe("csrf-abc");

    // A client of its own knows no token: the header can only come from the console's session store.
    await audited((client) => client.auth.logout());
    expect(requests.at(-1)?.headers.get("X-CSRF-Token")).toBe("csrf-abc");
  });

  it("shows one message for any credential failure", async () => {
    fakeApi({
      "POST /api/v1/auth/login": () => apiError(401, "unauthenticated", "invalid email or password"),
    });
    const { user: u, router } = renderUi(<LoginPage />, { route: "/login", path: "/login", lang: "zh-CN" });
    await u.type(screen.getByLabelText("邮箱"), "nobody@x.io");
    await u.type(screen.getByLabelText("密码"), "nope");
    await u.click(screen.getByRole("button", { name: /登\s*录/ }));
    expect(await screen.findByRole("alert")).toHaveTextContent("邮箱或密码错误，或账号不可用。");
    expect(router.state.location.pathname).toBe("/login");
  });

  it("validates the email before sending anything", async () => {
    const { requests } = fakeApi({});
    const { user: u } = renderUi(<LoginPage />, { route: "/login", path: "/login" });
    await u.type(screen.getByLabelText("Email"), "not-an-email");
    await u.click(screen.getByRole("button", { name: "Sign in" }));
    expect(await screen.findByText("Not a valid email address")).toBeInTheDocument();
    expect(await screen.findByText("Enter your password")).toBeInTheDocument();
    expect(requests).toHaveLength(0);
  });
});
