import { screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { apiError, fakeApi } from "../../../test/fake-api";
import { page, permissions } from "../../../test/fixtures";
import { renderUi } from "../../../test/render";
import { ids, serviceItem } from "../test/fixtures";
import { ServicesPage } from "./services-page";

const at = { route: "/t/ten_1/p/proj_1/services", path: "/t/:tenantId/p/:projectId/services" };
// Plain DOM lookups: role queries over a wide antd table are slow in jsdom.
const rowOf = (name: string) =>
  [...document.querySelectorAll<HTMLElement>("tr[data-row-key]")].find((tr) =>
    [...tr.querySelectorAll("a")].some((a) => a.textContent === name),
  ) as HTMLElement;
const cells = (row: HTMLElement) => [...row.querySelectorAll("td")].map((td) => td.textContent);

describe("ServicesPage", () => {
  it("shows each service's state, model, runtime, revision, traffic, replicas and exposure; a row opens it", {
    timeout: 60_000,
  }, async () => {
    fakeApi({
      "GET /api/v1/auth/permissions": permissions(["service.list", "service.create"]),
      "GET /api/v1/projects/proj_1/services": () =>
        page([
          serviceItem(),
          serviceItem({
            id: "svc_2",
            name: "canary-bot",
            env: "prod",
            current_state: "failed",
            exposure: "public",
            ip_allow_list: ["10.0.0.0/8", "192.168.0.0/16"],
            traffic: [
              { revision_id: ids.revision2, percent: 90 },
              { revision_id: ids.revision, percent: 10 },
            ],
            replicas: { ready: 0, min: 2, max: 4 },
          }),
        ]),
    });
    const { user, router } = renderUi(<ServicesPage />, at);
    await screen.findByText("chat-assistant");
    const headers = [...document.querySelectorAll("th")].map((th) => th.textContent).filter(Boolean);
    expect(headers).toEqual([
      "Name",
      "State",
      "Desired",
      "Model version",
      "Runtime",
      "Current revision",
      "Traffic",
      "Replicas",
      "Exposure",
      "Updated",
    ]);
    const ready = rowOf("chat-assistant");
    expect(ready.querySelector("[data-status=ready]")).toHaveTextContent("Ready");
    expect(cells(ready)).toEqual(
      expect.arrayContaining(["llama.cpp", "1 ready · 1–3", "Private", `${ids.revision.slice(0, 12)}… 100%`]),
    );
    const failed = rowOf("canary-bot");
    expect(failed.querySelector("[data-status=failed]")).toHaveTextContent("Failed");
    expect(failed.textContent).toContain("Prod");
    expect(cells(failed)).toEqual(expect.arrayContaining(["0 ready · 2–4", "Public · 2 CIDR"]));
    expect(failed.textContent).toMatch(/90% · .* 10%/);
    expect(ready.querySelector(`a[href="/t/ten_1/p/proj_1/model-versions/${ids.version}"]`)).not.toBeNull();

    // A click anywhere on the row (not only its name) opens the service.
    await user.click(failed.querySelectorAll("td")[4] as HTMLElement);
    await waitFor(() => expect(router.state.location.pathname).toBe("/t/ten_1/p/proj_1/services/svc_2"));
  });

  it("filters by state and text on the server and pages with the cursor", { timeout: 60_000 }, async () => {
    const { requests } = fakeApi({
      "GET /api/v1/auth/permissions": permissions(["service.list", "service.create"]),
      "GET /api/v1/projects/proj_1/services": (req) =>
        req.query.get("cursor") === "c2"
          ? page([serviceItem({ id: "svc_9", name: "older-one" })])
          : page([serviceItem()], "c2"),
    });
    const { user } = renderUi(<ServicesPage />, at);
    await screen.findByText("chat-assistant");
    const list = () => requests.filter((r) => r.path.endsWith("/services"));
    expect(list()[0]?.query.get("limit")).toBe("20");

    await user.click(screen.getByRole("button", { name: "Next" }));
    await screen.findByText("older-one");
    expect(list().at(-1)?.query.get("cursor")).toBe("c2");

    await user.click(screen.getByRole("combobox", { name: "State" }));
    await user.click(await screen.findByTitle("Failed"));
    await waitFor(() => expect(list().at(-1)?.query.get("state")).toBe("failed"));
    // A new filter starts from the first page.
    expect(list().at(-1)?.query.get("cursor")).toBeNull();

    await user.type(screen.getByPlaceholderText("Search by name or description"), "chat{Enter}");
    await waitFor(() => expect(list().at(-1)?.query.get("q")).toBe("chat"));
    expect(list().at(-1)?.query.get("state")).toBe("failed");
  });

  it("offers to create the first service when there is none, in both languages", {
    timeout: 60_000,
  }, async () => {
    fakeApi({
      "GET /api/v1/auth/permissions": permissions(["service.list", "service.create"]),
      "GET /api/v1/projects/proj_1/services": () => page([]),
    });
    const view = renderUi(<ServicesPage />, at);
    expect(await screen.findByText("No services yet")).toBeInTheDocument();
    const create = screen.getAllByRole("button", { name: /Create service/ }).at(-1) as HTMLElement;
    await waitFor(() => expect(create).toBeEnabled());
    await view.user.click(create);
    await waitFor(() => expect(view.router.state.location.pathname).toBe("/t/ten_1/p/proj_1/services/new"));
    view.unmount();
    renderUi(<ServicesPage />, { ...at, lang: "zh-CN" });
    expect(await screen.findByText("还没有服务")).toBeInTheDocument();
  });

  it("shows the server's error and a retry", { timeout: 60_000 }, async () => {
    fakeApi({
      "GET /api/v1/auth/permissions": permissions(["service.list"]),
      "GET /api/v1/projects/proj_1/services": () =>
        apiError(500, "internal", "the database is down", "req_svc1"),
    });
    renderUi(<ServicesPage />, at);
    expect(await screen.findByText(/the database is down/)).toBeInTheDocument();
    expect(screen.getByRole("button", { name: /Retry/ })).toBeInTheDocument();
  });
});
