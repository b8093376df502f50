import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXIT_WAIT_TIMEOUT } from "./lib/exit-codes.js";
import { freePort, type Run, spawnCli, startUp, type UpProcess, waitFor } from "./testing/harness.js";

/** Pids of the live infera-serve processes whose arguments name `dir`. */
function replicaPids(dir: string): number[] {
  return execFileSync("ps", ["-eo", "pid=,stat=,args="], { encoding: "utf8" })
    .split("\n")
    .filter((l) => l.includes("infera-serve") && l.includes(dir) && !/^\s*\d+\s+Z/.test(l))
    .map((l) => Number(l.trim().split(/\s+/)[0]));
}

/**
 * `infera services …` through the real binary against a real `infera up` that runs at most one
 * replica. Most services here use the openai-compatible runtime (no replica: their revisions stay
 * pending), so they exercise the records; one llama.cpp service starts a real infera-serve to follow
 * `--wait` to ready and read its logs.
 */
describe("infera services against infera up", () => {
  const dir = mkdtempSync(join(tmpdir(), "infera-cli-services-"));
  const configHome = join(dir, "config");
  const password = "services admin password";
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
  const upstream = [
    "--model",
    "infera-tiny",
    "--runtime",
    "openai-compatible",
    "--base-url",
    "http://127.0.0.1:9/v1",
  ];

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
      INFERA_MAX_REPLICAS: "1",
      INFERA_WORKER_POLL_MS: "100",
      INFERA_REPLICA_STOP_GRACE_SECONDS: "2",
      // The record commands use openai-compatible revisions with no upstream behind them: without
      // the upstream checks they stay pending (with them they would fail, and rollback refuses a
      // failed revision). The checks have their own test (upstream-checks.test.ts).
      INFERA_UPSTREAM_CHECK_SECONDS: "0",
    });
    const login = await cli(["login", "--email", "admin@localhost", "--password-stdin"], `${password}\n`);
    expect(login.code, login.stderr).toBe(0);
    json(await cli(["projects", "create", "Serving", "--json"]));
    expect((await cli(["use", "Serving"])).code).toBe(0);
  }, 180_000);

  afterAll(async () => {
    await up?.stop();
    // Replicas outlive `infera up` by design; this test's own go with it.
    for (const pid of replicaPids(dir)) process.kill(-pid, "SIGKILL");
    rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  });

  it("creates, lists, shows, deploys a canary, moves traffic, rolls back, stops, starts and deletes", async () => {
    const created = json(await cli(["services", "create", "upstream", ...upstream, "--json"]));
    expect(created).toMatchObject({ name: "upstream", desired_state: "active", exposure: "private" });
    expect(created.revisions).toMatchObject([
      { number: 1, traffic_percent: 100, runtime: "openai-compatible" },
    ]);

    const list = json(await cli(["services", "list", "--json"]));
    expect(list.data.map((s: { name: string }) => s.name)).toEqual(["upstream"]);

    // deploy keeps the current configuration and changes what the flags say.
    const canary = json(
      await cli([
        "services",
        "deploy",
        "upstream",
        "--upstream-model",
        "bigger",
        "--strategy",
        "canary",
        "--weight",
        "20",
        "--json",
      ]),
    );
    expect(canary).toMatchObject({ number: 2, traffic_percent: 20 });
    expect(canary.config.runtime).toMatchObject({
      base_url: "http://127.0.0.1:9/v1",
      upstream_model: "bigger",
    });
    const shown = await cli(["services", "show", "upstream"]);
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toContain("r1 80%, r2 20%");
    expect(shown.stdout).toMatch(/r2\s+│ rev_\w+\s+│ pending/);

    const moved = json(await cli(["services", "traffic", "upstream", "r1=50", "2=50", "--json"]));
    expect(moved.traffic.map((t: { percent: number }) => t.percent).sort()).toEqual([50, 50]);
    const bad = await cli(["services", "traffic", "upstream", "r1=50", "r2=40"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/sum to 100/);

    const rolled = await cli(["services", "rollback", "upstream", "r2"]);
    expect(rolled.code, rolled.stderr).toBe(0);
    expect(rolled.stdout).toContain("back to r2");
    expect((await cli(["services", "traffic", "upstream"])).stdout.trim()).toBe("r2 100%");

    expect(json(await cli(["services", "stop", "upstream", "--json"])).desired_state).toBe("inactive");
    // Nothing runs openai-compatible revisions here: --wait gives up at its timeout, saying why.
    const waited = await cli(["services", "start", "upstream", "--wait", "--timeout", "1s"]);
    expect(waited.code).toBe(EXIT_WAIT_TIMEOUT);
    expect(waited.stderr).toMatch(/r2 is still pending after 1s/);

    // No terminal to type the name in: --yes or nothing.
    const refused = await cli(["services", "delete", "upstream"]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("--yes");
    expect(json(await cli(["services", "delete", "upstream", "--yes", "--json"]))).toMatchObject({
      deleted: true,
      name: "upstream",
    });
    expect((await cli(["services", "show", "upstream"])).code).toBe(5);
    // Each command is its own process (a second or more each on a busy machine).
  }, 300_000);

  it("waits for a real replica to be ready, chats with it, prints its logs, follows them, and stops it", async () => {
    const created = await cli([
      "services",
      "create",
      "chat",
      "--model",
      "infera-tiny",
      "--context-size",
      "256",
      "--threads",
      "1",
      "--wait",
      "--timeout",
      "150s",
    ]);
    expect(created.code, created.stderr).toBe(0);
    // Each state it left, with how long it stayed; then ready.
    expect(created.stderr).toMatch(/r1 pending → downloading after \d+s/);
    expect(created.stderr).toMatch(/r1 starting → ready after \d+/);
    expect(created.stderr).toMatch(/r1 ready \(\d+s waited\)/);
    expect(created.stdout).toMatch(/r1\s+│ rev_\w+\s+│ ready/);

    // One turn streamed to the terminal through the playground route (the signed-in user, no key).
    const said = await cli(["chat", "chat", "Say", "hello", "--max-tokens", "8", "--seed", "1"]);
    expect(said.code, said.stderr).toBe(0);
    expect(said.stdout.trim().length).toBeGreaterThan(0);
    expect(said.stderr).toMatch(/revision rev_\w+, \d+ prompt \+ [1-8] completion tokens/);
    const asJson = json(await cli(["chat", "chat", "hi", "--max-tokens", "4", "--json"]));
    expect(asJson).toMatchObject({ service: "chat", revision_id: expect.stringMatching(/^rev_/) });
    expect(asJson.usage.completion_tokens).toBeGreaterThan(0);
    expect((await cli(["chat", "no-such-service", "hi"])).code).toBe(5);

    // infera-serve's own lines, shipped by the worker (within a reconcile pass).
    let logs: Run = { code: null, stdout: "", stderr: "" };
    for (const end = Date.now() + 30_000; Date.now() < end; await new Promise((r) => setTimeout(r, 300))) {
      logs = await cli(["services", "logs", "chat", "--grep", "ready", "--json"]);
      if (logs.stdout.trim()) break;
    }
    const lines = logs.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ level: "info", message: "ready", revision_number: 1 });
    const text = await cli([
      "services",
      "logs",
      "chat",
      "--revision",
      "r1",
      "--level",
      "info",
      "--since",
      "1h",
    ]);
    expect(text.stdout).toMatch(/ info {2}\[rep_\w+ r1\] listening/);
    expect((await cli(["services", "logs", "chat", "--revision", "r9"])).code).toBe(5);

    // --follow prints what is shipped next: the replica's last words when the service stops.
    const follow = spawnCli(["services", "logs", "chat", "-f", "--tail", "0"], env());
    try {
      await new Promise((r) => setTimeout(r, 1500));
      expect((await cli(["services", "stop", "chat"])).code).toBe(0);
      await waitFor(() => follow.stdout().includes("stopped"), 60_000, "the replica's `stopped` line");
      expect(follow.stdout()).not.toContain("listening");
    } finally {
      follow.proc.kill("SIGINT");
      await follow.done;
    }
    expect(json(await cli(["services", "delete", "chat", "--yes", "--json"])).deleted).toBe(true);
  }, 240_000);
});
