import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { findDialog } from "../../../test/dialogs";
import { fakeApi } from "../../../test/fake-api";
import { page, permissions } from "../../../test/fixtures";
import { renderUi } from "../../../test/render";
import { fineTuneJob, fineTuneTemplate, ids } from "../test/fixtures";
import { JobsPage } from "./jobs-page";

const at = { route: "/t/ten_1/p/proj_1/fine-tuning", path: "/t/:tenantId/p/:projectId/fine-tuning" };
const all = [
  "fine_tuning.job.list",
  "fine_tuning.job.create",
  "fine_tuning.job.cancel",
  "fine_tuning.job.retry",
  "fine_tuning.job.delete",
];
// Plain DOM lookups: role queries over a wide antd table are slow in jsdom.
const rowOf = (_table: HTMLElement, name: string) =>
  [...document.querySelectorAll<HTMLElement>("tr[data-row-key]")].find((tr) =>
    [...tr.querySelectorAll("a")].some((a) => a.textContent === name),
  ) as HTMLElement;
const buttons = (row: HTMLElement) =>
  [...row.querySelectorAll("button")]
    .map((b) => b.textContent)
    .filter((s) => s && ["Cancel", "Retry", "Clone", "Delete"].includes(s));

describe("JobsPage", () => {
  it("shows each job's status tag and only the actions its status allows", { timeout: 60_000 }, async () => {
    fakeApi({
      "GET /api/v1/auth/permissions": permissions(all),
      "GET /api/v1/projects/proj_1/fine-tuning/jobs": () =>
        page([
          fineTuneJob({
            id: "ftj_q",
            name: "queued-job",
            status: "queued",
            queue_position: 3,
            eta_seconds: 125,
          }),
          fineTuneJob({
            id: "ftj_r",
            name: "running-job",
            status: "running",
            started_at: "2025-03-01T08:00:00.000Z",
          }),
          fineTuneJob({ id: "ftj_f", name: "failed-job", status: "failed" }),
          fineTuneJob({
            id: "ftj_s",
            name: "done-job",
            status: "succeeded",
            started_at: "2025-03-01T08:00:00.000Z",
            finished_at: "2025-03-01T09:02:03.000Z",
          }),
          fineTuneJob({ id: "ftj_k", name: "canceling-job", status: "canceling" }),
        ]),
    });
    renderUi(<JobsPage />, at);
    await screen.findByText("queued-job");
    const table = document.body;

    const queued = rowOf(table, "queued-job");
    expect(queued.querySelector("[data-status=queued]")).toHaveTextContent("Queued");
    // Queue position and ETA come from the API as they are.
    expect(queued.textContent).toContain("#3");
    expect(queued.textContent).toContain("2m 05s");
    expect(rowOf(table, "failed-job").querySelector("[data-status=failed]")).toHaveTextContent("Failed");
    expect(rowOf(table, "canceling-job").querySelector("[data-status=canceling]")).toHaveTextContent(
      "Canceling",
    );
    expect(rowOf(table, "done-job").textContent).toContain("1h 02m 03s");

    await waitFor(() => expect(buttons(queued)).toEqual(["Cancel", "Clone"]));
    expect(buttons(rowOf(table, "running-job"))).toEqual(["Cancel", "Clone"]);
    expect(buttons(rowOf(table, "canceling-job"))).toEqual(["Clone"]);
    expect(buttons(rowOf(table, "failed-job"))).toEqual(["Retry", "Clone", "Delete"]);
    expect(buttons(rowOf(table, "done-job"))).toEqual(["Clone", "Delete"]);
  });

  it("hides the actions the caller may not take", { timeout: 60_000 }, async () => {
    fakeApi({
      "GET /api/v1/auth/permissions": permissions(["fine_tuning.job.list", "fine_tuning.job.retry"], {
        "fine_tuning.job.delete": "only project admins delete jobs",
        "fine_tuning.job.create": "viewers cannot create jobs",
      }),
      "GET /api/v1/projects/proj_1/fine-tuning/jobs": () =>
        page([fineTuneJob({ id: "ftj_f", name: "failed-job", status: "failed" })]),
    });
    renderUi(<JobsPage />, at);
    await screen.findByText("failed-job");
    const table = document.body;
    await waitFor(() => expect(buttons(rowOf(table, "failed-job"))).toEqual(["Retry"]));
    // The header's create button stays, locked with the server's reason.
    const create = screen.getByRole("button", { name: /Fine-tune a model/ });
    expect(create).toBeDisabled();
    expect(create.closest("[data-locked-reason]")).toHaveAttribute(
      "data-locked-reason",
      "viewers cannot create jobs",
    );
  });

  it("cancels a job after confirming, and says so with the audit link", { timeout: 60_000 }, async () => {
    const { requests } = fakeApi({
      "GET /api/v1/auth/permissions": permissions(all),
      "GET /api/v1/projects/proj_1/fine-tuning/jobs": () => page([fineTuneJob()]),
      "POST /api/v1/fine-tuning/jobs/ftj_1/cancel": () => ({
        body: { data: fineTuneJob({ status: "canceled" }) },
        headers: { "X-Audit-Event-Id": "ae_9" },
      }),
    });
    const { user } = renderUi(<JobsPage />, at);
    await screen.findByText("support-lora");
    await waitFor(() => expect(buttons(rowOf(document.body, "support-lora"))).toContain("Cancel"));
    await user.click(screen.getByRole("button", { name: "Cancel support-lora" }));
    const dialog = await findDialog("Cancel job support-lora?");
    await user.click(within(dialog).getByRole("button", { name: "Cancel job" }));
    await waitFor(() =>
      expect(requests.some((r) => r.method === "POST" && r.path.endsWith("/ftj_1/cancel"))).toBe(true),
    );
    expect(await screen.findByText("Job support-lora canceled")).toBeInTheDocument();
  });

  it("offers to fine-tune a model when the project has no jobs", { timeout: 60_000 }, async () => {
    fakeApi({
      "GET /api/v1/auth/permissions": permissions(all),
      "GET /api/v1/projects/proj_1/fine-tuning/jobs": () => page([]),
    });
    const { user, router } = renderUi(<JobsPage />, at);
    expect(await screen.findByText(/No fine-tuning jobs yet/)).toBeInTheDocument();
    const buttonsNamed = await screen.findAllByRole("button", { name: /Fine-tune a model/ });
    await waitFor(() => expect(buttonsNamed.at(-1)).toBeEnabled());
    await user.click(buttonsNamed.at(-1) as HTMLElement);
    await waitFor(() => expect(router.state.location.pathname).toBe("/t/ten_1/p/proj_1/fine-tuning/new"));
  });

  it("filters mine and by status on the server, and exports that filter as CSV", {
    timeout: 60_000,
  }, async () => {
    const { requests } = fakeApi({
      "GET /api/v1/auth/permissions": permissions(all),
      "GET /api/v1/projects/proj_1/fine-tuning/jobs": (req) =>
        req.query.get("format") === "csv"
          ? { text: "id,name\r\nftj_1,support-lora\r\n" }
          : page([fineTuneJob()]),
    });
    const { user } = renderUi(<JobsPage />, at);
    await screen.findByText("support-lora");
    const list = () => requests.filter((r) => r.path.endsWith("/fine-tuning/jobs"));
    await user.click(screen.getByRole("combobox", { name: "Creator" }));
    await user.click(await screen.findByTitle("Mine"));
    await waitFor(() => expect(list().at(-1)?.query.get("created_by")).toBe("me"));
    await user.click(screen.getByRole("combobox", { name: "Status" }));
    await user.click(await screen.findByTitle("Failed"));
    await waitFor(() => expect(list().at(-1)?.query.get("status")).toBe("failed"));

    const saved: Blob[] = [];
    const spy = vi.spyOn(URL, "createObjectURL").mockImplementation((b) => {
      saved.push(b as Blob);
      return "blob:x";
    });
    await user.click(screen.getByRole("button", { name: /Export CSV/ }));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(Object.fromEntries(list().at(-1)?.query ?? [])).toMatchObject({
      created_by: "me",
      status: "failed",
      format: "csv",
    });
    spy.mockRestore();
  });

  it("lists the templates in a drawer: use one opens the wizard with it, delete asks first", {
    timeout: 60_000,
  }, async () => {
    const { requests } = fakeApi({
      "GET /api/v1/auth/permissions": permissions([...all, "fine_tuning.template.delete"]),
      "GET /api/v1/projects/proj_1/fine-tuning/jobs": () => page([fineTuneJob()]),
      "GET /api/v1/projects/proj_1/fine-tuning/templates": () => page([fineTuneTemplate()]),
      [`DELETE /api/v1/fine-tuning/templates/${ids.template}`]: () => ({
        status: 204,
        headers: { "X-Audit-Event-Id": "ae_3" },
      }),
    });
    const { user, router } = renderUi(<JobsPage />, at);
    await screen.findByText("support-lora");
    await user.click(screen.getByRole("button", { name: /Templates/ }));
    await findDialog("Job templates");
    expect(await screen.findByText("rank 32 for support chats")).toBeInTheDocument();

    const remove = await screen.findByRole("button", { name: "Delete template lora-r32" });
    await waitFor(() => expect(remove).toBeEnabled());
    await user.click(remove);
    const confirm = await findDialog("Delete template lora-r32?");
    await user.click(within(confirm).getByRole("button", { name: "Delete" }));
    await waitFor(() => expect(requests.some((r) => r.method === "DELETE")).toBe(true));
    expect(await screen.findByText("Template lora-r32 deleted")).toBeInTheDocument();

    const use = screen.getByRole("button", { name: "Start a job from template lora-r32" });
    await user.click(use);
    await waitFor(() =>
      expect(`${router.state.location.pathname}${router.state.location.search}`).toBe(
        `/t/ten_1/p/proj_1/fine-tuning/new?template=${ids.template}`,
      ),
    );
  });
});
