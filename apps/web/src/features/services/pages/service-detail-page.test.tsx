import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { permissionsQueryKey } from "../../../permissions/use-permissions";
import { findDialog } from "../../../test/dialogs";
import { fakeApi } from "../../../test/fake-api";
import { page } from "../../../test/fixtures";
import { renderUi } from "../../../test/render";
import { ServiceStateStepper } from "../components/service-state-stepper";
import { replica, revision, serviceDetail, svcIds } from "../test/service-detail-fixtures";
import { ServiceDetailPage } from "./service-detail-page";

const at = (query = "") => ({
  route: `/t/ten_1/p/proj_1/services/${svcIds.service}${query}`,
  path: "/t/:tenantId/p/:projectId/services/:serviceId",
});

const ownerActions = [
  "service.read",
  "service.update",
  "service.delete",
  "service.revision.list",
  "service.revision.deploy",
  "service.traffic.update",
  "service.rollback",
  "service.start",
  "service.stop",
  "service.event.list",
  "project.audit.list",
];
const viewerActions = ["service.read", "service.revision.list", "service.event.list", "project.audit.list"];
/** The caller's permissions, in the cache before the first render (so "no button" is not "not yet"). */
const asRole = (allowed: string[]) => ({
  queryData: [
    [
      permissionsQueryKey("proj_1", null),
      {
        project_id: "proj_1",
        tenant_id: null,
        actions: Object.fromEntries(allowed.map((a) => [a, { allowed: true }])),
      },
    ] as [readonly unknown[], unknown],
  ],
});
const plain = () => {
  const { revisions: _r, replicas: _p, ...s } = serviceDetail();
  return s;
};
const q = (selector: string) => document.querySelector<HTMLElement>(selector);

function serviceApi(detail = serviceDetail()) {
  return fakeApi({
    [`GET /api/v1/services/${svcIds.service}`]: () => ({ body: { data: detail } }),
    [`GET /api/v1/services/${svcIds.service}/events`]: () => page([]),
    [`GET /api/v1/services/${svcIds.service}/revisions`]: () =>
      page(detail.revisions.map(({ durations: _d, ...r }) => r)),
    "GET /api/v1/projects/proj_1/audit-events": () => page([]),
    [`POST /api/v1/services/${svcIds.service}/stop`]: () => ({
      body: { data: { ...plain(), desired_state: "inactive" } },
    }),
    [`DELETE /api/v1/services/${svcIds.service}`]: () => ({ status: 204 }),
    [`PATCH /api/v1/services/${svcIds.service}`]: () => ({
      body: { data: { ...plain(), exposure: "private" } },
    }),
  });
}

describe("ServiceDetailPage", () => {
  it("shows how long each state lasted, the replicas and the owner's actions", {
    timeout: 60_000,
  }, async () => {
    serviceApi();
    renderUi(<ServiceDetailPage />, { ...at(), ...asRole(ownerActions) });
    await screen.findByRole("heading", { name: "chat-assistant" });
    const step = (s: string) => q(`[data-step=${s}]`)?.textContent ?? "";
    expect(step("pending")).toContain("lasted 30s");
    expect(step("downloading")).toContain("lasted 2m 00s");
    expect(step("starting")).toContain("lasted 45s");
    expect(step("ready")).toContain("1h 00m 00s so far");

    // Replicas: state, node, restarts; no PID/port columns when the server does not answer them.
    const replicas = q('section[aria-label="Replicas"]') as HTMLElement;
    expect(replicas.querySelector("tbody tr")).toHaveTextContent("Ready");
    expect(replicas.querySelector("tbody tr")).toHaveTextContent("2");
    expect(replicas).not.toHaveTextContent("PID");
    expect(q('[data-testid="traffic-summary"]')).toHaveTextContent("Revision 1 100%");

    // The owner has the switch and the actions menu.
    expect(q('button[role="switch"]')).toBeChecked();
    expect(q('button[aria-label="Actions"]')).toBeEnabled();
  });

  it("opens the Playground tab from the Actions menu", { timeout: 60_000 }, async () => {
    serviceApi();
    const { user, router } = renderUi(<ServiceDetailPage />, {
      ...at(),
      ...asRole([...ownerActions, "service.playground"]),
    });
    await screen.findByRole("heading", { name: "chat-assistant" });
    await user.click(q('button[aria-label="Actions"]') as HTMLElement);
    await user.click(await screen.findByText("Open playground"));
    expect(await screen.findByRole("textbox", { name: "Message" })).toBeEnabled();
    expect(router.state.location.search).toBe("?tab=playground");
  });

  it("stops the service only after a confirmation", { timeout: 60_000 }, async () => {
    const { requests } = serviceApi();
    const { user } = renderUi(<ServiceDetailPage />, { ...at(), ...asRole(ownerActions) });
    await screen.findByRole("heading", { name: "chat-assistant" });
    await user.click(q('button[role="switch"]') as HTMLElement);
    const dialog = await findDialog("Stop chat-assistant?");
    expect(requests.some((r) => r.path.endsWith("/stop"))).toBe(false);
    await user.click(within(dialog).getByRole("button", { name: "Stop" }));
    await waitFor(() =>
      expect(requests.some((r) => r.method === "POST" && r.path.endsWith("/stop"))).toBe(true),
    );
    expect(await screen.findByText("chat-assistant stopped")).toBeInTheDocument();
  });

  it("deletes only once the name is typed, then goes to the list", { timeout: 60_000 }, async () => {
    const { requests } = serviceApi();
    const { user, router } = renderUi(<ServiceDetailPage />, {
      ...at("?tab=settings"),
      ...asRole(ownerActions),
    });
    await user.click(await screen.findByRole("button", { name: "Delete service" }));
    const dialog = await findDialog("Delete chat-assistant");
    const ok = within(dialog).getByRole("button", { name: "Delete" });
    expect(ok).toBeDisabled();
    const input = within(dialog).getByLabelText(/type the name/i);
    await user.type(input, "chat-assistan");
    expect(ok).toBeDisabled();
    await user.type(input, "t");
    await waitFor(() => expect(ok).toBeEnabled());
    await user.click(ok);
    await waitFor(() => expect(router.state.location.pathname).toBe("/t/ten_1/p/proj_1/services"));
    expect(requests.find((r) => r.method === "DELETE")?.body).toEqual({ confirm_name: "chat-assistant" });
  });

  it("edits the service's details with only what changed", { timeout: 60_000 }, async () => {
    const { requests } = serviceApi();
    const { user } = renderUi(<ServiceDetailPage />, { ...at("?tab=settings"), ...asRole(ownerActions) });
    await user.click(await screen.findByRole("button", { name: "Edit details" }));
    const dialog = await findDialog("Edit details of chat-assistant");
    await user.click(within(dialog).getByLabelText("Private"));
    await user.click(within(dialog).getByRole("button", { name: "Save" }));
    await waitFor(() => expect(requests.some((r) => r.method === "PATCH")).toBe(true));
    expect(requests.find((r) => r.method === "PATCH")?.body).toEqual({ exposure: "private" });
    expect(await screen.findByText("chat-assistant updated")).toBeInTheDocument();
  });

  it("gives a viewer no write actions", { timeout: 60_000 }, async () => {
    serviceApi(serviceDetail({ replicas: [replica({ pid: 4242, port: 39001 })] }));
    const first = renderUi(<ServiceDetailPage />, { ...at(), ...asRole(viewerActions) });
    await screen.findByRole("heading", { name: "chat-assistant" });
    expect(q('button[role="switch"]')).toBeNull();
    expect(q('button[aria-label="Actions"]')).toBeNull();
    // The desired state is still shown, as text.
    expect(q("header")).toHaveTextContent("Active");
    // PID and port come only when the server answers them (to admins).
    expect(q('section[aria-label="Replicas"]')).toHaveTextContent("39001");
    first.unmount();

    renderUi(<ServiceDetailPage />, { ...at("?tab=revisions"), ...asRole(viewerActions) });
    await screen.findByRole("heading", { name: "chat-assistant" });
    await waitFor(() => expect(q('table[aria-label="Revisions"], [aria-label="Revisions"]')).not.toBeNull());
    for (const name of ["Edit traffic", "Rollback", "Deploy new revision"])
      expect(screen.queryByRole("button", { name })).toBeNull();
  });

  it("gives a viewer no edit or danger zone in settings", { timeout: 60_000 }, async () => {
    serviceApi();
    renderUi(<ServiceDetailPage />, { ...at("?tab=settings"), ...asRole(viewerActions) });
    await screen.findByText("Configuration in effect (revision 1)");
    expect(screen.queryByRole("button", { name: "Edit" })).toBeNull();
    expect(screen.queryByRole("button", { name: "Edit details" })).toBeNull();
    expect(screen.queryByText("Danger zone")).toBeNull();
    expect(screen.queryByRole("button", { name: "Delete service" })).toBeNull();
  });
});

describe("ServiceStateStepper", () => {
  it("marks the step a revision failed in and shows the runtime's reason", { timeout: 30_000 }, async () => {
    const failed = revision({
      current_state: "failed",
      failure_reason: "llama_model_load: error loading model: bad magic",
      durations: [
        {
          state: "pending",
          entered_at: "2025-03-01T08:00:00.000Z",
          left_at: "2025-03-01T08:00:05.000Z",
          seconds: 5,
        },
        {
          state: "downloading",
          entered_at: "2025-03-01T08:00:05.000Z",
          left_at: "2025-03-01T08:00:25.000Z",
          seconds: 20,
        },
        {
          state: "starting",
          entered_at: "2025-03-01T08:00:25.000Z",
          left_at: "2025-03-01T08:01:00.000Z",
          seconds: 35,
        },
        { state: "failed", entered_at: "2025-03-01T08:01:00.000Z", left_at: null, seconds: 600 },
      ],
    });
    renderUi(<ServiceStateStepper revision={failed} />);
    expect(await screen.findByText("Failed while Starting; the runtime said:")).toBeInTheDocument();
    expect(screen.getByTestId("failure-reason")).toHaveTextContent(
      "llama_model_load: error loading model: bad magic",
    );
    expect(q("[data-step=starting]")).toHaveTextContent("lasted 35s");
    expect(q("[data-step=ready]")).toHaveTextContent("Not yet");
    expect(q(".ant-steps-item-error")).toHaveTextContent("Starting");
  });

  it("says why a pending revision waits, in both languages", { timeout: 30_000 }, async () => {
    const pending = revision({
      current_state: "pending",
      traffic_percent: 0,
      wait_reason: "node node_1 already runs 8 replicas (INFERA_MAX_REPLICAS)",
      durations: [{ state: "pending", entered_at: "2025-03-01T08:00:00.000Z", left_at: null, seconds: 720 }],
    });
    const first = renderUi(<ServiceStateStepper revision={pending} />);
    expect(await screen.findByTestId("wait-reason")).toHaveTextContent("already runs 8 replicas");
    expect(q("[data-step=pending]")).toHaveTextContent("12m 00s so far");
    first.unmount();
    renderUi(<ServiceStateStepper revision={pending} />, { lang: "zh-CN" });
    expect(await screen.findByText("Revision 仍在等待")).toBeInTheDocument();
    expect(q("[data-step=pending]")).toHaveTextContent("已持续 12m 00s");
  });
});
