import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { fakeApi } from "../../../test/fake-api";
import { permissions } from "../../../test/fixtures";
import { renderUi } from "../../../test/render";
import { eventsPage, fineTuneJob, ids, jobEvent } from "../test/fixtures";
import { JobArtifactsTab } from "./job-artifacts-tab";

const at = { route: "/t/ten_1/p/proj_1/fine-tuning/ftj_1?tab=artifacts" };
const succeeded = fineTuneJob({
  status: "succeeded",
  output_model_id: ids.model,
  output_model_name: "support-tuned",
  result_model_version_id: ids.version2,
});
const files = [
  jobEvent(30, "artifact", {
    kind: "adapter",
    path: "adapter.safetensors",
    format: "safetensors",
    sha256: "ab".repeat(32),
    size_bytes: 2 * 1024 * 1024,
  }),
  jobEvent(31, "artifact", {
    kind: "adapter",
    path: "adapter.gguf",
    format: "gguf",
    sha256: "cd".repeat(32),
    size_bytes: 512,
    gguf_type: "F16",
  }),
];

describe("JobArtifactsTab", () => {
  it("links the result version, its model's tags and the deploy wizard, lists the files, and opens the evaluation wizard for it", async () => {
    const { requests } = fakeApi({
      "GET /api/v1/auth/permissions": permissions(["service.create", "evaluation.create"]),
      "GET /api/v1/fine-tuning/jobs/ftj_1/events": (req) => eventsPage(files, req.query),
    });
    const { user, router } = renderUi(
      <JobArtifactsTab job={succeeded} tenantId="ten_1" projectId="proj_1" />,
      at,
    );
    const table = await screen.findByRole("table", { name: "Files" });
    expect(requests.find((r) => r.path.endsWith("/events"))?.query.get("type")).toBe("artifact");
    const cells = within(table)
      .getAllByRole("row")
      .slice(1)
      .map((r) =>
        within(r)
          .getAllByRole("cell")
          .map((c) => c.textContent),
      );
    expect(cells).toEqual([
      ["adapter", "adapter.safetensors", "safetensors", "2.0 MiB", "abababababab…"],
      ["adapter", "adapter.gguf", "gguf (F16)", "512 B", "cdcdcdcdcdcd…"],
    ]);

    expect(screen.getByRole("link", { name: /^Open the result model version/ })).toHaveAttribute(
      "href",
      `/t/ten_1/p/proj_1/model-versions/${ids.version2}`,
    );
    expect(screen.getByRole("link", { name: "support-tuned" })).toHaveAttribute(
      "href",
      `/t/ten_1/p/proj_1/models/${ids.model}`,
    );
    // Evaluate opens the evaluation wizard with the result version as its target.
    const evaluate = await screen.findByRole("link", { name: /Evaluate/ });
    await waitFor(() => expect(evaluate).not.toHaveAttribute("aria-disabled", "true"));
    expect(evaluate).toHaveAttribute(
      "href",
      `/t/ten_1/p/proj_1/evaluation/new?model_version_id=${ids.version2}`,
    );
    // Deploy opens the services create wizard with the result version picked.
    const deploy = await screen.findByRole("link", { name: /Deploy/ });
    await waitFor(() => expect(deploy).not.toHaveAttribute("aria-disabled", "true"));
    expect(deploy).toHaveAttribute("href", `/t/ten_1/p/proj_1/services/new?model_version_id=${ids.version2}`);
    const tag = screen.getByRole("link", { name: /Tag/ });
    expect(tag).toHaveAttribute("href", `/t/ten_1/p/proj_1/models/${ids.model}?tab=tags`);
    await user.click(tag);
    await waitFor(() => expect(router.state.location.pathname).toBe(`/t/ten_1/p/proj_1/models/${ids.model}`));
    expect(router.state.location.search).toBe("?tab=tags");
  });

  it("says the artifacts come with success, and asks nothing before, in both languages", async () => {
    const { requests } = fakeApi({});
    const running = fineTuneJob({ status: "running" });
    const view = renderUi(<JobArtifactsTab job={running} tenantId="ten_1" projectId="proj_1" />);
    expect(await screen.findByText("Artifacts appear when the job succeeds")).toBeInTheDocument();
    expect(screen.getByText(/\(now: Running\)/)).toBeInTheDocument();
    view.unmount();
    renderUi(<JobArtifactsTab job={running} tenantId="ten_1" projectId="proj_1" />, { lang: "zh-CN" });
    expect(await screen.findByText("任务成功后显示产物")).toBeInTheDocument();
    expect(requests).toEqual([]);
  });
});
