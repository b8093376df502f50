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
 * `infera eval benchmarks …` and `infera eval create --benchmark` through the real binary against a
 * real `infera up`: a dataset registered as a benchmark (latest and pinned), a run made from it by
 * name with its defaults, the run list filtered by it, and its deletion.
 */
describe("infera eval benchmarks against infera up", () => {
  const dir = mkdtempSync(join(tmpdir(), "infera-cli-bench-"));
  const password = "bench admin password";
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
    await json(["projects", "create", "Benchmarked"]);
    expect((await cli(["use", "Benchmarked"])).code).toBe(0);
    const tickets = join(dir, "tickets.jsonl");
    writeFileSync(
      tickets,
      `${readFileSync(TEST_SPLIT, "utf8").split("\n").filter(Boolean).slice(0, 8).join("\n")}\n`,
    );
    expect((await cli(["datasets", "upload", "--name", "tickets", tickets])).code).toBe(0);
  }, 180_000);

  afterAll(async () => {
    await up?.stop();
    rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  });

  it("registers benchmarks, runs one by name with its defaults, lists runs by it, deletes it", async () => {
    const empty = await cli(["eval", "benchmarks", "list"]);
    expect(empty.code, empty.stderr).toBe(0);
    expect(empty.stdout).toContain("has no benchmarks");

    const latest = await json([
      "eval",
      "benchmarks",
      "create",
      "--name",
      "support",
      "--dataset",
      "tickets",
      "--metric",
      "exact_match",
      "--metric",
      "chrf",
      "--sample-limit",
      "3",
      "--max-tokens",
      "4",
    ]);
    expect(latest).toMatchObject({
      name: "support",
      dataset_version_id: null,
      sample_limit: 3,
      metrics: [{ name: "exact_match" }, { name: "chrf" }],
      generation: { max_tokens: 4 },
    });
    const pinned = await json([
      "eval",
      "benchmarks",
      "create",
      "--name",
      "support v1",
      "--dataset",
      "tickets:1",
    ]);
    expect(pinned.dataset_version_id).toMatch(/^dsv_/);
    const listed = await cli(["eval", "benchmarks", "list"]);
    expect(listed.stdout).toContain("support v1");
    expect(listed.stdout).toContain("(latest)");

    const run = await json(["eval", "create", "--model", "infera-tiny", "--benchmark", "support"]);
    expect(run).toMatchObject({ benchmark_id: latest.id, dataset_version_id: pinned.dataset_version_id });
    expect(run.config).toMatchObject({
      sample_limit: 3,
      metrics: [{ name: "exact_match" }, { name: "chrf" }],
      generation: { max_tokens: 4 },
    });
    const byBenchmark = await json(["eval", "list", "--benchmark", "support"]);
    expect(byBenchmark.data.map((r: { id: string }) => r.id)).toEqual([run.id]);

    const unknown = await cli(["eval", "create", "--model", "infera-tiny", "--benchmark", "nope"]);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain('no benchmark named "nope"');

    expect((await cli(["eval", "benchmarks", "delete", "support"])).code).toBe(0);
    expect((await cli(["eval", "benchmarks", "delete", pinned.id])).code).toBe(0);
    expect((await cli(["eval", "benchmarks", "list"])).stdout).toContain("has no benchmarks");
  }, 300_000);
});
