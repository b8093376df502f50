import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, type Run, spawnCli, startUp, type UpProcess } from "./testing/harness.js";

const TEST_SPLIT = fileURLToPath(
  new URL("../../../packages/runtimes/assets/examples/support-routing/test.jsonl", import.meta.url),
);

/**
 * `infera eval …` through the real binary against a real `infera up`: its worker generates with the
 * bundled infera-tiny through a private infera-serve. A gate rule the base cannot pass, a gate run
 * that fails it (exit 6 with --require-pass), the report, the list, CSV and JSON exports, a
 * comparison of two runs, and a side-by-side run on typed prompts rated and exported as preferences.
 */
describe("infera eval against infera up", () => {
  const dir = mkdtempSync(join(tmpdir(), "infera-cli-eval-"));
  const password = "eval admin password";
  let url: string;
  let up: UpProcess;

  const env = (): Record<string, string> => ({
    PATH: process.env.PATH ?? "",
    HOME: dir,
    NO_COLOR: "1",
    XDG_CONFIG_HOME: join(dir, "config"),
    INFERA_URL: url,
  });
  const cli = (args: string[], input = ""): Promise<Run> => spawnCli(args, env(), input).done;
  const json = async (args: string[]) => {
    const r = await cli([...args, "--json"]);
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
      INFERA_WORKER_POLL_MS: "100",
    });
    const login = await cli(["login", "--email", "admin@localhost", "--password-stdin"], `${password}\n`);
    expect(login.code, login.stderr).toBe(0);
    await json(["projects", "create", "Evaluated"]);
    expect((await cli(["use", "Evaluated"])).code).toBe(0);
    const tickets = join(dir, "tickets.jsonl");
    writeFileSync(
      tickets,
      `${readFileSync(TEST_SPLIT, "utf8").split("\n").filter(Boolean).slice(0, 12).join("\n")}\n`,
    );
    expect((await cli(["datasets", "upload", "--name", "tickets", tickets])).code).toBe(0);
  }, 180_000);

  afterAll(async () => {
    await up?.stop();
    rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  });

  let gateRun: string;
  let autoRun: string;

  it("adds a gate rule, runs a gate that the base fails (exit 6 with --require-pass), and shows the report", async () => {
    const rule = await json([
      "eval",
      "gate-rules",
      "add",
      "--metric",
      "exact_match",
      "--min",
      "0.8",
      "--description",
      "route right",
    ]);
    expect(rule).toMatchObject({ metric: "exact_match", comparator: "at_least", threshold: 0.8 });
    const listed = await cli(["eval", "gate-rules", "list"]);
    expect(listed.stdout).toContain("exact_match ≥ 0.8");

    const r = await cli([
      "eval",
      "create",
      "--kind",
      "gate",
      "--model",
      "infera-tiny",
      "--dataset",
      "tickets",
      "--metric",
      "exact_match",
      "--metric",
      "chrf",
      "--max-tokens",
      "8",
      "--watch",
      "--require-pass",
    ]);
    expect(r.code, r.stderr + r.stdout).toBe(6);
    expect(r.stdout).toContain("gate: FAIL");
    expect(r.stdout).toMatch(/exact_match\s+0(\.\d+)? \[/);
    const runs = await json(["eval", "list", "--kind", "gate"]);
    gateRun = runs.data[0].id;
    expect(runs.data[0]).toMatchObject({ status: "succeeded", gate: { passed: false } });
    const shown = await cli(["eval", "show", gateRun]);
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toContain("FAIL");
    expect(shown.stdout).toContain("infera-tiny");
  }, 300_000);

  it("exports a run as CSV and JSON and compares two runs", async () => {
    const created = await json([
      "eval",
      "create",
      "--model",
      "infera-tiny:latest",
      "--dataset",
      "tickets",
      "--metric",
      "exact_match",
      "--metric",
      "chrf",
      "--max-tokens",
      "8",
    ]);
    autoRun = created.id;
    const watched = await cli(["eval", "watch", autoRun]);
    expect(watched.code, watched.stderr).toBe(0);
    const csv = await cli(["eval", "export", autoRun, "--format", "csv"]);
    expect(csv.code, csv.stderr).toBe(0);
    const lines = csv.stdout.trim().split("\n");
    expect(lines).toHaveLength(13);
    expect(lines[0]).toContain("exact_match");
    const file = join(dir, "report.json");
    expect((await cli(["eval", "export", autoRun, "-o", file])).code).toBe(0);
    const report = JSON.parse(readFileSync(file, "utf8"));
    expect(JSON.stringify(report)).toContain(autoRun);
    const cmp = await cli(["eval", "compare", gateRun, autoRun]);
    expect(cmp.code, cmp.stderr).toBe(0);
    expect(cmp.stdout).toContain("exact_match");
    expect(cmp.stdout).toContain("paired");
    // A finished run cannot be canceled: conflict, exit 6.
    expect((await cli(["eval", "cancel", autoRun])).code).toBe(6);
  }, 300_000);

  it("rates a side-by-side run on typed prompts and exports the ratings as a preference dataset", async () => {
    // One model on both sides, sampled hot: the two answers of a prompt differ (an identical pair
    // has no preference to export and is left out).
    const prompts = ["Ticket: my parcel is late", "Ticket: I was charged twice", "Ticket: I cannot log in"];
    const r = await cli([
      "eval",
      "create",
      "--kind",
      "side_by_side",
      "--model",
      "infera-tiny",
      "--model",
      "infera-tiny:latest",
      ...prompts.flatMap((p) => ["--prompt", p]),
      "--metric",
      "completion_tokens",
      "--temperature",
      "2",
      "--max-tokens",
      "16",
      "--watch",
      "--json",
    ]);
    expect(r.code, r.stderr).toBe(0);
    const last = JSON.parse(r.stdout.trim().split("\n").at(-1)!);
    expect(last.type).toBe("done");
    const run = last.run;
    expect(run.status).toBe("succeeded");
    for (const index of [0, 1, 2]) {
      const rated = await cli([
        "eval",
        "rate",
        run.id,
        "--index",
        String(index),
        "--winner",
        "a",
        "--score-a",
        "4",
        "--score-b",
        "2",
      ]);
      expect(rated.code, rated.stderr).toBe(0);
    }
    const shown = await cli(["eval", "show", run.id]);
    expect(shown.stdout).toContain("win rate of a: 1");
    const out = await json(["eval", "preferences", run.id, "--dataset-name", "prefs"]);
    expect(out.records).toBeGreaterThanOrEqual(1);
    expect(out.records).toBeLessThanOrEqual(3);
    const bad = await cli(["eval", "preferences", run.id]);
    expect(bad.code).toBe(2);
  }, 300_000);

  it("adds a pass-rate rule from a JSONL file of regression prompts; listed with its prompt count", async () => {
    const file = join(dir, "regression.jsonl");
    writeFileSync(
      file,
      [
        JSON.stringify({ prompt: "Hello", checks: [{ kind: "not_contains", text: "zz-never-said-zz" }] }),
        "",
        JSON.stringify({
          prompt: "Answer in JSON",
          checks: [{ kind: "json_schema", schema: { type: "object", required: ["route"] } }],
        }),
      ].join("\n"),
    );
    const bad = join(dir, "bad.jsonl");
    writeFileSync(bad, `${JSON.stringify({ prompt: "x", checks: [] })}\n`);
    const refused = await cli(["eval", "gate-rules", "create", "--pass-rate", "0.9", "--prompts-file", bad]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("bad.jsonl:1: checks:");
    const rule = await json([
      "eval",
      "gate-rules",
      "create",
      "--pass-rate",
      "0.9",
      "--prompts-file",
      file,
      "--description",
      "never regress",
    ]);
    expect(rule).toMatchObject({
      comparator: "pass_rate_at_least",
      metric: "regression_pass_rate",
      threshold: 0.9,
    });
    expect(rule.prompts).toHaveLength(2);
    expect((await cli(["eval", "gate-rules", "list"])).stdout).toContain(
      "pass rate of 2 regression prompts ≥ 0.9",
    );
  });
});
