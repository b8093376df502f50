import { screen, waitFor, within } from "@testing-library/react";
import type userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { findDialog, findSelectPopup } from "../../../test/dialogs";
import { apiError, fakeApi, type RecordedRequest } from "../../../test/fake-api";
import { page, permissions, project } from "../../../test/fixtures";
import { findEnabledButton, renderUi } from "../../../test/render";
import { ids, model, modelVersion, price, resourceClass } from "../test/fixtures";
import { PricesPage } from "./prices-page";

const at = { route: "/t/ten_1/prices", path: "/t/:tenantId/prices" };
const PRICES = "/api/v1/tenants/ten_1/prices";
const admin = permissions(["price.list", "price.set", "price.delete"]);
const resourceClassPrice = price({
  id: "prc_2",
  subject_kind: "resource_class",
  subject_id: "cpu-2",
  subject_label: "cpu-2",
  input_per_million: null,
  output_per_million: null,
  per_hour: 0.12,
});

function server(over: Record<string, (req: RecordedRequest) => ReturnType<typeof page> | object> = {}) {
  return fakeApi({
    "GET /api/v1/auth/permissions": admin,
    // Untyped on purpose: a tenant without a currency, so the page reads it from the prices.
    "GET /api/v1/tenants/ten_1": () => ({
      body: {
        data: {
          id: ids.tenant,
          name: "Acme",
          members_can_create_projects: true,
          role: "tenant_admin",
          created_at: "2026-12-01T09:00:00.000Z",
          updated_at: "2026-12-01T09:00:00.000Z",
        },
      },
    }),
    [`GET ${PRICES}`]: () => page([price(), resourceClassPrice]),
    "GET /api/v1/tenants/ten_1/projects": () => page([project()]),
    "GET /api/v1/projects/proj_1/models": () => page([model()]),
    "GET /api/v1/models/mdl_1/versions": () => page([modelVersion()]),
    "GET /api/v1/fine-tuning/resource-classes": () =>
      page([resourceClass(), resourceClass({ name: "gpu-1", display_name: "GPU" })]),
    [`PUT ${PRICES}`]: (req) => ({ body: { data: price({ ...(req.body as object), id: "prc_9" }) } }),
    "DELETE /api/v1/prices/prc_1": () => ({ status: 204 }),
    ...over,
  } as Parameters<typeof fakeApi>[0]);
}

async function pick(
  user: ReturnType<typeof userEvent.setup>,
  scope: HTMLElement,
  combobox: string,
  option: string | RegExp,
) {
  const box = within(scope).getByRole("combobox", { name: combobox });
  await user.click(box);
  await user.click(await within(await findSelectPopup(box)).findByTitle(option));
}

const rowOf = (label: string) =>
  [...document.querySelectorAll<HTMLElement>("tr[data-row-key]")].find((tr) =>
    tr.textContent?.includes(label),
  ) as HTMLElement;

describe("PricesPage", () => {
  it("lists the prices with their currency and adds a model version's token prices", {
    timeout: 60_000,
  }, async () => {
    const { requests } = server();
    const { user } = renderUi(<PricesPage />, at);
    expect(await screen.findByText("qwen-chat v3")).toBeInTheDocument();
    expect(await screen.findByText("All amounts are in USD")).toBeInTheDocument();
    const mv = rowOf("qwen-chat v3");
    expect(mv).toHaveTextContent("Model version");
    expect(mv).toHaveTextContent("0.5 USD");
    expect(mv).toHaveTextContent("1.5 USD");
    expect(rowOf("Resource class")).toHaveTextContent("0.12 USD");

    await user.click(await findEnabledButton(/Add price/));
    const dialog = await findDialog("Add a price");
    await pick(user, dialog, "Project", "chat");
    await pick(user, dialog, "Model", "qwen-chat");
    await pick(user, dialog, "Model version", /\(prod\)$/);
    await user.type(within(dialog).getByRole("spinbutton", { name: /Input price/ }), "0.25");
    await user.click(within(dialog).getByRole("button", { name: "Save" }));
    await waitFor(() => expect(requests.some((r) => r.method === "PUT")).toBe(true));
    expect(requests.find((r) => r.method === "PUT")?.body).toEqual({
      subject_kind: "model_version",
      subject_id: ids.version,
      input_per_million: 0.25,
      output_per_million: null,
    });
    expect(await screen.findByText("Price of qwen-chat v3 saved")).toBeInTheDocument();
  });

  it("asks for a price before sending, per kind", { timeout: 60_000 }, async () => {
    const { requests } = server();
    const { user } = renderUi(<PricesPage />, at);
    await user.click(await findEnabledButton(/Add price/));
    const dialog = await findDialog("Add a price");
    await user.click(within(dialog).getByRole("button", { name: "Save" }));
    expect(await within(dialog).findByText("Pick a model version")).toBeInTheDocument();
    expect(within(dialog).getByText("Give an input or an output price")).toBeInTheDocument();

    await user.click(within(dialog).getByRole("radio", { name: "Resource class" }));
    await pick(user, dialog, "Resource class", "GPU (gpu-1)");
    await user.click(within(dialog).getByRole("button", { name: "Save" }));
    expect(await within(dialog).findByText("A resource class needs a price per hour")).toBeInTheDocument();
    expect(requests.some((r) => r.method === "PUT")).toBe(false);
  });

  it("shows a 4xx that names a field on that field and keeps the dialog open", {
    timeout: 60_000,
  }, async () => {
    server({
      [`PUT ${PRICES}`]: () =>
        apiError(400, "validation_error", "Invalid request", "req_p1", {
          fields: [{ path: "per_hour", message: "Number must be less than or equal to 1000000" }],
        }),
    });
    const { user } = renderUi(<PricesPage />, at);
    await user.click(await findEnabledButton(/Add price/));
    const dialog = await findDialog("Add a price");
    await user.click(within(dialog).getByRole("radio", { name: "Resource class" }));
    await pick(user, dialog, "Resource class", "CPU ×2 (cpu-2)");
    await user.type(within(dialog).getByRole("spinbutton", { name: /Price per hour/ }), "3");
    await user.click(within(dialog).getByRole("button", { name: "Save" }));
    expect(
      await within(dialog).findByText("Number must be less than or equal to 1000000"),
    ).toBeInTheDocument();
    expect(screen.getByText("Add a price")).toBeInTheDocument();
  });

  it("shows another failure above the buttons with its request id", { timeout: 60_000 }, async () => {
    server({ [`PUT ${PRICES}`]: () => apiError(404, "not_found", "No resource class gpu-9.", "req_p2") });
    const { user } = renderUi(<PricesPage />, at);
    await user.click(await findEnabledButton("Change the price of cpu-2"));
    const dialog = await findDialog("Change the price of cpu-2");
    await user.click(within(dialog).getByRole("button", { name: "Save" }));
    expect(await within(dialog).findByText("No resource class gpu-9.")).toBeInTheDocument();
    expect(within(dialog).getByText(/req_p2/)).toBeInTheDocument();
  });

  it("edits an existing price's amounts, keeping its subject", { timeout: 60_000 }, async () => {
    const { requests } = server();
    const { user } = renderUi(<PricesPage />, at);
    await screen.findByText("qwen-chat v3");
    await user.click(await findEnabledButton("Change the price of cpu-2"));
    const dialog = await findDialog("Change the price of cpu-2");
    expect(within(dialog).getByRole("radio", { name: "Model version" })).toBeDisabled();
    const perHour = within(dialog).getByRole("spinbutton", { name: /Price per hour/ });
    expect(perHour).toHaveValue("0.12");
    await user.clear(perHour);
    await user.type(perHour, "0.2");
    await user.click(within(dialog).getByRole("button", { name: "Save" }));
    await waitFor(() => expect(requests.some((r) => r.method === "PUT")).toBe(true));
    expect(requests.find((r) => r.method === "PUT")?.body).toEqual({
      subject_kind: "resource_class",
      subject_id: "cpu-2",
      per_hour: 0.2,
    });
  });

  it("deletes a price after confirmation", { timeout: 60_000 }, async () => {
    const { requests } = server();
    const { user } = renderUi(<PricesPage />, at);
    await screen.findByText("qwen-chat v3");
    await user.click(await findEnabledButton("Delete the price of qwen-chat v3"));
    const dialog = await findDialog("Delete the price of qwen-chat v3?");
    expect(requests.some((r) => r.method === "DELETE")).toBe(false);
    await user.click(within(dialog).getByRole("button", { name: "Delete" }));
    await waitFor(() =>
      expect(requests.some((r) => r.method === "DELETE" && r.path === "/api/v1/prices/prc_1")).toBe(true),
    );
    expect(await screen.findByText("Price of qwen-chat v3 deleted")).toBeInTheDocument();
  });

  it("locks every change for someone who is not a tenant admin, with the reason", {
    timeout: 60_000,
  }, async () => {
    server({
      "GET /api/v1/auth/permissions": permissions(["price.list"], {
        "price.set": "Only tenant admins change the price table.",
        "price.delete": "Only tenant admins change the price table.",
      }),
    });
    renderUi(<PricesPage />, at);
    await screen.findByText("qwen-chat v3");
    await waitFor(() =>
      expect(
        screen.getByRole("button", { name: /Add price/ }).closest("[data-locked-reason]"),
      ).toHaveAttribute("data-locked-reason", "Only tenant admins change the price table."),
    );
    expect(screen.getByRole("button", { name: /Add price/ })).toBeDisabled();
    expect(screen.getByRole("button", { name: "Delete the price of qwen-chat v3" })).toBeDisabled();
    expect(
      screen
        .getAllByRole("alert")
        .some((a) => a.textContent?.includes("Only tenant admins change the price table.")),
    ).toBe(true);
  });

  it("renders in Chinese", { timeout: 60_000 }, async () => {
    server();
    renderUi(<PricesPage />, { ...at, lang: "zh-CN" });
    expect(await screen.findByRole("heading", { name: "价格表" })).toBeInTheDocument();
    expect(await screen.findByText("所有金额的币种：USD")).toBeInTheDocument();
    expect(screen.getByRole("columnheader", { name: "输入单价 / 百万 tokens" })).toBeInTheDocument();
  });
});
