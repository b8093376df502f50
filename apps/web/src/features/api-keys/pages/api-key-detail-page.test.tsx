import type { ApiKey } from "@infera/contracts";
import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { permissionsQueryKey } from "../../../permissions/use-permissions";
import { findDialog } from "../../../test/dialogs";
import { fakeApi } from "../../../test/fake-api";
import { auditEvent, page } from "../../../test/fixtures";
import { renderUi } from "../../../test/render";
import { apiKey, exampleService, issuedKey, keyIds, usageReport } from "../test/fixtures";
import { ApiKeyDetailPage } from "./api-key-detail-page";

const at = (query = "", lang: "en-US" | "zh-CN" = "en-US") => ({
  route: `/t/ten_1/p/proj_1/api-keys/${keyIds.key}${query}`,
  path: "/t/:tenantId/p/:projectId/api-keys/:apiKeyId",
  lang,
});
const writer = ["api_key.read", "api_key.update", "api_key.rotate", "api_key.revoke", "project.audit.list"];
/** The caller's permissions, in the cache before the first render (so "disabled" is not "not yet"). */
const asRole = (allowed: string[], denied: Record<string, string> = {}) => ({
  queryData: [
    [
      permissionsQueryKey("proj_1", null),
      {
        project_id: "proj_1",
        tenant_id: null,
        actions: {
          ...Object.fromEntries(allowed.map((a) => [a, { allowed: true }])),
          ...Object.fromEntries(Object.entries(denied).map(([a, reason]) => [a, { allowed: false, reason }])),
        },
      },
    ] as [readonly unknown[], unknown],
  ],
});
const q = (selector: string) => document.querySelector<HTMLElement>(selector);

/** A server holding one key: reads answer it as it is now, writes change it. */
function keyApi(start: ApiKey = apiKey(), extra: Parameters<typeof fakeApi>[0] = {}) {
  let key = start;
  const rotated = issuedKey({
    id: keyIds.rotated,
    rotated_from_id: keyIds.key,
    secret: `ifr_NEWnew0000${"n".repeat(35)}`,
  });
  const api = fakeApi({
    [`GET /api/v1/api-keys/${keyIds.key}`]: () => ({ body: { data: key } }),
    [`PATCH /api/v1/api-keys/${keyIds.key}`]: (req) => {
      key = { ...key, ...(req.body as Partial<ApiKey>) };
      return { body: { data: key }, headers: { "x-audit-event-id": "aud_u1" } };
    },
    [`POST /api/v1/api-keys/${keyIds.key}/rotate`]: (req) => {
      if (!(req.body as { keep_old: boolean }).keep_old)
        key = { ...key, status: "revoked", revoked_at: "2026-12-02T00:00:00.000Z" };
      return { status: 201, body: { data: rotated } };
    },
    [`POST /api/v1/api-keys/${keyIds.key}/revoke`]: () => {
      key = { ...key, status: "revoked", revoked_at: "2026-12-02T00:00:00.000Z" };
      return { body: { data: key } };
    },
    [`GET /api/v1/api-keys/${keyIds.rotated}`]: () => ({ body: { data: rotated } }),
    "GET /api/v1/projects/proj_1/services": () => page([exampleService()]),
    "GET /api/v1/projects/proj_1/usage": (req) => ({
      body: {
        data:
          req.query.get("group_by") === "service"
            ? usageReport({
                group_by: "service",
                groups: [{ ...usageReport().groups[0]!, group: "svc_1", label: "chat-assistant" }],
              })
            : usageReport(),
      },
    }),
    "GET /api/v1/projects/proj_1/audit-events": () =>
      page([
        auditEvent({
          id: "aud_c1",
          action: "api_key.create",
          resource_type: "api_key",
          resource_id: keyIds.key,
        }),
      ]),
    ...extra,
  });
  return { ...api, current: () => key };
}

async function saveSecret(title: string) {
  const dialog = await findDialog(title);
  const done = within(dialog).getByRole("button", { name: "Done" });
  expect(done).toBeDisabled();
  within(dialog).getByRole("checkbox", { name: "I have saved it" }).click();
  await waitFor(() => expect(done).toBeEnabled());
  done.click();
}

describe("ApiKeyDetailPage", () => {
  it("shows every field of the key and edits its limits, scopes, note and expiry with a PATCH of what changed", {
    timeout: 60_000,
  }, async () => {
    const { requests } = keyApi();
    const { user } = renderUi(<ApiKeyDetailPage />, { ...at(), ...asRole(writer) });
    await screen.findByRole("heading", { name: "support-bot" });
    const overview = q(".ant-descriptions") as HTMLElement;
    for (const text of [
      "ifr_3q2Jx0p4…",
      "inference:invoke",
      "600",
      "2,000,000",
      "Never",
      "Never used",
      "the helpdesk integration",
    ])
      expect(overview).toHaveTextContent(text);
    expect(q("[data-status=active]")).toHaveTextContent("Active");

    await user.click(screen.getByRole("button", { name: "Edit limits / scopes of support-bot" }));
    const dialog = await findDialog("Edit support-bot");
    const rpm = within(dialog).getByLabelText("RPM limit");
    await user.clear(rpm);
    await user.type(rpm, "100");
    await user.clear(within(dialog).getByLabelText("Daily token limit"));
    await user.click(within(dialog).getByRole("checkbox", { name: /logs:read/ }));
    await user.click(within(dialog).getByRole("radio", { name: "90 days" }));
    await user.click(within(dialog).getByRole("button", { name: "Save" }));
    await waitFor(() => expect(requests.some((r) => r.method === "PATCH")).toBe(true));
    const patch = requests.find((r) => r.method === "PATCH")?.body as Record<string, unknown>;
    // Only what changed: not the name or the note.
    expect(Object.keys(patch).sort()).toEqual(["daily_token_limit", "expires_at", "rpm_limit", "scopes"]);
    expect(patch).toMatchObject({
      rpm_limit: 100,
      daily_token_limit: null,
      scopes: ["inference:invoke", "logs:read"],
    });
    expect(await screen.findByText("support-bot updated")).toBeInTheDocument();
    await waitFor(() => expect(q(".ant-descriptions")).toHaveTextContent("Unlimited"));
  });

  it("rotates revoking the old key now: the new secret once, then the new key's page", {
    timeout: 60_000,
  }, async () => {
    const { requests, current } = keyApi();
    const { user, router } = renderUi(<ApiKeyDetailPage />, { ...at(), ...asRole(writer) });
    await screen.findByRole("heading", { name: "support-bot" });
    await user.click(screen.getByRole("button", { name: "Rotate support-bot" }));
    const dialog = await findDialog("Rotate support-bot");
    // Revoking the old key at once is the default.
    expect(within(dialog).getByRole("radio", { name: /revoke the old one now/ })).toBeChecked();
    await user.click(within(dialog).getByRole("button", { name: "Generate new key" }));
    await waitFor(() => expect(requests.some((r) => r.path.endsWith("/rotate"))).toBe(true));
    expect(requests.find((r) => r.path.endsWith("/rotate"))?.body).toEqual({ keep_old: false });
    const secretDialog = await findDialog("New secret key of “support-bot”");
    expect(within(secretDialog).getByLabelText("Secret")).toHaveValue(`ifr_NEWnew0000${"n".repeat(35)}`);
    expect(secretDialog).not.toHaveTextContent("The old key keeps working");
    expect(current().status).toBe("revoked");
    await saveSecret("New secret key of “support-bot”");
    await waitFor(() =>
      expect(router.state.location.pathname).toBe(`/t/ten_1/p/proj_1/api-keys/${keyIds.rotated}`),
    );
  });

  it("rotates keeping the old key, which stays active", { timeout: 60_000 }, async () => {
    const { requests, current } = keyApi();
    const { user } = renderUi(<ApiKeyDetailPage />, { ...at(), ...asRole(writer) });
    await screen.findByRole("heading", { name: "support-bot" });
    await user.click(screen.getByRole("button", { name: "Rotate support-bot" }));
    const dialog = await findDialog("Rotate support-bot");
    await user.click(within(dialog).getByRole("radio", { name: /keep the old one/ }));
    await user.click(within(dialog).getByRole("button", { name: "Generate new key" }));
    const secretDialog = await findDialog("New secret key of “support-bot”");
    expect(requests.find((r) => r.path.endsWith("/rotate"))?.body).toEqual({ keep_old: true });
    expect(secretDialog).toHaveTextContent("The old key keeps working until you revoke it.");
    expect(current().status).toBe("active");
  });

  it("rotates an expired key into a new expiry: 30 days by default, or the one picked", {
    timeout: 60_000,
  }, async () => {
    const { requests } = keyApi(apiKey({ status: "expired", expires_at: "2026-11-01T00:00:00.000Z" }));
    const { user } = renderUi(<ApiKeyDetailPage />, { ...at(), ...asRole(writer) });
    await screen.findByRole("heading", { name: "support-bot" });
    await user.click(screen.getByRole("button", { name: "Rotate support-bot" }));
    const dialog = await findDialog("Rotate support-bot");
    expect(dialog).toHaveTextContent("This key expired on 2026-11-01");
    expect(within(dialog).getByRole("radio", { name: "30 days" })).toBeChecked();
    await user.click(within(dialog).getByRole("radio", { name: "90 days" }));
    const before = Date.now();
    await user.click(within(dialog).getByRole("button", { name: "Generate new key" }));
    await waitFor(() => expect(requests.some((r) => r.path.endsWith("/rotate"))).toBe(true));
    const body = requests.find((r) => r.path.endsWith("/rotate"))?.body as {
      keep_old: boolean;
      expires_at: string;
    };
    expect(body.keep_old).toBe(false);
    const days = (Date.parse(body.expires_at) - before) / 86_400_000;
    expect(days).toBeGreaterThan(89.9);
    expect(days).toBeLessThan(90.1);
  });

  it("revokes only once the key's name is typed; the page then shows it revoked with its actions locked", {
    timeout: 60_000,
  }, async () => {
    const { requests } = keyApi();
    const { user } = renderUi(<ApiKeyDetailPage />, { ...at(), ...asRole(writer) });
    await screen.findByRole("heading", { name: "support-bot" });
    await user.click(screen.getByRole("button", { name: "Revoke support-bot" }));
    const dialog = await findDialog("Revoke support-bot");
    const ok = within(dialog).getByRole("button", { name: "Revoke" });
    expect(ok).toBeDisabled();
    const input = within(dialog).getByLabelText(/type the name/i);
    await user.type(input, "support-bo");
    expect(ok).toBeDisabled();
    await user.type(input, "t");
    await waitFor(() => expect(ok).toBeEnabled());
    await user.click(ok);
    await waitFor(() => expect(requests.some((r) => r.path.endsWith("/revoke"))).toBe(true));
    expect(requests.find((r) => r.path.endsWith("/revoke"))?.body).toEqual({ confirm_name: "support-bot" });
    expect(await screen.findByText("support-bot revoked")).toBeInTheDocument();
    await waitFor(() => expect(q("header [data-status=revoked]")).toHaveTextContent("Revoked"));
    expect(q(".ant-descriptions")).toHaveTextContent("2026-12-02 00:00:00");
    expect(screen.getByRole("button", { name: "Rotate support-bot" })).toBeDisabled();
  });

  it("locks the writes with the server's reason for a Viewer", { timeout: 60_000 }, async () => {
    keyApi();
    renderUi(<ApiKeyDetailPage />, {
      ...at(),
      ...asRole(["api_key.read"], {
        "api_key.update": "Viewers cannot change API keys",
        "api_key.rotate": "Viewers cannot change API keys",
        "api_key.revoke": "Viewers cannot change API keys",
      }),
    });
    await screen.findByRole("heading", { name: "support-bot" });
    expect(screen.getByRole("button", { name: "Revoke support-bot" })).toBeDisabled();
    expect(document.querySelectorAll('[data-locked-reason="Viewers cannot change API keys"]')).toHaveLength(
      3,
    );
  });

  it("Usage: the key's report by status code — cards, tokens per day and the status codes", {
    timeout: 60_000,
  }, async () => {
    const { requests } = keyApi();
    const { user } = renderUi(<ApiKeyDetailPage />, { ...at("?tab=usage"), ...asRole(writer) });
    await waitFor(() => expect(q("[data-usage-card=requests]")).toHaveTextContent("123"));
    const usage = requests.filter(
      (r) => r.path === "/api/v1/projects/proj_1/usage" && r.query.get("group_by") === "status_code",
    );
    expect(usage[0]?.query.get("api_key_id")).toBe(keyIds.key);
    expect(usage[0]?.query.get("group_by")).toBe("status_code");
    expect(usage[0]?.query.get("granularity")).toBe("day");
    const days = (Date.now() - Date.parse(usage[0]?.query.get("from") ?? "")) / 86_400_000;
    expect(Math.round(days)).toBe(7);
    expect(q("[data-usage-card=tokens]")).toHaveTextContent("12,000");
    expect(q("[data-usage-card=tokens]")).toHaveTextContent("Prompt 9,000 · completion 3,000");
    expect(q("[data-usage-card=success]")).toHaveTextContent("97.6%");
    expect(q("[data-usage-card=p95]")).toHaveTextContent("432 ms");
    expect(q("[data-usage-card=cost]")).toHaveTextContent("$1.25");
    expect(screen.getByRole("img", { name: "Tokens per day" })).toBeInTheDocument();
    const codes = [...document.querySelectorAll("[data-usage-table=status_codes] tbody tr")].map((tr) =>
      [...tr.querySelectorAll("td")].map((td) => td.textContent),
    );
    expect(codes).toEqual([
      ["200", "120", "12,000"],
      ["429", "3", "0"],
    ]);
    // The services it called most, each opening its service.
    // (A DOM lookup: role queries over the tab's tables are slow in jsdom.)
    const top = await waitFor(() => {
      const link = q('table[aria-label="Top services"] a');
      expect(link).toHaveTextContent("chat-assistant");
      return link as HTMLElement;
    });
    expect(top).toHaveAttribute("href", "/t/ten_1/p/proj_1/services/svc_1");
    expect([...(top.closest("tr")?.querySelectorAll("td") ?? [])].map((td) => td.textContent)).toEqual([
      "chat-assistant",
      "120",
      "12,000",
      "100.0%",
      "420 ms",
    ]);

    await user.click(screen.getByRole("radio", { name: "Last 30 days" }));
    const byCode = () =>
      requests.filter(
        (r) => r.path === "/api/v1/projects/proj_1/usage" && r.query.get("group_by") === "status_code",
      );
    await waitFor(() => expect(byCode()).toHaveLength(2));
    const from = byCode().at(-1)?.query.get("from");
    expect(Math.round((Date.now() - Date.parse(from ?? "")) / 86_400_000)).toBe(30);
  });

  it("Usage: a server without the usage report says so instead of failing", { timeout: 60_000 }, async () => {
    keyApi(apiKey(), {
      "GET /api/v1/projects/proj_1/usage": () => ({
        status: 404,
        body: { error: { code: "not_found", message: "no route", request_id: "req_404" } },
      }),
    });
    renderUi(<ApiKeyDetailPage />, { ...at("?tab=usage"), ...asRole(writer) });
    expect(await screen.findByText("Usage is not available yet")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /Retry/ })).toBeNull();
  });

  it("Audit: the key's events, each opening its record", { timeout: 60_000 }, async () => {
    const { requests } = keyApi();
    renderUi(<ApiKeyDetailPage />, { ...at("?tab=audit"), ...asRole(writer) });
    expect(await screen.findByText("api_key.create")).toBeInTheDocument();
    const audit = requests.find((r) => r.path === "/api/v1/projects/proj_1/audit-events");
    expect(audit?.query.get("resource_id")).toBe(keyIds.key);
    expect(screen.getByRole("link", { name: "Details of event api_key.create" })).toHaveAttribute(
      "href",
      "/t/ten_1/p/proj_1/audit?event=aud_c1",
    );
  });

  it("renders in Chinese", { timeout: 60_000 }, async () => {
    keyApi(apiKey({ status: "expired", expires_at: "2026-11-30T00:00:00.000Z" }));
    renderUi(<ApiKeyDetailPage />, { ...at("", "zh-CN"), ...asRole(writer) });
    await screen.findByRole("heading", { name: "support-bot" });
    expect(q("header [data-status=expired]")).toHaveTextContent("已过期");
    expect(screen.getByRole("tab", { name: "概览" })).toBeInTheDocument();
    expect(screen.getByRole("tab", { name: "用量" })).toBeInTheDocument();
    expect(q(".ant-descriptions")).toHaveTextContent("每日 Token 限制");
    expect(screen.getByRole("button", { name: "轮换 support-bot" })).toBeEnabled();
  });
});
