import { screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { apiError, fakeApi } from "../../../test/fake-api";
import { page, permissions } from "../../../test/fixtures";
import { renderUi } from "../../../test/render";
import { apiKey, keyIds } from "../test/fixtures";
import { ApiKeysPage } from "./api-keys-page";

const at = { route: "/t/ten_1/p/proj_1/api-keys", path: "/t/:tenantId/p/:projectId/api-keys" };
const writer = ["api_key.list", "api_key.create", "api_key.update", "api_key.rotate", "api_key.revoke"];
// Plain DOM lookups: role queries over a wide antd table are slow in jsdom.
const rowOf = (name: string) =>
  [...document.querySelectorAll<HTMLElement>("tr[data-row-key]")].find((tr) =>
    [...tr.querySelectorAll("a")].some((a) => a.textContent === name),
  ) as HTMLElement;
const cells = (row: HTMLElement) => [...row.querySelectorAll("td")].map((td) => td.textContent);

describe("ApiKeysPage", () => {
  it("shows each key's prefix, scopes, status, limits, expiry and last use; a row opens it", {
    timeout: 60_000,
  }, async () => {
    fakeApi({
      "GET /api/v1/auth/permissions": permissions(writer),
      "GET /api/v1/projects/proj_1/api-keys": () =>
        page([
          apiKey({ last_used_at: "2026-12-01T10:00:00.000Z" }),
          apiKey({
            id: keyIds.key2,
            name: "old-batch",
            prefix: "ifr_Zz9yXw8v",
            scopes: ["inference:invoke", "metrics:read"],
            status: "revoked",
            revoked_at: "2026-11-20T00:00:00.000Z",
            rpm_limit: null,
            daily_token_limit: null,
            expires_at: "2026-12-31T00:00:00.000Z",
          }),
        ]),
    });
    const { user, router } = renderUi(<ApiKeysPage />, at);
    await screen.findByText("support-bot");
    const headers = [...document.querySelectorAll("th")].map((th) => th.textContent).filter(Boolean);
    expect(headers).toEqual([
      "Name",
      "Prefix",
      "Scopes",
      "Status",
      "RPM limit",
      "Daily token limit",
      "Expires",
      "Last used",
      "Created by",
      "Created",
      "Actions",
    ]);
    const active = rowOf("support-bot");
    expect(active.querySelector("[data-status=active]")).toHaveTextContent("Active");
    expect(cells(active)).toEqual(
      expect.arrayContaining(["ifr_3q2Jx0p4…", "600", "2,000,000", "Never", "2026-12-01 10:00:00"]),
    );
    const revoked = rowOf("old-batch");
    expect(revoked.querySelector("[data-status=revoked]")).toHaveTextContent("Revoked");
    expect(revoked.querySelector("[data-scope='metrics:read']")).not.toBeNull();
    expect(cells(revoked)).toEqual(
      expect.arrayContaining(["Unlimited", "Never used", "2026-12-31 00:00:00"]),
    );
    // Only the recognizable part of the secret is ever shown.
    expect(document.body.textContent).not.toMatch(/ifr_3q2Jx0p4s/);
    // A revoked key cannot be changed: its buttons say why.
    expect(revoked.querySelector('button[aria-label="Rotate old-batch"]')).toBeDisabled();
    expect(
      revoked.querySelector('button[aria-label="Revoke old-batch"]')?.closest("[data-locked-reason]"),
    ).not.toBeNull();
    await waitFor(() =>
      expect(active.querySelector('button[aria-label="Rotate support-bot"]')).toBeEnabled(),
    );

    await user.click(active.querySelectorAll("td")[3] as HTMLElement);
    await waitFor(() =>
      expect(router.state.location.pathname).toBe(`/t/ten_1/p/proj_1/api-keys/${keyIds.key}`),
    );
  });

  it("filters by status, scope and expiring soon, searches by name and pages with the cursor", {
    timeout: 60_000,
  }, async () => {
    const { requests } = fakeApi({
      "GET /api/v1/auth/permissions": permissions(writer),
      "GET /api/v1/projects/proj_1/api-keys": (req) =>
        req.query.get("cursor") === "c2"
          ? page([apiKey({ id: keyIds.key2, name: "older-key" })])
          : page([apiKey()], "c2"),
    });
    const { user } = renderUi(<ApiKeysPage />, at);
    await screen.findByText("support-bot");
    const list = () => requests.filter((r) => r.path.endsWith("/api-keys"));
    expect(list()[0]?.query.get("limit")).toBe("20");

    await user.click(screen.getByRole("button", { name: "Next" }));
    await screen.findByText("older-key");
    expect(list().at(-1)?.query.get("cursor")).toBe("c2");

    await user.click(screen.getByRole("combobox", { name: "Status" }));
    await user.click(await screen.findByTitle("Expired"));
    await waitFor(() => expect(list().at(-1)?.query.get("status")).toBe("expired"));
    // A new filter starts from the first page.
    expect(list().at(-1)?.query.get("cursor")).toBeNull();

    await user.click(screen.getByRole("combobox", { name: "Scope" }));
    await user.click(await screen.findByTitle("logs:read"));
    await waitFor(() => expect(list().at(-1)?.query.get("scope")).toBe("logs:read"));

    await user.click(screen.getByRole("combobox", { name: "Expiring soon" }));
    await user.click(await screen.findByTitle("Expires within 7 days"));
    await waitFor(() => expect(list().at(-1)?.query.get("expiring")).toBe("true"));

    await user.type(screen.getByPlaceholderText("Search by name, note or prefix"), "support{Enter}");
    await waitFor(() => expect(list().at(-1)?.query.get("q")).toBe("support"));
    const last = list().at(-1)?.query;
    expect([last?.get("status"), last?.get("scope"), last?.get("expiring")]).toEqual([
      "expired",
      "logs:read",
      "true",
    ]);
  });

  it("offers to create the first key when there is none, in both languages", {
    timeout: 60_000,
  }, async () => {
    fakeApi({
      "GET /api/v1/auth/permissions": permissions(writer),
      "GET /api/v1/projects/proj_1/api-keys": () => page([]),
    });
    const view = renderUi(<ApiKeysPage />, at);
    expect(await screen.findByText("No API keys yet")).toBeInTheDocument();
    const create = screen.getAllByRole("button", { name: /Create API key/ }).at(-1) as HTMLElement;
    await waitFor(() => expect(create).toBeEnabled());
    view.unmount();
    renderUi(<ApiKeysPage />, { ...at, lang: "zh-CN" });
    expect(await screen.findByText("还没有 API Key")).toBeInTheDocument();
    expect(screen.getAllByRole("button", { name: /创建 API Key/ }).length).toBeGreaterThan(0);
  });

  it("locks create with the server's reason for a Viewer", { timeout: 60_000 }, async () => {
    fakeApi({
      "GET /api/v1/auth/permissions": permissions(["api_key.list"], {
        "api_key.create": "Viewers cannot create API keys",
      }),
      "GET /api/v1/projects/proj_1/api-keys": () => page([apiKey()]),
    });
    renderUi(<ApiKeysPage />, at);
    await screen.findByText("support-bot");
    await waitFor(() =>
      expect(document.querySelector('[data-locked-reason="Viewers cannot create API keys"]')).not.toBeNull(),
    );
    expect(screen.getByRole("button", { name: /Create API key/ })).toBeDisabled();
  });

  it("shows the server's error and a retry", { timeout: 60_000 }, async () => {
    fakeApi({
      "GET /api/v1/auth/permissions": permissions(["api_key.list"]),
      "GET /api/v1/projects/proj_1/api-keys": () =>
        apiError(500, "internal", "the database is down", "req_k1"),
    });
    renderUi(<ApiKeysPage />, at);
    expect(await screen.findByText(/the database is down/)).toBeInTheDocument();
    expect(screen.getByRole("button", { name: /Retry/ })).toBeInTheDocument();
  });
});
