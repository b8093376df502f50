import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, type Run, spawnCli, startUp, type UpProcess } from "./testing/harness.js";

/** `infera keys …` through the real binary against a real `infera up`. */
describe("infera keys against infera up", () => {
  const dir = mkdtempSync(join(tmpdir(), "infera-cli-keys-"));
  const password = "keys admin password";
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
    });
    const login = await cli(["login", "--email", "admin@localhost", "--password-stdin"], `${password}\n`);
    expect(login.code, login.stderr).toBe(0);
    await json(["projects", "create", "Keys"]);
    expect((await cli(["use", "Keys"])).code).toBe(0);
  }, 180_000);
  afterAll(async () => {
    await up?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("creates a key: the secret printed once, alone on stdout's last line, with a warning on stderr", async () => {
    const r = await cli([
      "keys",
      "create",
      "nightly",
      "--rpm",
      "120",
      "--scope",
      "inference:invoke",
      "--scope",
      "logs:read",
      "--expires",
      "30d",
    ]);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trim().split("\n");
    const secret = lines.at(-1)!;
    expect(secret).toMatch(/^ifr_[A-Za-z0-9_-]{43}$/);
    expect(r.stdout).toContain("rpm limit");
    expect(r.stdout).toMatch(/scopes\s+inference:invoke, logs:read/);
    expect(r.stderr).toContain("only time the secret is shown");

    const shown = await cli(["keys", "show", "nightly"]);
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toContain(secret.slice(0, 12));
    expect(shown.stdout).not.toContain(secret);
    const listed = await cli(["keys", "list"]);
    expect(listed.stdout).toContain("nightly");
    expect(listed.stdout).not.toContain(secret);
  }, 240_000);

  it("lists with filters, updates limits, and rejects bad flags", async () => {
    const made = await json([
      "keys",
      "create",
      "metrics-only",
      "--scope",
      "metrics:read",
      "--daily-tokens",
      "5000",
    ]);
    expect(made.secret).toMatch(/^ifr_/);
    const byScope = await json(["keys", "list", "--scope", "metrics:read"]);
    expect(byScope.data.map((k: { name: string }) => k.name)).toEqual(["metrics-only"]);
    expect((await json(["keys", "list", "--expiring"])).data).toEqual([]);
    const updated = await json(["keys", "update", made.id, "--daily-tokens", "unlimited", "--rpm", "60"]);
    expect(updated).toMatchObject({ daily_token_limit: null, rpm_limit: 60 });
    expect((await cli(["keys", "update", made.id])).code).toBe(2);
    expect((await cli(["keys", "create", "x", "--rpm", "0"])).code).toBe(2);
    expect((await cli(["keys", "create", "x", "--scope", "admin"])).code).toBe(2);
    expect((await cli(["keys", "show", "no-such-key"])).code).toBe(5);
  }, 240_000);

  it("rotates (the old key revoked, or kept with --keep-old) and revokes only with the name typed or --yes", async () => {
    const first = await json(["keys", "create", "rotating"]);
    const rotated = await cli(["keys", "rotate", first.id]);
    expect(rotated.code, rotated.stderr).toBe(0);
    const secret = rotated.stdout.trim().split("\n").at(-1)!;
    expect(secret).toMatch(/^ifr_/);
    expect(secret).not.toBe(first.secret);
    expect(rotated.stderr).toContain("is revoked");
    expect((await json(["keys", "show", first.id])).status).toBe("revoked");
    // By name: the one active key of that name is the rotated one.
    const kept = await json(["keys", "rotate", "rotating", "--keep-old"]);
    expect(kept.rotated_from_id).not.toBe(first.id);
    const active = await json(["keys", "list", "--status", "active", "--q", "rotating"]);
    expect(active.data).toHaveLength(2);

    const noPrompt = await cli(["keys", "revoke", kept.id]);
    expect(noPrompt.code).toBe(2);
    expect(noPrompt.stderr).toContain("--yes");
    const wrong = await cli(["keys", "revoke", kept.id, "--confirm", "rotatin"]);
    expect(wrong.code).toBe(2);
    expect((await json(["keys", "show", kept.id])).status).toBe("active");
    const typed = await cli(["keys", "revoke", kept.id, "--confirm", "rotating"]);
    expect(typed.code, typed.stderr).toBe(0);
    expect(typed.stdout).toContain("Revoked API key rotating");
    const yes = await json(["keys", "revoke", kept.rotated_from_id, "--yes"]);
    expect(yes.status).toBe("revoked");
    expect((await cli(["keys", "revoke", kept.id, "--yes"])).code).toBe(6);
  }, 240_000);
});
