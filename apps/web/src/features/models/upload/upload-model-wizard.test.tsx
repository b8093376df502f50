import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { type StartUpload, type UploadCallbacks, UploaderContext } from "../../../lib/uploads/uploader";
import { apiError, fakeApi } from "../../../test/fake-api";
import { page, upload } from "../../../test/fixtures";
import { renderUi } from "../../../test/render";
import { model, modelVersion } from "../test/fixtures";
import { type UploadDone, UploadModelWizard } from "./upload-model-wizard";

/** An upload transport the test drives by hand: each started file waits for progress/success/error. */
function manualUploader() {
  const started: { file: File; callbacks: UploadCallbacks; pause: () => void; resume: () => void }[] = [];
  const start: StartUpload = (file, _projectId, callbacks) => {
    const handle = { file, callbacks, pause: vi.fn(), resume: vi.fn(), cancel: vi.fn() };
    started.push(handle);
    return handle;
  };
  const of = (name: string) => {
    const s = started.find((x) => x.file.name === name);
    if (!s) throw new Error(`${name} was not started`);
    return s;
  };
  return { start, started, of };
}

const sha = (c: string) => c.repeat(64);

function setup(routes: Parameters<typeof fakeApi>[0] = {}) {
  const api = fakeApi({
    "GET /api/v1/projects/proj_1/models": () => page([]),
    "GET /api/v1/uploads/:id": (req) => ({
      body: {
        data: upload({ id: req.path.split("/").pop(), sha256: sha(req.path.endsWith("1") ? "a" : "b") }),
      },
    }),
    "POST /api/v1/projects/proj_1/models": () => ({
      status: 201,
      body: { data: model({ name: "qwen-support" }) },
    }),
    "POST /api/v1/models/mdl_1/versions": () => ({
      status: 201,
      body: { data: modelVersion({ id: "mv_9" }) },
      headers: { "X-Audit-Event-Id": "ae_2" },
    }),
    ...routes,
  });
  const uploader = manualUploader();
  const onDone = vi.fn<(done: UploadDone) => void>();
  const ui = renderUi(
    <UploaderContext.Provider value={uploader.start}>
      <UploadModelWizard projectId="proj_1" onDone={onDone} onCancel={() => {}} />
    </UploaderContext.Provider>,
  );
  return { ...api, ...ui, uploader, onDone };
}

const next = () => screen.getByRole("button", { name: "Next" });
/** Steps stay mounted (their values survive going back); the current one is the one not hidden. */
const onStep = (key: string) =>
  waitFor(() => expect(document.querySelector(`[data-step=${key}]`)).not.toHaveAttribute("hidden"));
const files = () => [
  new File([new Uint8Array(2048)], "model.safetensors"),
  new File(['{"model_type":"qwen2"}'], "config.json", { type: "application/json" }),
];

/** Target and files steps done: both files uploaded (upl_1, upl_2). */
async function throughFiles(s: ReturnType<typeof setup>) {
  await s.user.type(screen.getByLabelText("Model name"), "qwen-support");
  await s.user.click(next());
  await onStep("files");
  const input = document.querySelector<HTMLInputElement>("input[type=file]");
  if (!input) throw new Error("no file input");
  fireEvent.change(input, { target: { files: files() } });
  await screen.findByRole("progressbar", { name: "Upload progress of config.json" });
  s.uploader.of("model.safetensors").callbacks.onSuccess("upl_1");
  s.uploader.of("config.json").callbacks.onSuccess("upl_2");
  await waitFor(() => expect(document.querySelectorAll("[data-file-status=done]")).toHaveLength(2));
  await s.user.click(next());
  await onStep("version");
}

describe("UploadModelWizard", () => {
  // Five typed fields through Ant Design forms: 5-10 s on two loaded cores, so a bound with room.
  it("checks each step before the next: a name, files that finished uploading, unique paths, a base id", {
    timeout: 60_000,
  }, async () => {
    const s = setup();
    const { user, uploader } = s;
    await user.click(next());
    expect(await screen.findByText("Enter the model name")).toBeInTheDocument();
    await onStep("target");
    await user.type(screen.getByLabelText("Model name"), "qwen-support");
    await user.click(next());

    await onStep("files");
    await user.click(next());
    expect(await screen.findByText("Add at least one file")).toBeInTheDocument();
    const input = document.querySelector<HTMLInputElement>("input[type=file]");
    fireEvent.change(input as HTMLInputElement, { target: { files: files() } });
    // Every file uploads at once, each with its own progress.
    const bar = await screen.findByRole("progressbar", { name: "Upload progress of model.safetensors" });
    expect(uploader.started.map((x) => x.file.name)).toEqual(["model.safetensors", "config.json"]);
    uploader.of("model.safetensors").callbacks.onProgress(1024, 2048);
    await waitFor(() => expect(bar).toHaveAttribute("aria-valuenow", "50"));
    await user.click(next());
    expect(
      await screen.findByText("Wait until every file has uploaded (or remove the failed ones)"),
    ).toBeInTheDocument();
    // A failed file offers a retry, which resumes the same transfer.
    uploader.of("config.json").callbacks.onError(new Error("connection reset"));
    await user.click(await screen.findByRole("button", { name: "Retry config.json" }));
    expect(uploader.of("config.json").resume).toHaveBeenCalled();
    uploader.of("model.safetensors").callbacks.onSuccess("upl_1");
    uploader.of("config.json").callbacks.onSuccess("upl_2");
    await waitFor(() => expect(document.querySelectorAll("[data-file-status=done]")).toHaveLength(2));
    // Two files under one path would overwrite each other.
    const path = screen.getByLabelText("Path in the version: config.json");
    await user.clear(path);
    await user.type(path, "model.safetensors");
    await user.click(next());
    expect(await screen.findByText("Duplicate file path: model.safetensors")).toBeInTheDocument();
    await user.clear(path);
    await user.type(path, "config.json");
    await user.click(next());

    await onStep("version");
    await user.type(screen.getByLabelText("Base version id (optional)"), "not-an-id");
    await user.click(next());
    await waitFor(() =>
      expect(
        screen.getAllByText("For derived artifacts (adapter, merged, fine-tune): the base model_version_id")
          .length,
      ).toBeGreaterThan(0),
    );
    await onStep("version");
    await user.clear(screen.getByLabelText("Base version id (optional)"));
    await user.click(next());
    // The review: the files with the sha256 the server computed while receiving.
    await onStep("__review");
    const review = await screen.findByRole("table", { name: "Files" });
    await waitFor(() => expect(within(review).getAllByRole("button", { name: /^Copy ID/ })).toHaveLength(2));
    expect(screen.getByText("New: qwen-support")).toBeInTheDocument();
  });

  it("creates the model and its version once, however often Create is clicked", {
    timeout: 60_000,
  }, async () => {
    const s = setup();
    await throughFiles(s);
    await s.user.click(next());
    await onStep("__review");
    await s.user.dblClick(await screen.findByRole("button", { name: "Create version" }));
    await waitFor(() => expect(s.onDone).toHaveBeenCalledTimes(1));
    const posts = s.requests.filter((r) => r.method === "POST");
    expect(posts.map((r) => r.path)).toEqual([
      "/api/v1/projects/proj_1/models",
      "/api/v1/models/mdl_1/versions",
    ]);
    expect(posts[1]?.body).toMatchObject({
      artifact_type: "full",
      tag_latest: true,
      files: [
        { path: "model.safetensors", upload_id: "upl_1" },
        { path: "config.json", upload_id: "upl_2" },
      ],
    });
    expect(s.onDone.mock.calls[0]?.[0].version.id).toBe("mv_9");
  });

  it("keeps the model a failed submit created: the retry adds the version to it", {
    timeout: 60_000,
  }, async () => {
    let fail = true;
    const s = setup({
      "POST /api/v1/models/mdl_1/versions": () => {
        if (fail) return apiError(409, "conflict", "upload upl_2 is not complete", "req_v1");
        return { status: 201, body: { data: modelVersion({ id: "mv_9" }) } };
      },
    });
    await throughFiles(s);
    await s.user.click(next());
    await s.user.click(await screen.findByRole("button", { name: "Create version" }));
    expect(await screen.findByText(/upload upl_2 is not complete/)).toBeInTheDocument();
    expect(s.onDone).not.toHaveBeenCalled();
    fail = false;
    await s.user.click(screen.getByRole("button", { name: "Create version" }));
    await waitFor(() => expect(s.onDone).toHaveBeenCalledTimes(1));
    expect(
      s.requests.filter((r) => r.method === "POST" && r.path.endsWith("/projects/proj_1/models")),
    ).toHaveLength(1);
    expect(s.requests.filter((r) => r.method === "POST" && r.path.endsWith("/versions"))).toHaveLength(2);
  });
});
