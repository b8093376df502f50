import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { findDialog } from "../../../test/dialogs";
import { apiError, fakeApi } from "../../../test/fake-api";
import { page, permissions } from "../../../test/fixtures";
import { renderUi } from "../../../test/render";
import {
  baseModel,
  baseVersion,
  fineTuneJob,
  fineTuneTemplate,
  ids,
  resourceClass,
  trainingDataset,
  trainingVersion,
} from "../test/fixtures";
import { NewJobPage } from "./new-job-page";

const at = (query = "") => ({
  route: `/t/ten_1/p/proj_1/fine-tuning/new${query}`,
  path: "/t/:tenantId/p/:projectId/fine-tuning/new",
});
const source = fineTuneJob({ id: "ftj_src", name: "support-lora", status: "failed" });
const jobsPath = "/api/v1/projects/proj_1/fine-tuning/jobs";
const sentJob = <R extends { method: string; path: string }>(requests: R[]) =>
  requests.find((r) => r.method === "POST" && r.path === jobsPath);

/** The dry run's answer: counted with another tokenizer, too large for the GPU class, two measured jobs. */
const dryRun = () => ({
  body: {
    data: {
      config: source.config,
      resolved: {
        base_model_id: ids.model,
        base_model_version_id: ids.version,
        dataset_id: ids.dataset,
        dataset_version_id: ids.datasetVersion,
        validation_dataset_version_id: null,
        output_model_id: null,
        output_model_name: "support-tuned",
      },
      estimate: {
        train_records: 90,
        validation_records: 10,
        steps_per_epoch: 12,
        total_steps: 36,
        tokens_per_epoch: 9000,
        duration_seconds: 72,
        gpu_hours: 0.02,
        cost: { low: 0.0012, high: 0.0036, currency: "USD" },
        based_on_jobs: 2,
        memory: [
          {
            resource_class: "cpu-2",
            estimated_bytes: 2 * 1024 ** 3,
            available_bytes: 4 * 1024 ** 3,
            verdict: "fits",
          },
          {
            resource_class: "gpu-1",
            estimated_bytes: 2 * 1024 ** 3,
            available_bytes: 1024 ** 3,
            verdict: "will_not_fit",
          },
        ],
      },
      warnings: [
        {
          code: "tokenizer_mismatch",
          message: 'counted with "o200k_base", not the base model version\'s tokenizer (vocabulary)',
          differences: { tokenizer: "default" },
        },
        { code: "few_steps", message: "the job takes only 3 optimizer steps" },
      ],
    },
  },
});

function setup(post?: Parameters<typeof fakeApi>[0][string]) {
  return fakeApi({
    "GET /api/v1/auth/permissions": permissions(["fine_tuning.job.create"]),
    "GET /api/v1/fine-tuning/jobs/ftj_src": () => ({ body: { data: source } }),
    "GET /api/v1/fine-tuning/jobs/ftj_src/config": () => ({ body: { data: source.config } }),
    "GET /api/v1/projects/proj_1/models": () => page([baseModel()]),
    [`GET /api/v1/models/${ids.model}/versions`]: () => page([baseVersion()]),
    [`GET /api/v1/model-versions/${ids.version}`]: () => ({ body: { data: baseVersion() } }),
    "GET /api/v1/projects/proj_1/datasets": () => page([trainingDataset()]),
    [`GET /api/v1/datasets/${ids.dataset}/versions`]: () => page([trainingVersion()]),
    "GET /api/v1/projects/proj_1/fine-tuning/templates": () => page([fineTuneTemplate()]),
    [`GET /api/v1/fine-tuning/templates/${ids.template}`]: () => ({ body: { data: fineTuneTemplate() } }),
    [`GET /api/v1/dataset-versions/${ids.datasetVersion}`]: () => ({ body: { data: trainingVersion() } }),
    "GET /api/v1/fine-tuning/resource-classes": () =>
      page([
        resourceClass(),
        resourceClass({
          name: "gpu-1",
          display_name: "One GPU",
          gpu_count: 1,
          gpu_model: "H100",
          hourly_price: 2.5,
        }),
      ]),
    "POST /api/v1/projects/proj_1/fine-tuning/jobs/validate": dryRun,
    "POST /api/v1/projects/proj_1/fine-tuning/jobs":
      post ??
      ((req) => ({
        status: 201,
        body: { data: fineTuneJob({ id: "ftj_new", name: (req.body as { name?: string }).name ?? null }) },
        headers: { "X-Audit-Event-Id": "ae_1" },
      })),
  });
}

const stepShown = (key: string) =>
  waitFor(() => expect(document.querySelector(`[data-step=${key}]`)).not.toHaveAttribute("hidden"));
const button = (name: string) =>
  [...document.querySelectorAll("button")].find((b) => b.textContent === name) as HTMLButtonElement;
const input = (id: string) => document.getElementById(id) as HTMLInputElement;

describe("NewJobPage (create wizard)", () => {
  it("does not leave the base model step without a model", { timeout: 60_000 }, async () => {
    setup();
    const { user } = renderUi(<NewJobPage />, at());
    await screen.findByText("Create a fine-tuning job");
    const steps = [...document.querySelectorAll(".ant-steps-item-title")].map((s) => s.textContent);
    expect(steps).toEqual(["Base model", "Data", "Configuration", "Resources", "Review"]);
    await user.click(button("Next"));
    expect(await screen.findByText("Choose a base model")).toBeInTheDocument();
    await stepShown("base");
  });

  it("clones a job: prefilled steps, the contract's message on a bad value, and the payload sent", {
    timeout: 60_000,
  }, async () => {
    const { requests } = setup();
    const { user, router } = renderUi(<NewJobPage />, at("?clone=ftj_src"));
    await screen.findByText("Clone job support-lora");
    // Base model: the tag resolved to its version, with its metadata.
    await screen.findByText("1.1M");
    expect(screen.getByText("2.0K")).toBeInTheDocument();
    expect(input("name").value).toBe("support-lora-clone");

    await user.click(button("Next"));
    await stepShown("data");
    await screen.findByText("100");

    await user.click(button("Next"));
    await stepShown("config");
    const rank = input("lora_rank");
    expect(rank.value).toBe("8");
    fireEvent.change(rank, { target: { value: "5000" } });
    await user.click(button("Next"));
    expect(await screen.findByText(/expected number to be <=1024/)).toBeInTheDocument();
    await stepShown("config");
    fireEvent.change(rank, { target: { value: "16" } });
    await user.click(button("Next"));
    await stepShown("resources");
    expect(await screen.findByText("0.1 USD / hour")).toBeInTheDocument();

    await user.click(button("Next"));
    await stepShown("__review");
    await user.click(button("Submit job"));
    await waitFor(() => expect(router.state.location.pathname).toBe("/t/ten_1/p/proj_1/fine-tuning/ftj_new"));
    const post = sentJob(requests);
    expect(post?.body).toMatchObject({
      name: "support-lora-clone",
      base_model: { model_id: ids.model, tag: "latest" },
      dataset_version_id: ids.datasetVersion,
      validation_split: 0.1,
      method: "lora",
      lora: { rank: 16, alpha: 16, dropout: 0, target_modules: ["attn_q", "attn_v"] },
      output: { model_name: "support-tuned", move_latest: true },
      resource_class: "cpu-2",
    });
  });

  it("puts the server's field errors on the review", { timeout: 60_000 }, async () => {
    setup(() =>
      apiError(400, "validation_error", "request is not valid", "req_1", {
        fields: [{ path: "lora.rank", message: "rank too large for runtime reference", code: "custom" }],
      }),
    );
    const { user } = renderUi(<NewJobPage />, at("?clone=ftj_src"));
    await screen.findByText("1.1M");
    for (const step of ["data", "config", "resources", "__review"]) {
      await user.click(button("Next"));
      await stepShown(step);
    }
    await user.click(button("Submit job"));
    expect(await screen.findByText("Fix these fields and submit again")).toBeInTheDocument();
    const item = [...document.querySelectorAll("li")].find((li) => li.textContent?.includes("lora.rank"));
    expect(item?.textContent).toBe("Configuration · lora.rank: rank too large for runtime reference");
  });

  it("imports a configuration JSON and refuses one that breaks the contract", {
    timeout: 60_000,
  }, async () => {
    const { requests } = setup();
    const { user } = renderUi(<NewJobPage />, at());
    await screen.findByText("Create a fine-tuning job");
    await user.click(button("Import config JSON"));
    const dialog = await findDialog("Import config JSON");
    const area = dialog.querySelector("textarea") as HTMLTextAreaElement;
    fireEvent.change(area, { target: { value: JSON.stringify({ ...source.config, epochs: -1 }) } });
    await user.click(within(dialog).getByRole("button", { name: "Import" }));
    expect(await within(dialog).findByText(/^epochs: /)).toBeInTheDocument();

    const imported = { ...source.config, name: "imported", base_model: { version_id: ids.version } };
    fireEvent.change(area, { target: { value: JSON.stringify(imported) } });
    await user.click(within(dialog).getByRole("button", { name: "Import" }));
    await waitFor(() => expect(input("name").value).toBe("imported"));
    // A version alone: its model is looked up for the picker, and its metadata shown.
    await screen.findByText("1.1M");
    expect(requests.some((r) => r.path === `/api/v1/model-versions/${ids.version}`)).toBe(true);
  });

  it("From template: picking one prefills the wizard with its configuration, and the job is sent as shown", {
    timeout: 60_000,
  }, async () => {
    const { requests } = setup();
    const { user, router } = renderUi(<NewJobPage />, at());
    await screen.findByText("Create a fine-tuning job");
    await user.click(screen.getByRole("combobox", { name: "From template" }));
    await user.click(await screen.findByTitle("lora-r32 — rank 32 for support chats"));
    await screen.findByText("New job from template lora-r32");
    expect(router.state.location.search).toBe(`?template=${ids.template}`);
    // The template's base model, then its settings over the contract's defaults.
    await screen.findByText("1.1M");
    await user.click(button("Next"));
    await stepShown("data");
    // The template names the version alone: its dataset is looked up for the picker.
    await screen.findByText("100");
    await user.click(button("Next"));
    await stepShown("config");
    expect(input("lora_rank").value).toBe("32");
    expect(input("lora_alpha").value).toBe("64");
    expect(input("epochs").value).toBe("3");
    expect(input("batch_size").value).toBe("8");
    for (const step of ["resources", "__review"]) {
      await user.click(button("Next"));
      await stepShown(step);
    }
    await user.click(button("Submit job"));
    await waitFor(() => expect(router.state.location.pathname).toBe("/t/ten_1/p/proj_1/fine-tuning/ftj_new"));
    const post = sentJob(requests);
    expect(post?.body).toMatchObject({
      base_model: { model_id: ids.model, tag: "latest" },
      dataset_version_id: ids.datasetVersion,
      epochs: 3,
      lora: { rank: 32, alpha: 64 },
      output: { model_name: "support-r32" },
    });
    // Sent as the wizard shows it: a setting cleared there must not come back from the template.
    expect(post?.body).not.toHaveProperty("template_id");
  });

  it("shows the dry run: data risks on the data step, memory verdicts and the cost range on resources and review", {
    timeout: 60_000,
  }, async () => {
    const { requests } = setup();
    const { user } = renderUi(<NewJobPage />, at("?clone=ftj_src"));
    await screen.findByText("1.1M");
    await user.click(button("Next"));
    await stepShown("data");
    const dataStep = document.querySelector("[data-step=data]") as HTMLElement;
    expect(await within(dataStep).findByText("Tokenizer mismatch")).toBeInTheDocument();
    expect(within(dataStep).getByText(/counted with "o200k_base"/)).toBeInTheDocument();
    // Not a data warning: shown with the review instead.
    expect(within(dataStep).queryByText("Few steps")).not.toBeInTheDocument();
    const asked = requests.find((r) => r.path === `${jobsPath}/validate`);
    expect(asked?.body).toMatchObject({ dataset_version_id: ids.datasetVersion });

    await user.click(button("Next"));
    await stepShown("config");
    await user.click(button("Next"));
    await stepShown("resources");
    const memory = screen.getByText("Memory per resource class").closest(".ant-descriptions") as HTMLElement;
    expect(within(memory).getByText("Will not fit")).toBeInTheDocument();
    expect(within(memory).getByText("Fits")).toBeInTheDocument();
    expect(within(memory).getByText("needs about 2.0 GiB of 1.0 GiB")).toBeInTheDocument();
    await user.click(screen.getByRole("combobox", { name: "Resource class" }));
    const tooSmall = await screen.findByTitle(/One GPU \(gpu-1\).* · will not fit$/);
    expect(tooSmall).toHaveClass("ant-select-item-option-disabled");
    expect(screen.getAllByText("0.0012 – 0.0036 USD").length).toBeGreaterThan(0);
    expect(screen.getAllByText("0.02").length).toBeGreaterThan(0);

    await user.keyboard("{Escape}");
    await user.click(button("Next"));
    await stepShown("__review");
    const review = document.querySelector("[data-step=__review]") as HTMLElement;
    expect(within(review).getByText("Few steps")).toBeInTheDocument();
    expect(within(review).getByText("0.0012 – 0.0036 USD")).toBeInTheDocument();
  });
});
