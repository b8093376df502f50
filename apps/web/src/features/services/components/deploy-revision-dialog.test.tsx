import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { findDialog } from "../../../test/dialogs";
import { fakeApi } from "../../../test/fake-api";
import { page } from "../../../test/fixtures";
import { renderUi } from "../../../test/render";
import { revision, serviceDetail, svcIds } from "../test/service-detail-fixtures";
import { DeployRevisionDialog } from "./deploy-revision-dialog";
import { configFromValues, valuesFromConfig } from "./deploy-values";

/** A button by its text: plain DOM, since role queries over the wizard's large form are slow in jsdom. */
const button = (root: HTMLElement, name: string) => {
  const found = [...root.querySelectorAll("button")].find((b) => b.textContent?.trim() === name);
  if (!found) throw new Error(`no button ${name}`);
  return found;
};

const twoRevisions = serviceDetail({
  revisions: [
    revision({ traffic_percent: 90 }),
    revision({ id: svcIds.rev2, number: 2, traffic_percent: 10, config_hash: "b".repeat(64) }),
  ],
});

describe("deploy values", () => {
  it("prefill from a revision gives back its configuration, pinned to its version", () => {
    const config = revision().config;
    expect(configFromValues(valuesFromConfig(config))).toEqual({
      model: { version_id: svcIds.version1 },
      runtime: { kind: "llama.cpp", context_size: 4096, parallel: 1 },
      resources: { resource_class: "cpu-2", gpu_count: 0 },
      autoscaling: {
        metric: "concurrency",
        target: 4,
        min_replicas: 1,
        max_replicas: 2,
        scale_down_delay_seconds: 300,
        scale_to_zero: false,
      },
    });
  });
});

describe("deploy new revision wizard", () => {
  it("is prefilled from the current revision, shows the diff and deploys a canary", {
    timeout: 60_000,
  }, async () => {
    const { requests } = fakeApi({
      "GET /api/v1/fine-tuning/resource-classes": () => page([]),
      [`POST /api/v1/services/${svcIds.service}/revisions`]: () => ({
        status: 201,
        body: {
          data: (({ durations: _d, ...r }) => ({ ...r, id: svcIds.rev3, number: 3, traffic_percent: 20 }))(
            revision(),
          ),
        },
      }),
    });
    const onDone = vi.fn();
    const current = twoRevisions.revisions[0]!;
    const { user } = renderUi(
      <DeployRevisionDialog service={twoRevisions} current={current} onClose={() => {}} onDone={onDone} />,
    );
    const dialog = await findDialog("Deploy a new revision of chat-assistant");
    const context = within(dialog).getByLabelText("Context size") as HTMLInputElement;
    expect(context).toHaveValue("4096");
    expect(within(dialog).getByLabelText("Model version ID")).toHaveValue(svcIds.version1);
    await user.clear(context);
    await user.type(context, "8192");
    const max = within(dialog).getByLabelText("Max replicas");
    await user.clear(max);
    await user.type(max, "3");
    await user.click(button(dialog, "Next"));

    // Plain DOM lookups: role queries over a large dialog are slow in jsdom.
    const diff = await waitFor(() => {
      const el = dialog.querySelector<HTMLElement>(
        'section[aria-label="Changes against the current revision 1"]',
      );
      if (!el) throw new Error("no diff yet");
      return el;
    });
    await waitFor(() => expect(diff.querySelectorAll("tr[data-kind=changed]")).toHaveLength(2));
    const changed = [...diff.querySelectorAll("tr[data-kind=changed]")].map((r) => r.textContent);
    expect(changed.find((r) => r?.includes("runtime.context_size"))).toContain("40968192");
    expect(changed.find((r) => r?.includes("autoscaling.max_replicas"))).toContain("23");

    // The three strategies; canary asks for a weight and shows the split it makes.
    expect(within(dialog).getByLabelText(/^Full/)).toBeChecked();
    expect(within(dialog).getByLabelText(/^None/)).toBeInTheDocument();
    await user.click(within(dialog).getByLabelText(/^Canary/));
    const weight = await within(dialog).findByLabelText("Canary traffic");
    await user.clear(weight);
    await user.type(weight, "20");
    await waitFor(() =>
      expect(within(dialog).getByTestId("canary-preview")).toHaveTextContent(
        "Traffic after the deploy: Revision 1 72% / Revision 2 8% / new revision 20%",
      ),
    );
    await user.click(button(dialog, "Deploy"));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(onDone.mock.calls[0]?.[0]).toMatchObject({ strategy: "canary", revision: { number: 3 } });
    const post = requests.find((r) => r.method === "POST");
    expect(post?.body).toEqual({
      config: {
        model: { version_id: svcIds.version1 },
        runtime: { kind: "llama.cpp", context_size: 8192, parallel: 1 },
        resources: { resource_class: "cpu-2", gpu_count: 0 },
        autoscaling: {
          metric: "concurrency",
          target: 4,
          min_replicas: 1,
          max_replicas: 3,
          scale_down_delay_seconds: 300,
          scale_to_zero: false,
        },
      },
      strategy: "canary",
      weight: 20,
    });
  });

  it("shows the server's no_change refusal and sends no weight for strategy none", {
    timeout: 60_000,
  }, async () => {
    const { requests } = fakeApi({
      "GET /api/v1/fine-tuning/resource-classes": () => page([]),
      [`POST /api/v1/services/${svcIds.service}/revisions`]: () => ({
        status: 409,
        body: {
          error: {
            code: "conflict",
            message: "revision 1 already has this configuration",
            request_id: "req_d1",
            details: { reason: "no_change", revision_id: svcIds.rev1 },
          },
        },
      }),
    });
    const onDone = vi.fn();
    const { user } = renderUi(
      <DeployRevisionDialog
        service={twoRevisions}
        current={twoRevisions.revisions[0]!}
        onClose={() => {}}
        onDone={onDone}
      />,
    );
    const dialog = await findDialog("Deploy a new revision of chat-assistant");
    await user.click(button(dialog, "Next"));
    await within(dialog).findByText("No changes");
    await user.click(within(dialog).getByLabelText(/^None/));
    await user.click(button(dialog, "Deploy"));
    expect(await within(dialog).findByText(/revision 1 already has this configuration/)).toBeInTheDocument();
    expect(onDone).not.toHaveBeenCalled();
    const post = requests.find((r) => r.method === "POST") as { body: Record<string, unknown> };
    expect(post.body.strategy).toBe("none");
    expect(post.body).not.toHaveProperty("weight");
    expect(screen.queryByTestId("canary-preview")).toBeNull();
  });
});
