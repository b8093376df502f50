import { fireEvent, screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { apiError, fakeApi } from "../../../test/fake-api";
import { page, permissions, project } from "../../../test/fixtures";
import { renderUi } from "../../../test/render";
import {
  adapterVersion,
  ggufVersion,
  ids,
  policies,
  resourceClass,
  servedModel,
  serviceDetail,
} from "../test/fixtures";
import { NewServicePage } from "./new-service-page";

const at = (query = "") => ({
  route: `/t/ten_1/p/proj_1/services/new${query}`,
  path: "/t/:tenantId/p/:projectId/services/new",
});

function setup({
  env = "dev",
  post,
}: {
  env?: "dev" | "prod";
  post?: Parameters<typeof fakeApi>[0][string];
} = {}) {
  return fakeApi({
    "GET /api/v1/auth/permissions": permissions(["service.create"]),
    "GET /api/v1/projects/proj_1": () => ({ body: { data: project({ env }) } }),
    "GET /api/v1/projects/proj_1/policies": () => ({ body: { data: policies({ env }) } }),
    "GET /api/v1/projects/proj_1/models": () => page([servedModel()]),
    [`GET /api/v1/models/${ids.model}/versions`]: () => page([adapterVersion(), ggufVersion()]),
    [`GET /api/v1/model-versions/${ids.version}`]: () => ({ body: { data: ggufVersion() } }),
    [`GET /api/v1/model-versions/${ids.adapter}`]: () => ({ body: { data: adapterVersion() } }),
    "GET /api/v1/fine-tuning/resource-classes": () =>
      page([
        resourceClass(),
        resourceClass({
          name: "cpu-1",
          display_name: "CPU ×1",
          cpus: 1,
          memory_bytes: 2 * 1024 ** 3,
          hourly_price: 0,
        }),
      ]),
    "POST /api/v1/projects/proj_1/services":
      post ??
      ((req) => ({
        status: 201,
        body: { data: serviceDetail({ id: "svc_new", name: (req.body as { name: string }).name }) },
        headers: { "X-Audit-Event-Id": "ae_1" },
      })),
  });
}

const stepShown = (key: string) =>
  waitFor(() => expect(document.querySelector(`[data-step=${key}]`)).not.toHaveAttribute("hidden"));
const button = (name: string) =>
  [...document.querySelectorAll("button")].find((b) => b.textContent === name) as HTMLButtonElement;
const input = (id: string) => document.getElementById(id) as HTMLInputElement;
const inStep = (key: string) => document.querySelector(`[data-step=${key}]`) as HTMLElement;

const allowList = async () => {
  await waitFor(() => expect(input("ip_allow_list")).not.toBeNull());
  return input("ip_allow_list");
};

type User = ReturnType<typeof renderUi>["user"];

async function pick(user: User, label: string, option: string) {
  await user.click(screen.getByRole("combobox", { name: label }));
  await user.click(await screen.findByTitle(option));
}

/** Basics filled in and the model step shown. */
async function fillBasics(user: User, name = "chat-assistant") {
  fireEvent.change(input("name"), { target: { value: name } });
  await user.click(button("Next"));
  await stepShown("model");
}

describe("NewServicePage (create wizard)", () => {
  it("checks the name as it is typed and the allow-list's CIDRs, in both languages", {
    timeout: 60_000,
  }, async () => {
    setup();
    const { user, unmount } = renderUi(<NewServicePage />, at());
    await screen.findByText("Create a service");
    const steps = [...document.querySelectorAll(".ant-steps-item-title")].map((s) => s.textContent);
    expect(steps).toEqual(["Basics", "Model", "Runtime", "Resources", "Autoscaling", "Review"]);
    await user.click(button("Next"));
    expect(await screen.findByText("Enter a name")).toBeInTheDocument();

    fireEvent.change(input("name"), { target: { value: "Chat_Bot" } });
    expect(await screen.findByText(/^2–64 characters: lower-case letters/)).toBeInTheDocument();
    fireEvent.change(input("name"), { target: { value: "chat-bot" } });
    await waitFor(() => expect(screen.queryByText(/^2–64 characters: lower-case letters/)).toBeNull());

    await user.click(screen.getByRole("radio", { name: "Public" }));
    fireEvent.change(await allowList(), {
      target: { value: "10.0.0.0/8\n10.0.0.0/33\nnot-an-ip" },
    });
    expect(
      await screen.findByText("Not an IP address or CIDR block: 10.0.0.0/33, not-an-ip"),
    ).toBeInTheDocument();
    await user.click(button("Next"));
    await stepShown("basics");
    unmount();

    renderUi(<NewServicePage />, { ...at(), lang: "zh-CN" });
    await screen.findByText("创建服务", { selector: "h1" });
    fireEvent.change(input("name"), { target: { value: "-bad" } });
    expect(await screen.findByText(/^2–64 个字符/)).toBeInTheDocument();
  });

  it("walks the six steps, shows the resolved version, runtimes, cost and config, and posts the body", {
    timeout: 90_000,
  }, async () => {
    const { requests } = setup();
    const { user, router } = renderUi(<NewServicePage />, at());
    await screen.findByText("Create a service");
    await user.click(screen.getByRole("radio", { name: "Public" }));
    fireEvent.change(await allowList(), {
      target: { value: "10.0.0.0/8\n2001:db8::/32" },
    });
    fireEvent.change(input("description"), { target: { value: "support bot" } });
    await fillBasics(user);

    // Model: latest resolves to the GGUF version, with its metadata.
    await user.click(button("Next"));
    expect(await screen.findByText("Choose a model")).toBeInTheDocument();
    await pick(user, "Model", "infera-tiny");
    const resolved = await screen.findByRole("region", { name: "Resolved version" });
    await waitFor(() => expect(resolved.textContent).toContain("gguf · Full"));
    expect(resolved.textContent).toContain("3.0 GB");
    expect(resolved.textContent).toContain("Q4_K_M");
    await user.click(button("Next"));
    await stepShown("runtime");

    // Runtime: the kinds this installation cannot run are there, disabled, with why.
    const vllm = inStep("runtime").querySelector("[data-runtime=vllm]")?.closest("label") as HTMLElement;
    expect(vllm.querySelector("input")).toBeDisabled();
    expect(vllm.textContent).toContain("This installation cannot run it yet");
    const llama = inStep("runtime")
      .querySelector("[data-runtime='llama.cpp']")
      ?.closest("label") as HTMLElement;
    expect(llama.querySelector("input")).toBeEnabled();
    expect(llama.querySelector("input")).toBeChecked();
    expect(screen.getByText("Recommended: context 2048, 4 parallel sequences.")).toBeInTheDocument();
    await user.click(button("Use recommendations"));
    await waitFor(() => expect(input("context_size").value).toBe("2048"));
    expect(input("parallel").value).toBe("4");
    await user.click(button("Next"));
    await stepShown("resources");

    // Resources: a small class warns about the model's size and has no price; cpu-2 has one.
    await pick(user, "Resource class", "CPU ×1 (cpu-1) · 1 CPU · 2.0 GB");
    expect(await screen.findByText(/is large for this class's memory \(2\.0 GB\)/)).toBeInTheDocument();
    expect(screen.getByText("No price is set for this resource class.")).toBeInTheDocument();
    await pick(user, "Resource class", "CPU ×2 (cpu-2) · 2 CPU · 4.0 GB");
    expect(await screen.findByText("0.1 USD/h")).toBeInTheDocument();
    await user.click(button("Next"));
    await stepShown("autoscaling");

    // Autoscaling: max below min is refused; scale to zero brings the cold-start hint.
    fireEvent.change(input("min_replicas"), { target: { value: "2" } });
    fireEvent.change(input("max_replicas"), { target: { value: "1" } });
    await user.click(button("Next"));
    expect(await screen.findByText("Max replicas must be at least min replicas (2)")).toBeInTheDocument();
    fireEvent.change(input("max_replicas"), { target: { value: "3" } });
    await user.click(screen.getByRole("switch", { name: "Scale to zero" }));
    expect(await screen.findByText(/waits for a cold start/)).toBeInTheDocument();
    await waitFor(() => expect(input("min_replicas").value).toBe("0"));
    await user.click(button("Next"));
    await stepShown("__review");

    const summary = screen.getByRole("region", { name: "Summary" });
    expect(summary.textContent).toContain("chat-assistant");
    expect(summary.textContent).toContain("Public · 10.0.0.0/8, 2001:db8::/32");
    expect(summary.textContent).toContain(`infera-tiny → ${ids.version.slice(0, 11)}`);
    expect(summary.textContent).toContain("context 2048, threads auto, 4 parallel");
    expect(summary.textContent).toContain(
      "Concurrency target 4 · replicas 0–3 · scale down after 300 s · Scale to zero",
    );
    expect(summary.textContent).toContain("Revision 1, taking 100% of traffic");

    await user.click(button("Create service"));
    await waitFor(() => expect(router.state.location.pathname).toBe("/t/ten_1/p/proj_1/services/svc_new"));
    expect(await screen.findByText("Service chat-assistant created")).toBeInTheDocument();
    const post = requests.find((r) => r.method === "POST");
    expect(post?.body).toEqual({
      name: "chat-assistant",
      description: "support bot",
      exposure: "public",
      ip_allow_list: ["10.0.0.0/8", "2001:db8::/32"],
      config: {
        model: { model_id: ids.model, tag: "latest" },
        runtime: { kind: "llama.cpp", context_size: 2048, parallel: 4 },
        resources: { resource_class: "cpu-2", gpu_count: 0 },
        autoscaling: {
          metric: "concurrency",
          target: 4,
          min_replicas: 0,
          max_replicas: 3,
          scale_down_delay_seconds: 300,
          scale_to_zero: true,
        },
      },
    });
  });

  it("disables scale to zero in a Prod project and names the policy", { timeout: 60_000 }, async () => {
    setup({ env: "prod" });
    const { user } = renderUi(<NewServicePage />, at(`?model_version_id=${ids.version}`));
    await screen.findByText("Deploy a model version");
    await fillBasics(user);
    await screen.findByRole("region", { name: "Resolved version" });
    await user.click(button("Next"));
    await stepShown("runtime");
    await user.click(button("Next"));
    await stepShown("resources");
    await pick(user, "Resource class", "CPU ×2 (cpu-2) · 2 CPU · 4.0 GB");
    await user.click(button("Next"));
    await stepShown("autoscaling");
    const toggle = screen.getByRole("switch", { name: "Scale to zero" });
    expect(toggle).toBeDisabled();
    const reason = toggle.closest("[data-locked-reason]")?.getAttribute("data-locked-reason");
    expect(reason).toMatch(
      /^Scale to zero is off in Prod: the project's env policy prod_disallow_scale_to_zero/,
    );
  });

  it("takes the user back to the step of the field a 4xx names, with the server's message", {
    timeout: 60_000,
  }, async () => {
    setup({
      post: () =>
        apiError(
          409,
          "conflict",
          'a service named "chat-assistant" already exists in this project',
          "req_2",
          {
            field: "name",
          },
        ),
    });
    const { user } = renderUi(<NewServicePage />, at(`?model_version_id=${ids.version}`));
    await screen.findByText("Deploy a model version");
    await fillBasics(user);
    await screen.findByRole("region", { name: "Resolved version" });
    for (const step of ["runtime", "resources"]) {
      await user.click(button("Next"));
      await stepShown(step);
    }
    await pick(user, "Resource class", "CPU ×2 (cpu-2) · 2 CPU · 4.0 GB");
    for (const step of ["autoscaling", "__review"]) {
      await user.click(button("Next"));
      await stepShown(step);
    }
    await user.click(button("Create service"));
    await stepShown("basics");
    const messages = await screen.findAllByText(
      'a service named "chat-assistant" already exists in this project',
    );
    // On the name field, and in the alert above the buttons.
    expect(messages.some((m) => m.closest(".ant-form-item")?.querySelector("#name"))).toBe(true);
  });

  it("Deploy from a fine-tuning job: the adapter version is preselected with its model and base", {
    timeout: 60_000,
  }, async () => {
    const { requests } = setup();
    const { user } = renderUi(<NewServicePage />, at(`?model_version_id=${ids.adapter}`));
    await screen.findByText("Deploy a model version");
    await fillBasics(user, "tuned-bot");
    const resolved = await screen.findByRole("region", { name: "Resolved version" });
    await waitFor(() => expect(resolved.textContent).toContain("gguf · Adapter"));
    expect(resolved.textContent).toContain("Base version");
    expect(screen.getByText(/An adapter is served on its base version/)).toBeInTheDocument();
    // Its model is looked up and shown in the picker.
    await waitFor(() => expect(inStep("model").textContent).toContain("infera-tiny"));
    expect(requests.some((r) => r.path === `/api/v1/model-versions/${ids.adapter}`)).toBe(true);
    await user.click(button("Next"));
    await stepShown("runtime");
    await user.click(button("Next"));
    await stepShown("resources");
    await pick(user, "Resource class", "CPU ×2 (cpu-2) · 2 CPU · 4.0 GB");
    for (const step of ["autoscaling", "__review"]) {
      await user.click(button("Next"));
      await stepShown(step);
    }
    await user.click(button("Create service"));
    await waitFor(() => expect(requests.some((r) => r.method === "POST")).toBe(true));
    const post = requests.find((r) => r.method === "POST");
    expect(post?.body).toMatchObject({ config: { model: { version_id: ids.adapter } } });
  });
});
