import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@infera/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, freePort, type Run, spawnCli, startUp, type UpProcess, waitFor } from "./testing/harness.js";

/**
 * The real `infera` binary against a real `infera up` on a temporary data directory: every command
 * runs as a user would run it, in its own process.
 */
describe("infera CLI against infera up", () => {
  const dir = mkdtempSync(join(tmpdir(), "infera-cli-"));
  const dataDir = join(dir, "data");
  const configHome = join(dir, "config");
  let port: number;
  let url: string;
  let up: UpProcess;
  let firstOutput: string;
  let password: string;
  let projectId: string;
  const projectName = `Ranker <${Date.now().toString(36)}> & co`;
  const bob = `bob.${Date.now().toString(36)}@example.test`;

  const upEnv = () => ({
    PATH: process.env.PATH ?? "",
    HOME: dir,
    NO_COLOR: "1",
    INFERA_DATA_DIR: dataDir,
    INFERA_PORT: String(port),
  });

  function cli(args: string[], opts: { input?: string; env?: Record<string, string> } = {}): Promise<Run> {
    const env = {
      PATH: process.env.PATH ?? "",
      HOME: dir,
      NO_COLOR: "1",
      XDG_CONFIG_HOME: configHome,
      INFERA_URL: url,
      ...opts.env,
    };
    const proc = spawn(process.execPath, [BIN, ...args], { env, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    proc.stdout.on("data", (d) => (stdout += d));
    proc.stderr.on("data", (d) => (stderr += d));
    proc.stdin.end(opts.input ?? "");
    return new Promise((done) => proc.once("close", (code) => done({ code, stdout, stderr })));
  }

  const storedToken = () =>
    JSON.parse(readFileSync(join(configHome, "infera", "config.json"), "utf8")).servers[url].token as string;

  beforeAll(async () => {
    port = await freePort();
    url = `http://127.0.0.1:${port}`;
    up = await startUp(upEnv());
    firstOutput = up.output();
  }, 180_000);

  afterAll(async () => {
    await up?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("up says where it runs and prints the generated admin password once", () => {
    expect(firstOutput).toContain(`Infera is up at ${url}`);
    expect(firstOutput).toMatch(/^\s+email\s+admin@localhost$/m);
    const m = /^\s+password\s+(\S+)$/m.exec(firstOutput);
    expect(m).not.toBeNull();
    password = m![1]!;
    expect(password.length).toBeGreaterThanOrEqual(12);
    expect(firstOutput).toContain(`infera login --url ${url} --email admin@localhost`);
  });

  it("login keeps a bearer token in the config dir, readable by its owner only", async () => {
    const wrong = await cli(["login", "--url", url, "--email", "admin@localhost", "--password-stdin"], {
      input: "not the password\n",
    });
    expect(wrong.code).toBe(3);
    expect(wrong.stderr).toMatch(/incorrect/);

    const ok = await cli(
      ["login", "--url", url, "--email", "admin@localhost", "--password-stdin", "--json"],
      {
        input: `${password}\n`,
      },
    );
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ url, user: { email: "admin@localhost" } });
    const file = join(configHome, "infera", "config.json");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(storedToken()).toMatch(/\S{20,}/);

    const who = await cli(["whoami"]);
    expect(who.code).toBe(0);
    expect(who.stdout).toContain("admin@localhost (platform admin)");
    expect(who.stdout).toContain("Default");
  }, 60_000);

  it("creates a project, adds a member, refuses to remove the last owner (exit 6), and audits it all", async () => {
    const created = await cli(["projects", "create", projectName, "--env", "prod", "--json"]);
    expect(created.code, created.stderr).toBe(0);
    const project = JSON.parse(created.stdout);
    expect(project).toMatchObject({ name: projectName, env: "prod", role: "owner" });
    projectId = project.id;

    // A second user of the tenant to add; the CLI has no user commands, the typed client does.
    const api = createClient({ baseUrl: url, token: storedToken() });
    const tenantId = (await api.auth.me()).tenants[0]!.id;
    await api.tenantUsers.create(tenantId, { email: bob, password: "bob's long password", role: "member" });

    const added = await cli([
      "members",
      "add",
      "--project",
      projectName,
      bob,
      "--role",
      "developer",
      "--json",
    ]);
    expect(added.code, added.stderr).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({ email: bob, role: "developer" });

    const updated = await cli([
      "members",
      "update",
      "--project",
      projectId,
      bob,
      "--role",
      "viewer",
      "--json",
    ]);
    expect(updated.code, updated.stderr).toBe(0);
    expect(JSON.parse(updated.stdout)).toMatchObject({ email: bob, role: "viewer" });

    const refused = await cli(["members", "remove", "--project", projectId, "admin@localhost"]);
    expect(refused.code).toBe(6);
    expect(refused.stderr).toContain("a project must keep at least one Owner");
    expect(refused.stderr).toMatch(/conflict, request id req_/);

    const refusedJson = await cli(["members", "remove", "--project", projectId, "admin@localhost", "--json"]);
    expect(refusedJson.code).toBe(6);
    expect(JSON.parse(refusedJson.stderr).error).toMatchObject({ code: "conflict" });

    const members = await cli(["members", "list", "--project", projectId, "--json"]);
    expect(
      JSON.parse(members.stdout).data.map((m: { email: string; role: string }) => [m.email, m.role]),
    ).toEqual(
      expect.arrayContaining([
        ["admin@localhost", "owner"],
        [bob, "viewer"],
      ]),
    );

    const audit = await cli(["audit", "list", "--project", projectId, "--all", "--json"]);
    expect(audit.code, audit.stderr).toBe(0);
    const events = JSON.parse(audit.stdout).data as { action: string; before: any; after: any }[];
    expect(events.map((e) => e.action)).toEqual([
      "project.member.update",
      "project.member.add",
      "project.create",
    ]);
    expect(events[0]).toMatchObject({ before: { role: "developer" }, after: { email: bob, role: "viewer" } });
    expect(events[1]!.after).toMatchObject({ email: bob, role: "developer" });
    expect(events[2]!.after).toMatchObject({ name: projectName, env: "prod" });

    const filtered = await cli(["audit", "list", "--action", "project.member.*", "--from", "1h", "--json"]);
    expect(JSON.parse(filtered.stdout).data.map((e: { action: string }) => e.action)).toEqual([
      "project.member.update",
      "project.member.add",
    ]);

    const verify = await cli(["audit", "verify", "--json"]);
    expect(verify.code).toBe(0);
    expect(JSON.parse(verify.stdout)).toMatchObject({ intact: true, first_broken: null });

    // An anchor signed now; verify then compares the chain with it, for a tenant and the platform.
    const anchored = await cli(["audit", "anchor", "--json"]);
    expect(anchored.code, anchored.stderr).toBe(0);
    const anchor = JSON.parse(anchored.stdout);
    const afterAnchor = await cli(["audit", "verify"]);
    expect(afterAnchor.code, afterAnchor.stderr).toBe(0);
    expect(afterAnchor.stdout).toContain(`Matches its anchor of #${anchor.sequence}`);
    expect((await cli(["audit", "anchor", "--tenant", "platform"])).code).toBe(0);
    const platform = await cli(["audit", "verify", "--tenant", "platform", "--json"]);
    expect(platform.code, platform.stderr).toBe(0);
    expect(JSON.parse(platform.stdout)).toMatchObject({
      tenant_id: "platform",
      intact: true,
      anchor: { status: "ok" },
    });
  }, 120_000);

  it("prints tables for people", async () => {
    const list = await cli(["projects", "list"]);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/│ id\s+│ name\s+│ env/);
    expect(list.stdout).toContain(projectName);
    const audit = await cli(["audit", "list", "--project", projectId]);
    expect(audit.stdout).toContain("role: developer → viewer");
  }, 60_000);

  it("admin nodes: the platform admin lists, shows, drains and undrains; a member gets a clear 403", async () => {
    const listed = await cli(["admin", "nodes", "list", "--json"]);
    expect(listed.code, listed.stderr).toBe(0);
    // infera up's worker registered the one machine it runs on.
    const [node, ...others] = JSON.parse(listed.stdout).data;
    expect(others).toEqual([]);
    expect(node).toMatchObject({ status: "online", draining: false, running_jobs: 0 });
    const table = await cli(["admin", "nodes", "list"]);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(
      /│ name\s+│ roles\s+│ cpus\s+│ memory\s+│ gpus\s+│ status\s+│ draining\s+│ jobs\s+│ last seen/,
    );
    expect(table.stdout).toContain(node.name);
    expect(table.stdout).toContain("online");

    const drained = await cli(["admin", "nodes", "drain", node.name, "--json"]);
    expect(drained.code, drained.stderr).toBe(0);
    expect(JSON.parse(drained.stdout)).toMatchObject({ id: node.id, draining: true });
    expect((await cli(["admin", "nodes", "list"])).stdout).toContain("draining");
    const shown = await cli(["admin", "nodes", "show", node.id]);
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toMatch(/^status\s+online, draining: no new jobs are placed on it$/m);
    expect(shown.stdout).toMatch(new RegExp(`^node\\s+${node.name} \\(${node.id}\\)$`, "m"));
    const back = await cli(["admin", "nodes", "undrain", node.name]);
    expect(back.code, back.stderr).toBe(0);
    expect(back.stdout).toMatch(/^status\s+online$/m);

    const unknown = await cli(["admin", "nodes", "drain", "no-such-node"]);
    expect(unknown.code).toBe(5);
    expect(unknown.stderr).toContain(`no node no-such-node; the nodes are ${node.name}`);

    // Bob, a member of the tenant, signs in with his own config and is refused with a reason.
    const bobEnv = { XDG_CONFIG_HOME: join(dir, "bob") };
    const login = await cli(["login", "--email", bob, "--password-stdin"], {
      input: "bob's long password\n",
      env: bobEnv,
    });
    expect(login.code, login.stderr).toBe(0);
    const refused = await cli(["admin", "nodes", "list"], { env: bobEnv });
    expect(refused.code).toBe(4);
    expect(refused.stderr).toContain("only the platform admin manages nodes");
    expect((await cli(["admin", "nodes", "drain", node.id], { env: bobEnv })).code).toBe(4);
  }, 90_000);

  it("maps usage errors, missing logins, unknown ids and unreachable servers to their exit codes", async () => {
    expect((await cli(["serve", "--role", "api,bogus"])).code).toBe(2);
    expect((await cli(["projects", "bogus"])).code).toBe(2);
    const wrongName = await cli(["projects", "delete", projectId, "--confirm", "not its name"]);
    expect(wrongName.code).toBe(2);
    expect(wrongName.stderr).toContain("confirm_name");
    const missing = await cli(["members", "list", "--project", "proj_00000000000000000000000000"]);
    expect(missing.code).toBe(5);
    const noLogin = await cli(["projects", "list"], { env: { XDG_CONFIG_HOME: join(dir, "empty") } });
    expect(noLogin.code).toBe(3);
    expect(noLogin.stderr).toContain("infera login");
    const down = await cli(["projects", "list", "--url", "http://127.0.0.1:1"], {
      env: { INFERA_TOKEN: "whatever" },
    });
    expect(down.code).toBe(8);
  }, 90_000);

  it("serve --role worker runs a worker alone: no port, ready and stopped as JSON, exit 0 on SIGTERM", async () => {
    const worker = spawnCli(["serve", "--role", "worker", "--json"], {
      ...upEnv(),
      INFERA_DATA_DIR: join(dir, "worker-only"),
    });
    await waitFor(() => worker.stdout().includes('"event":"ready"'), 90_000, "the worker to be ready");
    // The server's own JSON logs share stdout.
    const ready = JSON.parse(
      worker
        .stdout()
        .split("\n")
        .find((l) => l.includes('"event":"ready"'))!,
    );
    expect(ready).toMatchObject({ event: "ready", url: null, roles: ["worker"], database: "pglite" });
    expect(ready.worker_id).toMatch(/:\d+:[0-9a-f]{6}$/);
    expect(worker.stderr()).toContain("this one runs no api, gateway");
    worker.proc.kill("SIGTERM");
    const run = await worker.done;
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('{"event":"stopped"}');
  }, 120_000);

  it("deletes a project once its name is typed", async () => {
    const scratch = JSON.parse((await cli(["projects", "create", "Scratch", "--json"])).stdout);
    const noPrompt = await cli(["projects", "delete", "Scratch"]);
    expect(noPrompt.code).toBe(2);
    expect(noPrompt.stderr).toContain('--confirm "Scratch"');
    const deleted = await cli(["projects", "delete", "Scratch", "--confirm", "Scratch", "--json"]);
    expect(deleted.code, deleted.stderr).toBe(0);
    expect(JSON.parse(deleted.stdout)).toMatchObject({ deleted: true, id: scratch.id });
    const list = JSON.parse((await cli(["projects", "list", "--all", "--json"])).stdout);
    expect(list.data.map((p: { id: string }) => p.id)).not.toContain(scratch.id);
  }, 60_000);

  it("use keeps a default project with the login; --project overrides it; commands use it when it is left out", async () => {
    const none = await cli(["use"]);
    expect(none.code, none.stderr).toBe(0);
    expect(none.stdout).toContain("No default project");
    const needs = await cli(["members", "list"]);
    expect(needs.code).toBe(2);
    expect(needs.stderr).toContain("infera use <project>");
    expect((await cli(["use", "no such project"])).code).toBe(5);

    const chosen = await cli(["use", projectName]);
    expect(chosen.code, chosen.stderr).toBe(0);
    expect(chosen.stdout).toContain(`Using ${projectName} (${projectId})`);
    const config = JSON.parse(readFileSync(join(configHome, "infera", "config.json"), "utf8"));
    expect(config.servers[url].project).toMatchObject({ id: projectId, name: projectName });
    const shown = await cli(["use"]);
    expect(shown.stdout).toContain(`${projectName} (${projectId}), env prod`);
    expect((await cli(["whoami"])).stdout).toContain(`default project: ${projectName} (${projectId})`);

    const members = await cli(["members", "list", "--json"]);
    expect(members.code, members.stderr).toBe(0);
    expect(JSON.parse(members.stdout).data.map((m: { email: string }) => m.email)).toContain(bob);
    const model = await cli(["models", "create", "--name", "defaulted", "--json"]);
    expect(model.code, model.stderr).toBe(0);
    expect(JSON.parse(model.stdout)).toMatchObject({ project_id: projectId });
    expect((await cli(["models", "show", "defaulted"])).stdout).toContain("defaulted (mdl_");

    const other = JSON.parse((await cli(["projects", "create", "Other", "--json"])).stdout);
    const overridden = await cli(["members", "list", "--project", "Other", "--json"]);
    expect(JSON.parse(overridden.stdout).data.map((m: { email: string }) => m.email)).toEqual([
      "admin@localhost",
    ]);
    expect((await cli(["models", "show", "defaulted", "--project", other.id])).code).toBe(5);

    // Signing in again as the same user keeps the choice; logout (last test) forgets it.
    const again = await cli(["login", "--email", "admin@localhost", "--password-stdin"], {
      input: `${password}\n`,
    });
    expect(again.code, again.stderr).toBe(0);
    expect((await cli(["use"])).stdout).toContain(projectName);
  }, 120_000);

  it("keeps everything across a restart of up on the same data dir and prints no new password", async () => {
    expect(await up.stop()).toBe(0);
    expect(up.output()).toContain("Infera stopped.");
    up = await startUp(upEnv());
    const again = up.output();
    expect(again).toContain(`Infera is up at ${url}`);
    expect(again).not.toMatch(/^\s+password\s/m);
    expect(again).toContain("created on the first start");
    const list = await cli(["projects", "list", "--json"]);
    expect(list.code, list.stderr).toBe(0);
    expect(JSON.parse(list.stdout).data.map((p: { id: string }) => p.id)).toContain(projectId);
  }, 180_000);

  it("logout revokes the stored token and forgets the default project", async () => {
    const token = storedToken();
    const out = await cli(["logout"]);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain(`Signed out of ${url}`);
    expect((await cli(["whoami"])).code).toBe(3);
    const revoked = await cli(["whoami"], { env: { INFERA_TOKEN: token } });
    expect(revoked.code).toBe(3);
    // The default project went with the login.
    expect(JSON.parse(readFileSync(join(configHome, "infera", "config.json"), "utf8")).servers).toEqual({});
    const back = await cli(["login", "--email", "admin@localhost", "--password-stdin"], {
      input: `${password}\n`,
    });
    expect(back.code, back.stderr).toBe(0);
    expect((await cli(["use"])).stdout).toContain("No default project");
  }, 60_000);
});
