import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { apiError, fakeApi } from "../../../test/fake-api";
import { renderUi } from "../../../test/render";
import { AcceptInvitationPage } from "./accept-invitation-page";

const at = { route: "/invite/tok_1", path: "/invite/:token" };
const preview = (has_account: boolean) => ({
  body: {
    data: {
      tenant_name: "Acme",
      email: "wei@acme.test",
      role: "member",
      expires_at: "2030-01-01T00:00:00Z",
      has_account,
    },
  },
});
const accepted = {
  body: {
    data: {
      tenant_id: "ten_1",
      tenant_name: "Acme",
      user_id: "usr_2",
      email: "wei@acme.test",
      role: "member",
      projects: [],
      account_created: true,
    },
  },
};

describe("AcceptInvitationPage", () => {
  it("asks a new email for a name and password and creates the account", { timeout: 30_000 }, async () => {
    const { requests } = fakeApi({
      "GET /api/v1/auth/me": () => apiError(401, "unauthenticated", "sign in"),
      "GET /api/v1/invitations/tok_1": () => preview(false),
      "POST /api/v1/invitations/tok_1/accept": () => accepted,
    });
    const { user } = renderUi(<AcceptInvitationPage />, at);
    expect(await screen.findByText(/Create your Infera account for wei@acme.test/)).toBeInTheDocument();
    expect(screen.queryByText(/Or sign in first/)).toBeNull();
    await user.type(screen.getByLabelText("Name"), "Wei");
    await user.type(screen.getByLabelText(/Choose a password/), "long-enough-password");
    await user.click(screen.getByRole("button", { name: "Create account and accept" }));
    expect(await screen.findByText("You joined Acme")).toBeInTheDocument();
    expect(requests.find((r) => r.method === "POST")?.body).toEqual({
      name: "Wei",
      password: "long-enough-password",
    });
  });

  it("asks an existing account only for its password, or to sign in first", { timeout: 30_000 }, async () => {
    const { requests } = fakeApi({
      "GET /api/v1/auth/me": () => apiError(401, "unauthenticated", "sign in"),
      "GET /api/v1/invitations/tok_1": () => preview(true),
      "POST /api/v1/invitations/tok_1/accept": () => accepted,
    });
    const { user } = renderUi(<AcceptInvitationPage />, at);
    expect(await screen.findByText(/wei@acme.test already has an Infera account/)).toBeInTheDocument();
    expect(screen.queryByLabelText("Name")).toBeNull();
    expect(screen.getByRole("link", { name: "Sign in" })).toHaveAttribute(
      "href",
      `/login?next=${encodeURIComponent("/invite/tok_1")}`,
    );
    await user.type(screen.getByLabelText("Password"), "the-old-password");
    await user.click(screen.getByRole("button", { name: "Sign in and accept" }));
    expect(await screen.findByText("You joined Acme")).toBeInTheDocument();
    expect(requests.find((r) => r.method === "POST")?.body).toEqual({ password: "the-old-password" });
  });
});
