import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { findDialog } from "../../../test/dialogs";
import { fakeApi } from "../../../test/fake-api";
import { allProjectActions, page, permissions, project } from "../../../test/fixtures";
import { renderUi } from "../../../test/render";
import { ProjectSettingsPage } from "../pages/project-settings-page";

const path = "/t/:tenantId/p/:projectId/settings";
const route = "/t/ten_1/p/proj_1/settings?tab=webhooks";
const webhookActions = [
  "project.webhook.list",
  "project.webhook.create",
  "project.webhook.read",
  "project.webhook.update",
  "project.webhook.delete",
  "project.webhook.rotate_secret",
  "project.webhook.test",
  "project.webhook.delivery.list",
  "project.webhook.delivery.redeliver",
];
const at = "2025-03-01T08:00:00.000Z";
const hook = {
  id: "wh_1",
  project_id: "proj_1",
  url: "https://ci.example.com/infera",
  description: "CI",
  events: ["fine_tuning.job.succeeded", "fine_tuning.job.failed"],
  enabled: true,
  created_by: "usr_1",
  created_at: at,
  updated_at: at,
};
const delivery = (over: Record<string, unknown> = {}) => ({
  id: "whd_1",
  webhook_id: "wh_1",
  event_type: "fine_tuning.job.failed",
  event_id: "evt_1",
  payload: {},
  status: "failed",
  attempts: 6,
  max_attempts: 6,
  response_status: 503,
  response_body: "busy",
  error: null,
  duration_ms: 12,
  attempt_log: [],
  last_attempt_at: at,
  next_attempt_at: null,
  created_at: at,
  updated_at: at,
  ...over,
});
const base = {
  "GET /api/v1/auth/permissions": permissions([...allProjectActions, ...webhookActions]),
  "GET /api/v1/projects/proj_1": () => ({ body: { data: project() } }),
  "GET /api/v1/projects/proj_1/audit-events": () => page([]),
};

describe("WebhooksTab", () => {
  it("adds a webhook and shows its secret once", { timeout: 60_000 }, async () => {
    const { requests } = fakeApi({
      ...base,
      "GET /api/v1/projects/proj_1/webhooks": () => page([]),
      "POST /api/v1/projects/proj_1/webhooks": () => ({
        status: 201,
        body: { data: { ...hook, events: ["fine_tuning.job.failed"], secret: "whsec_shown_once" } },
      }),
    });
    const { user } = renderUi(<ProjectSettingsPage />, { route, path });
    await user.click((await screen.findAllByRole("button", { name: /Add webhook/ }))[0]!);
    const dialog = await findDialog("Add webhook");
    const ok = () =>
      within(dialog)
        .getAllByRole("button", { name: /Add webhook/ })
        .at(-1)!;
    await user.type(within(dialog).getByLabelText("URL"), "ftp://files.example.com");
    await user.click(ok());
    expect(await within(dialog).findByText(/Must be an http:\/\/ or https:\/\/ URL/)).toBeInTheDocument();
    expect(requests.filter((r) => r.method === "POST")).toEqual([]);

    await user.clear(within(dialog).getByLabelText("URL"));
    await user.type(within(dialog).getByLabelText("URL"), "https://ci.example.com/infera");
    for (const name of ["Job started", "Job succeeded", "Job canceled"])
      await user.click(within(dialog).getByRole("checkbox", { name }));
    await user.type(within(dialog).getByLabelText("Description"), "CI");
    await user.click(ok());
    const secret = await findDialog("Webhook signing secret");
    expect(within(secret).getByLabelText("Secret")).toHaveValue("whsec_shown_once");
    expect(within(secret).getByRole("button", { name: "Done" })).toBeDisabled();
    expect(requests.find((r) => r.method === "POST")?.body).toEqual({
      url: "https://ci.example.com/infera",
      events: ["fine_tuning.job.failed"],
      description: "CI",
    });
  });

  it("disables, rotates the secret of, tests and deletes a webhook after confirming", {
    timeout: 60_000,
  }, async () => {
    const { requests } = fakeApi({
      ...base,
      "GET /api/v1/projects/proj_1/webhooks": () => page([hook]),
      "PATCH /api/v1/webhooks/wh_1": () => ({ body: { data: { ...hook, enabled: false } } }),
      "POST /api/v1/webhooks/wh_1/rotate-secret": () => ({
        body: { data: { ...hook, secret: "whsec_new" } },
      }),
      "POST /api/v1/webhooks/wh_1/test": () => ({
        status: 202,
        body: { data: delivery({ status: "pending" }) },
      }),
      "DELETE /api/v1/webhooks/wh_1": () => ({ status: 204 }),
    });
    const { user } = renderUi(<ProjectSettingsPage />, { route, path });
    const url = hook.url;

    await user.click(await screen.findByRole("button", { name: `Disable webhook ${url}` }));
    let dialog = await findDialog(`Disable webhook ${url}`);
    await user.click(within(dialog).getByRole("button", { name: /OK|Confirm/ }));
    await screen.findByText(`Webhook ${url} disabled`);
    expect(requests.find((r) => r.method === "PATCH")?.body).toEqual({ enabled: false });

    await user.click(screen.getByRole("button", { name: `Rotate the secret of webhook ${url}` }));
    dialog = await findDialog(`Rotate the signing secret of ${url}?`);
    await user.click(within(dialog).getByRole("button", { name: "Rotate" }));
    const secret = await findDialog("Webhook signing secret");
    expect(within(secret).getByLabelText("Secret")).toHaveValue("whsec_new");
    await user.click(within(secret).getByRole("checkbox"));
    await user.click(within(secret).getByRole("button", { name: "Done" }));

    await user.click(screen.getByRole("button", { name: `Send a test event to webhook ${url}` }));
    await screen.findByText(`Ping sent to ${url}`);

    await user.click(screen.getByRole("button", { name: `Delete webhook ${url}` }));
    dialog = await findDialog(`Delete webhook ${url}?`);
    await user.click(within(dialog).getByRole("button", { name: /OK|Confirm|Delete/ }));
    await screen.findByText(`Webhook ${url} deleted`);
    expect(requests.filter((r) => r.method !== "GET").map((r) => `${r.method} ${r.path}`)).toEqual([
      "PATCH /api/v1/webhooks/wh_1",
      "POST /api/v1/webhooks/wh_1/rotate-secret",
      "POST /api/v1/webhooks/wh_1/test",
      "DELETE /api/v1/webhooks/wh_1",
    ]);
  });

  it("shows the delivery log and redelivers", { timeout: 60_000 }, async () => {
    const { requests } = fakeApi({
      ...base,
      "GET /api/v1/projects/proj_1/webhooks": () => page([hook]),
      "GET /api/v1/webhooks/wh_1/deliveries": () =>
        page([
          delivery(),
          delivery({ id: "whd_2", status: "succeeded", attempts: 1, response_status: 200 }),
          delivery({
            id: "whd_4",
            attempts: 1,
            response_status: null,
            error: "delivery_crashed: the worker did not complete attempt 1 in 3 tries (lease expired)",
          }),
        ]),
      "POST /api/v1/webhook-deliveries/whd_1/redeliver": () => ({
        status: 202,
        body: { data: delivery({ id: "whd_3", status: "pending", attempts: 0, response_status: null }) },
      }),
    });
    const { user } = renderUi(<ProjectSettingsPage />, { route, path });
    await user.click(await screen.findByRole("button", { name: `Deliveries of webhook ${hook.url}` }));
    const drawer = await findDialog(`Deliveries · ${hook.url}`);
    const table = await within(drawer).findByRole("table");
    expect(await within(table).findAllByText("Failed")).toHaveLength(2);
    expect(within(table).getByText("Succeeded")).toBeInTheDocument();
    expect(within(table).getByText("6 / 6")).toBeInTheDocument();
    expect(within(table).getByText("503")).toBeInTheDocument();
    expect(within(table).getByText(/^Not delivered: the worker crashed/)).toBeInTheDocument();
    await user.click(within(table).getByRole("button", { name: "Redeliver whd_1" }));
    await screen.findByText("Event evt_1 sent again");
    expect(
      requests.some((r) => r.method === "POST" && r.path === "/api/v1/webhook-deliveries/whd_1/redeliver"),
    ).toBe(true);
  });
});
