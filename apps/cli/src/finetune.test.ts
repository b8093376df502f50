import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXIT_JOB_CANCELED } from "./lib/exit-codes.js";
import { freePort, type Run, spawnCli, startUp, type UpProcess } from "./testing/harness.js";

/** `infera finetune …` through the real binary against a real `infera up` (jobs stay queued: no runner yet). */
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
    const job = json(
      await cli([
        "finetune",
        "create",
        "--base-model",
        "infera-tiny",
        "--dataset",
        "chats",
        "--output-model-name",
        "to-cancel",
        "--json",
      ]),
    );
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
  }, 120_000);

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
