import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXIT_JOB_CANCELED, EXIT_JOB_FAILED } from "./lib/exit-codes.js";
import { freePort, type Run, spawnCli, startUp, type UpProcess } from "./testing/harness.js";

/**
 * `infera finetune …` through the real binary against a real `infera up`. The first suite pauses the
 * scheduler (INFERA_FINETUNE_MAX_CONCURRENT=0) so jobs stay queued while their records are checked;
 * the second trains one for real: create, watch to success, logs.
 */
describe("infera finetune against infera up", () => {
  const dir = mkdtempSync(join(tmpdir(), "infera-cli-finetune-"));
  const configHome = join(dir, "config");
  const password = "finetune admin password";
  let url: string;
  let up: UpProcess;

  const env = (): Record<string, string> => ({
    PATH: process.env.PATH ?? "",
    HOME: dir,
    NO_COLOR: "1",
    XDG_CONFIG_HOME: configHome,
    INFERA_URL: url,
  });
  const cli = (args: string[], input = ""): Promise<Run> => spawnCli(args, env(), input).done;
  const json = (r: Run) => {
    expect(r.code, r.stderr).toBe(0);
    return JSON.parse(r.stdout);
  };
  /** A job with the defaults, left queued (the scheduler is paused here). */
  const createQueued = async (outputModelName: string) =>
    json(
      await cli([
        "finetune",
        "create",
        "--base-model",
        "infera-tiny",
        "--dataset",
        "chats",
        "--output-model-name",
        outputModelName,
        "--json",
      ]),
    );

  beforeAll(async () => {
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    up = await startUp({
      PATH: process.env.PATH ?? "",
      HOME: dir,
      NO_COLOR: "1",
      INFERA_DATA_DIR: join(dir, "data"),
      INFERA_PORT: String(port),
      INFERA_ADMIN_PASSWORD: password,
      INFERA_FINETUNE_MAX_CONCURRENT: "0",
    });
    const login = await cli(["login", "--email", "admin@localhost", "--password-stdin"], `${password}\n`);
    expect(login.code, login.stderr).toBe(0);
    json(await cli(["projects", "create", "Tuning", "--json"]));
    // The default project: every finetune command below finds names in it.
    expect((await cli(["use", "Tuning"])).code).toBe(0);
    const chats = join(dir, "chats.jsonl");
    let lines = "";
    for (let i = 0; i < 12; i++)
      lines += `${JSON.stringify({
        messages: [
          { role: "user", content: `what is ${i} + 1?` },
          { role: "assistant", content: `It is ${i + 1}.` },
        ],
      })}\n`;
    writeFileSync(chats, lines);
    json(await cli(["datasets", "upload", "--name", "chats", chats, "--json"]));
  }, 180_000);

  afterAll(async () => {
    await up?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("creates from flags (model:tag and dataset:N resolved), exports the config and imports it with --from-file; lists and shows", async () => {
    const job = json(
      await cli([
        "finetune",
        "create",
        "--base-model",
        "infera-tiny:latest",
        "--dataset",
        "chats:1",
        "--output-model-name",
        "tiny-chats",
        "--epochs",
        "2",
        "--lora-rank",
        "4",
        "--learning-rate",
        "5e-4",
        "--name",
        "first",
        "--json",
      ]),
    );
    expect(job).toMatchObject({ name: "first", status: "queued", method: "lora", attempt: 1 });
    expect(job.config).toMatchObject({ epochs: 2, learning_rate: 5e-4, lora: { rank: 4, alpha: 16 } });
    expect(job.config.base_model).toEqual({ model_id: job.base_model_id, tag: "latest" });
    expect(job.base_model_version_id).toMatch(/^mv_/);

    // Export, then import unchanged but for the name and output (flags override the file).
    const exported = await cli(["finetune", "config", job.id]);
    expect(exported.code, exported.stderr).toBe(0);
    const file = join(dir, "job.json");
    writeFileSync(file, exported.stdout);
    const copy = json(
      await cli([
        "finetune",
        "create",
        "--from-file",
        file,
        "--name",
        "second",
        "--output-model-name",
        "tiny-2",
        "--json",
      ]),
    );
    expect(copy.config).toEqual({
      ...job.config,
      name: "second",
      output: { ...job.config.output, model_name: "tiny-2" },
    });
    expect(copy.base_model_version_id).toBe(job.base_model_version_id);

    const table = await cli(["finetune", "list", "--status", "queued", "--mine"]);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toContain(job.id);
    expect(table.stdout).toContain(copy.id);
    const page = json(await cli(["finetune", "list", "--limit", "1", "--json"]));
    expect(page.data.map((j: { id: string }) => j.id)).toEqual([copy.id]);
    expect(page.next_cursor).toEqual(expect.any(String));

    const csv = await cli(["finetune", "list", "--format", "csv"]);
    expect(csv.stdout.split("\n")[0]).toContain("id");
    expect(csv.stdout).toContain(copy.id);

    const shown = await cli(["finetune", "show", job.id]);
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toContain(`${job.base_model_id}:latest → version ${job.base_model_version_id}`);
    expect(shown.stdout).toMatch(/rank 4, alpha 16/);
    expect(shown.stdout).toMatch(/queued\s+│\s+created\s+│\s+\d+s so far/);
  }, 120_000);

  it("cancel, then watch prints the transition and exits with the canceled code; clone --set keeps the rest of lora", async () => {
    const job = await createQueued("to-cancel");
    const canceled = await cli(["finetune", "cancel", job.id]);
    expect(canceled.code, canceled.stderr).toBe(0);
    expect(canceled.stdout).toMatch(/^status\s+canceled$/m);

    const watched = await cli(["finetune", "watch", job.id, "--interval", "0.2"]);
    expect(watched.code, watched.stderr).toBe(EXIT_JOB_CANCELED);
    expect(watched.stdout).toMatch(/queued → canceled\s+\(canceled\)/);
    expect(watched.stdout).toContain(`Job ${job.id} canceled.`);

    // Retry queues the same job again (next attempt); a job not finished cannot be deleted (exit 6).
    expect(json(await cli(["finetune", "retry", job.id, "--json"]))).toMatchObject({
      status: "queued",
      attempt: 2,
    });
    const refused = await cli(["finetune", "delete", job.id]);
    expect(refused.code).toBe(6);

    const clone = json(
      await cli([
        "finetune",
        "clone",
        job.id,
        "--set",
        "lora.rank=16",
        "--set",
        "output.model_name=cloned",
        "--json",
      ]),
    );
    expect(clone.config.lora).toEqual({ ...job.config.lora, rank: 16 });
    expect(clone.output_model_name).toBe("cloned");

    // Fix and clone needs a failed job with a mechanical fix.
    const unfixable = await cli(["finetune", "clone", job.id, "--fix"]);
    expect(unfixable.code).toBe(2);
    expect(unfixable.stderr).toContain("only a failed job has a fix to apply");
  }, 120_000);

  it("templates: saves an exported config under a name, create --template <name> merges flags over it, list/show/delete", async () => {
    const source = json(
      await cli([
        "finetune",
        "create",
        "--base-model",
        "infera-tiny",
        "--dataset",
        "chats",
        "--output-model-name",
        "template-source",
        "--lora-rank",
        "4",
        "--name",
        "source job",
        "--json",
      ]),
    );
    const exported = await cli(["finetune", "config", source.id]);
    expect(exported.code, exported.stderr).toBe(0);
    const file = join(dir, "template.json");
    writeFileSync(file, exported.stdout);
    const saved = json(
      await cli([
        "finetune",
        "templates",
        "create",
        "--from-file",
        file,
        "--name",
        "LoRA four",
        "--description",
        "rank 4 on chats",
        "--json",
      ]),
    );
    expect(saved).toMatchObject({ name: "LoRA four", description: "rank 4 on chats" });
    // The job's own name is not part of a template.
    expect(saved.config.name).toBeUndefined();
    expect(saved.config.lora.rank).toBe(4);

    const table = await cli(["finetune", "templates", "list"]);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toContain("LoRA four");
    const shown = await cli(["finetune", "templates", "show", "lora four"]);
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toContain(saved.id);

    // The name is resolved in the project; flags override the template's fields.
    const job = json(
      await cli([
        "finetune",
        "create",
        "--template",
        "lora FOUR",
        "--epochs",
        "3",
        "--output-model-name",
        "from-template",
        "--json",
      ]),
    );
    expect(job.template_id).toBe(saved.id);
    expect(job.config).toMatchObject({
      epochs: 3,
      lora: { rank: 4 },
      output: { model_name: "from-template" },
      dataset_version_id: source.config.dataset_version_id,
    });
    expect(job.name).toBeNull();

    const unknown = await cli(["finetune", "create", "--template", "no such template", "--epochs", "2"]);
    expect(unknown.code).toBe(5);
    expect(unknown.stderr).toContain('no fine-tuning template named "no such template"');

    const deleted = await cli(["finetune", "templates", "delete", "LoRA four"]);
    expect(deleted.code, deleted.stderr).toBe(0);
    expect((await cli(["finetune", "templates", "show", saved.id])).code).toBe(5);
  }, 120_000);

  it("validate: the same flags as create, prints the resolved ids and the estimate, submits nothing", async () => {
    const flags = [
      "--base-model",
      "infera-tiny:latest",
      "--dataset",
      "chats:1",
      "--output-model-name",
      "dry-run",
    ];
    const before = json(await cli(["finetune", "list", "--json"])).data.length;
    const dry = json(await cli(["finetune", "validate", ...flags, "--epochs", "2", "--json"]));
    expect(dry.resolved.base_model_version_id).toMatch(/^mv_/);
    expect(dry.resolved.output_model_name).toBe("dry-run");
    expect(dry.config.epochs).toBe(2);
    expect(dry.estimate.total_steps).toBeGreaterThan(0);
    const text = await cli(["finetune", "validate", ...flags]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain(dry.resolved.base_model_version_id);
    expect(text.stdout).toMatch(/steps +\d+ per epoch/);
    // The memory verdict of every enabled class, from the bundled model's parameter count.
    expect(dry.estimate.memory.length).toBeGreaterThan(0);
    expect(text.stdout).toMatch(/^ {2}cpu-2 +[\d.]+ GiB of [\d.]+ GiB: (fits|tight|will not fit)$/m);
    expect(json(await cli(["finetune", "list", "--json"])).data.length).toBe(before);
    const bad = await cli(["finetune", "validate", ...flags, "--epochs", "-1"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("epochs");
  });

  it("download: an unknown job is not found (5); a queued job has no artifacts yet (6) and no checkpoint (5)", async () => {
    const missing = await cli(["finetune", "download", "ftj_doesnotexist0000000000"]);
    expect(missing.code, missing.stderr).toBe(5);
    const job = await createQueued("not-yet");
    const out = join(dir, "not-yet");
    const early = await cli(["finetune", "download", job.id, "-o", out]);
    expect(early.code, early.stderr).toBe(6);
    expect(early.stderr).toContain(`job ${job.id} is queued: it has artifacts only once it succeeded`);
    const none = await cli(["finetune", "download", job.id, "--checkpoint", "latest", "-o", out]);
    expect(none.code, none.stderr).toBe(5);
    expect(none.stderr).toContain("has no checkpoints");
    const named = await cli(["finetune", "download", job.id, "--checkpoint", "step-00000001", "-o", out]);
    expect(named.code, named.stderr).toBe(5);
    const unsafe = await cli(["finetune", "download", job.id, "--checkpoint", "../x"]);
    expect(unsafe.code).toBe(2);
    expect(existsSync(out)).toBe(false);
    expect((await cli(["finetune", "cancel", job.id])).code).toBe(0);
  }, 60_000);

  it("bad input exits 2 and names the field", async () => {
    const bad = await cli([
      "finetune",
      "create",
      "--base-model",
      "infera-tiny",
      "--dataset",
      "chats",
      "--output-model-name",
      "bad",
      "--learning-rate",
      "5",
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/learning_rate: /);
  }, 60_000);
});

describe("infera finetune create && infera finetune watch: a job trains to a new model version", () => {
  const dir = mkdtempSync(join(tmpdir(), "infera-cli-train-"));
  const configHome = join(dir, "config");
  const password = "train admin password";
  let url: string;
  let up: UpProcess;
  const env = (): Record<string, string> => ({
    PATH: process.env.PATH ?? "",
    HOME: dir,
    NO_COLOR: "1",
    XDG_CONFIG_HOME: configHome,
    INFERA_URL: url,
  });
  const cli = (args: string[], input = ""): Promise<Run> => spawnCli(args, env(), input).done;
  /** A bearer token of the platform admin, for asking the API directly what the CLI should match. */
  const adminToken = async () => {
    const login = await fetch(`${url}/api/v1/auth/login`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ email: "admin@localhost", password, issue_token: true }),
    });
    return ((await login.json()) as { data: { token: string } }).data.token;
  };
  /** The job that trained to success in the first test; the download test reads what it left. */
  let trainedJobId: string;

  beforeAll(async () => {
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    up = await startUp({
      PATH: process.env.PATH ?? "",
      HOME: dir,
      NO_COLOR: "1",
      INFERA_DATA_DIR: join(dir, "data"),
      INFERA_PORT: String(port),
      INFERA_ADMIN_PASSWORD: password,
    });
    expect(
      (await cli(["login", "--email", "admin@localhost", "--password-stdin"], `${password}\n`)).code,
    ).toBe(0);
    expect((await cli(["projects", "create", "Train"])).code).toBe(0);
    expect((await cli(["use", "Train"])).code).toBe(0);
    const tickets = join(dir, "tickets.jsonl");
    let lines = "";
    for (let i = 0; i < 16; i++)
      lines += `${JSON.stringify({
        messages: [
          { role: "user", content: `Which team handles ticket ${i}?` },
          { role: "assistant", content: ["billing", "shipping"][i % 2] },
        ],
      })}\n`;
    writeFileSync(tickets, lines);
    expect((await cli(["datasets", "upload", "--name", "tickets", tickets])).code).toBe(0);
  }, 180_000);

  afterAll(async () => {
    await up?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("watch follows it to success and exits 0 with the model version; logs shows its states", async () => {
    const created = await cli([
      "finetune",
      "create",
      "--base-model",
      "infera-tiny",
      "--dataset",
      "tickets",
      "--output-model-name",
      "tickets-tuned",
      "--epochs",
      "1",
      "--json",
    ]);
    expect(created.code, created.stderr).toBe(0);
    const job = JSON.parse(created.stdout);
    trainedJobId = job.id;
    const watched = await cli(["finetune", "watch", job.id, "--interval", "0.2"]);
    expect(watched.code, `${watched.stdout}\n${watched.stderr}`).toBe(0);
    expect(watched.stdout).toMatch(/queued → starting\s+\(placed on node /);
    expect(watched.stdout).toMatch(/running → succeeded/);
    expect(watched.stdout).toMatch(/model version\s+mv_/);

    const logs = await cli(["finetune", "logs", job.id]);
    expect(logs.code, logs.stderr).toBe(0);
    expect(logs.stdout).toMatch(/state starting → running \(training on /);
    expect(logs.stdout).toMatch(/state running → succeeded \(succeeded\)/);
    const followed = await cli(["finetune", "logs", job.id, "--follow", "--level", "error"]);
    expect(followed.code).toBe(0);
    expect(
      followed.stdout
        .trim()
        .split("\n")
        .every((l) => / state | error /.test(l)),
    ).toBe(true);

    const shown = await cli(["finetune", "show", job.id, "--json"]);
    const detail = JSON.parse(shown.stdout);
    expect(detail.progress.step).toBe(detail.progress.total_steps);
    expect(detail.result_model_version_id).toMatch(/^mv_/);
    // The table names the final loss (FR36).
    const table = await cli(["finetune", "show", job.id]);
    expect(table.stdout).toMatch(
      new RegExp(`final loss\\s+[0-9.]+ after ${detail.final_metrics.steps} steps`),
    );
    expect(table.stdout).toMatch(/validation\s+loss [0-9.]+, perplexity [0-9.]+/);
  }, 240_000);

  it("download: the artifacts (GGUF digest = the version's), the latest checkpoint as a tar, the log as the API sends it; with the workspace gone, the stored copy", async () => {
    const jobId = trainedJobId;
    const token = await adminToken();
    const api = (path: string) =>
      fetch(`${url}/api/v1${path}`, { headers: { Authorization: `Bearer ${token}` } });
    const data = async (path: string): Promise<any> =>
      ((await (await api(path)).json()) as { data: unknown }).data;
    const job = await data(`/fine-tuning/jobs/${jobId}`);
    const version = await data(`/model-versions/${job.result_model_version_id}`);
    const gguf = version.files.find((f: { path: string }) => f.path.endsWith(".gguf"));
    expect(gguf, JSON.stringify(version.files)).toBeDefined();

    // No flag: the output model version's files, under ./<job id> of the working directory.
    const out = join(dir, "dl");
    const artifacts = await cli(["finetune", "download", jobId, "-o", out]);
    expect(artifacts.code, artifacts.stderr).toBe(0);
    expect(artifacts.stdout).toContain(gguf.path);
    const bytes = readFileSync(join(out, ...gguf.path.split("/")));
    expect(createHash("sha256").update(bytes).digest("hex")).toBe(gguf.sha256);
    expect(bytes.subarray(0, 4).toString()).toBe("GGUF");

    const checkpoints: { name: string; available: boolean }[] = await data(
      `/fine-tuning/jobs/${jobId}/checkpoints`,
    );
    const newest = checkpoints.filter((c) => c.available).at(-1)!;
    expect(newest, JSON.stringify(checkpoints)).toBeDefined();
    const both = await cli([
      "finetune",
      "download",
      jobId,
      "--checkpoint",
      "latest",
      "--logs",
      "-o",
      out,
      "--json",
    ]);
    expect(both.code, both.stderr).toBe(0);
    const listed = JSON.parse(both.stdout);
    expect(listed.files.map((f: { path: string }) => f.path)).toEqual([
      `${jobId}-${newest.name}.tar`,
      `${jobId}.log`,
    ]);
    // A valid tar (read by the system's tar) holding the checkpoint's folder.
    const tarFile = join(out, `${jobId}-${newest.name}.tar`);
    const into = join(dir, "untar");
    rmSync(into, { recursive: true, force: true });
    mkdirSync(into, { recursive: true });
    const untar = spawnSync("tar", ["-xf", tarFile, "-C", into], { encoding: "utf8" });
    expect(untar.status, untar.stderr).toBe(0);
    const inside = readdirSync(join(into, newest.name));
    expect(inside).toEqual(expect.arrayContaining(["state.json"]));
    expect(inside.some((f) => f.endsWith(".safetensors"))).toBe(true);
    const log = await (await api(`/fine-tuning/jobs/${jobId}/logs`)).text();
    expect(log).toMatch(/state running -> succeeded/);
    expect(readFileSync(join(out, `${jobId}.log`), "utf8")).toBe(log);

    // Gone from the node's workspace (another node, or the folder lost): the copy in the blob store
    // still downloads, byte for byte the same archive content. (Only retention removes that copy;
    // its `checkpoint_removed` answer is tested at the API, job-checkpoints.test.ts.)
    const removeDir = (root: string, name: string) => {
      for (const e of readdirSync(root, { recursive: true, withFileTypes: true }))
        if (e.isDirectory() && e.name === name)
          rmSync(join(e.parentPath, e.name), { recursive: true, force: true });
    };
    for (const c of checkpoints) removeDir(join(dir, "data"), c.name);
    const again = join(dir, "again");
    const fromStore = await cli(["finetune", "download", jobId, "--checkpoint", newest.name, "-o", again]);
    expect(fromStore.code, fromStore.stderr).toBe(0);
    const into2 = join(dir, "untar2");
    mkdirSync(into2, { recursive: true });
    const untar2 = spawnSync("tar", ["-xf", join(again, `${jobId}-${newest.name}.tar`), "-C", into2], {
      encoding: "utf8",
    });
    expect(untar2.status, untar2.stderr).toBe(0);
    for (const f of inside)
      expect(readFileSync(join(into2, newest.name, f)).equals(readFileSync(join(into, newest.name, f)))).toBe(
        true,
      );
  }, 120_000);

  it("a job past its resource class's memory fails out_of_memory; clone --fix applies the suggested fix", async () => {
    // A 1 GiB class, made by the platform admin over the API (the CLI has no resource class commands).
    const token = await adminToken();
    const cls = await fetch(`${url}/api/v1/admin/resource-classes`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
      body: JSON.stringify({ name: "cpu-1g", cpus: 2, memory_bytes: 1024 ** 3 }),
    });
    expect(cls.status, await cls.text()).toBe(201);
    // Long tickets: a batch of 32 needs about 1 GB resident, over 85% of 1 GiB.
    const long = join(dir, "long.jsonl");
    const words = "the parcel arrived late and the invoice shows a charge twice so please look at it again";
    let lines = "";
    for (let i = 0; i < 64; i++)
      lines += `${JSON.stringify({
        messages: [
          { role: "user", content: `Ticket ${i}: ${words}` },
          { role: "assistant", content: ["billing", "shipping"][i % 2] },
        ],
      })}\n`;
    writeFileSync(long, lines);
    expect((await cli(["datasets", "upload", "--name", "long", long])).code).toBe(0);
    const created = await cli([
      "finetune",
      "create",
      "--base-model",
      "infera-tiny",
      "--dataset",
      "long",
      "--output-model-name",
      "long-tuned",
      "--resource-class",
      "cpu-1g",
      "--batch-size",
      "32",
      "--max-length",
      "128",
      "--json",
    ]);
    expect(created.code, created.stderr).toBe(0);
    const job = JSON.parse(created.stdout);
    const watched = await cli(["finetune", "watch", job.id, "--interval", "0.2"]);
    expect(watched.code, `${watched.stdout}\n${watched.stderr}`).toBe(EXIT_JOB_FAILED);
    expect(watched.stdout).toMatch(/out_of_memory/);

    const fixed = await cli([
      "finetune",
      "clone",
      job.id,
      "--fix",
      "--set",
      "output.model_name=long-fixed",
      "--json",
    ]);
    expect(fixed.code, fixed.stderr).toBe(0);
    expect(fixed.stderr).toContain("fix: batch_size 32 → 16");
    expect(fixed.stderr).toContain("fix: gradient_accumulation_steps 1 → 2");
    const clone = JSON.parse(fixed.stdout);
    expect(clone.config).toMatchObject({
      batch_size: 16,
      gradient_accumulation_steps: 2,
      resource_class: "cpu-1g",
    });
    expect(clone.output_model_name).toBe("long-fixed");
    expect((await cli(["finetune", "cancel", clone.id])).code).toBe(0);
  }, 240_000);
});
