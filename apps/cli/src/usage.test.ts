import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { UsageRecord } from "@infera/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, type Run, spawnCli, startUp, type UpProcess } from "./testing/harness.js";

const AT = Date.UTC(2026, 2, 2, 10, 15);
const FROM = "2026-03-02";
const TO = "2026-03-03";

/**
 * `infera usage` and `infera prices` through the real binary against a real `infera up`. The calls
 * reach the database the way the gateway's do: a sealed segment in the server's usage journal,
 * shipped by its `usage.ship` job.
 */
describe("infera usage and infera prices against infera up", () => {
  const dir = mkdtempSync(join(tmpdir(), "infera-cli-usage-"));
  const password = "usage admin password";
  let url: string;
  let up: UpProcess;
  let keyId: string;

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
    });
    const login = await cli(["login", "--email", "admin@localhost", "--password-stdin"], `${password}\n`);
    expect(login.code, login.stderr).toBe(0);
    const project = await json(["projects", "create", "Metered"]);
    expect((await cli(["use", "Metered"])).code).toBe(0);
    const key = await json(["keys", "create", "nightly"]);
    keyId = key.id;

    // Three calls: two with the key (one refused with 429), one from the playground (no key).
    const record = (n: number, over: Partial<UsageRecord>): UsageRecord => ({
      id: `usg_${String(n).padStart(26, "0")}`,
      at: new Date(AT + n * 60_000).toISOString(),
      tenant_id: project.tenant_id,
      project_id: project.id,
      api_key_id: keyId,
      service_id: null,
      revision_id: null,
      model_version_id: null,
      endpoint: "chat/completions",
      status_code: 200,
      prompt_tokens: 100,
      completion_tokens: 20,
      latency_ms: 200,
      ttft_ms: null,
      tpot_ms: null,
      cost_estimate: 0.01,
      streamed: false,
      ...over,
    });
    const lines = [
      record(1, {}),
      record(2, { status_code: 429, prompt_tokens: 0, completion_tokens: 0, cost_estimate: null }),
      record(3, { api_key_id: null, prompt_tokens: 40, completion_tokens: 10 }),
    ];
    const journal = join(dir, "data", "usage-journal");
    mkdirSync(journal, { recursive: true });
    writeFileSync(
      join(journal, `${String(Date.now()).padStart(13, "0")}-999999-0.sealed`),
      lines.map((l) => `${JSON.stringify(l)}\n`).join(""),
    );
    // Polled through the CLI itself until the segment has been shipped (no fixed sleep).
    const until = Date.now() + 30_000;
    while ((await json(["usage", "--from", FROM, "--to", TO])).totals.requests < 3) {
      if (Date.now() > until) throw new Error("the usage.ship job never shipped the segment");
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }, 240_000);
  afterAll(async () => {
    await up?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("prints one row per group and a total; --json the whole report; filters by key name", async () => {
    const r = await cli(["usage", "--group-by", "api_key", "--from", FROM, "--to", TO]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/nightly\s*│\s*2\s*│\s*50\.0%\s*│\s*100\s*│\s*20\s*│\s*120/);
    expect(r.stdout).toMatch(/\(none\)\s*│\s*1\s*│\s*100\.0%/);
    expect(r.stdout).toMatch(
      /total\s*│\s*3\s*│\s*66\.7%\s*│\s*140\s*│\s*30\s*│\s*170\s*│\s*200\.0\s*│[^│]*│\s*0\.0200 USD/,
    );
    expect(r.stdout).toContain("1 calls had no price");

    const report = await json([
      "usage",
      "--group-by",
      "status_code",
      "--granularity",
      "day",
      "--from",
      FROM,
      "--to",
      TO,
    ]);
    expect(report.groups.map((g: { label: string }) => g.label)).toEqual(["200", "429"]);
    expect(report.series).toHaveLength(2);
    expect(report.series[0].time).toBe("2026-03-02T00:00:00.000Z");

    const byKey = await json(["usage", "--key", "nightly", "--from", FROM, "--to", TO]);
    expect(byKey.totals).toMatchObject({ requests: 2, errors: 1, prompt_tokens: 100 });
    const only5xx = await cli(["usage", "--status", "5xx", "--from", FROM, "--to", TO]);
    expect(only5xx.code, only5xx.stderr).toBe(0);
    expect(only5xx.stdout).toContain("No calls in");
  }, 120_000);

  it("--csv prints the series for a spreadsheet on stdout", async () => {
    const r = await cli(["usage", "--csv", "--group-by", "api_key", "--from", FROM, "--to", TO]);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trim().split(/\r?\n/);
    expect(lines[0]).toMatch(/^time,group,label,requests,errors,/);
    expect(lines).toHaveLength(3);
    expect(lines.some((l) => l.startsWith(`2026-03-02T10:00:00.000Z,${keyId},nightly,2,1,`))).toBe(true);
  }, 60_000);

  it("refuses a bad range or time with a usage error, and an unknown key as not found", async () => {
    const long = await cli(["usage", "--from", "2026-01-01", "--to", "2026-06-01"]);
    expect(long.code).toBe(2);
    expect(long.stderr).toContain("90 days");
    expect((await cli(["usage", "--from", "last tuesday"])).code).toBe(2);
    expect((await cli(["usage", "--group-by", "endpoint"])).code).toBe(2);
    expect((await cli(["usage", "--key", "no-such-key"])).code).toBe(5);
  }, 60_000);

  it("sets, lists and deletes prices", async () => {
    const set = await cli(["prices", "set", "cpu-2", "--per-hour", "0.36"]);
    expect(set.code, set.stderr).toBe(0);
    expect(set.stdout).toContain("0.3600 USD");
    const listed = await json(["prices", "list", "--kind", "resource_class"]);
    expect(listed.data).toHaveLength(1);
    expect(listed.data[0]).toMatchObject({ subject_id: "cpu-2", per_hour: 0.36 });
    const table = await cli(["prices", "list"]);
    expect(table.stdout).toMatch(/resource class\s*│\s*2 CPUs, 4 GiB \(cpu-2\)/);
    expect((await cli(["prices", "set", "mv_00000000000000000000000000"])).code).toBe(2);
    expect((await cli(["prices", "set", "mv_00000000000000000000000000", "--input", "1"])).code).toBe(5);
    expect((await cli(["prices", "set", "cpu-2", "--per-hour", "-1"])).code).toBe(2);
    const del = await cli(["prices", "delete", listed.data[0].id]);
    expect(del.code, del.stderr).toBe(0);
    expect((await json(["prices", "list"])).data).toEqual([]);
    expect((await cli(["prices", "delete", listed.data[0].id])).code).toBe(5);
  }, 60_000);
});
