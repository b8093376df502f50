import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    baseURL: string;
    adminEmail: string;
    adminPassword: string;
  }
}

const root = fileURLToPath(new URL("../../..", import.meta.url));
const adminEmail = "admin@infera.test";
const adminPassword = "e2e-Admin-Passw0rd!";

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      const port = typeof address === "object" && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

async function waitReady(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`infera up exited with ${child.exitCode}:\n${log()}`);
    try {
      const res = await fetch(`${url}/readyz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`infera up was not ready within 120 s:\n${log()}`);
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill("SIGKILL"), 10_000);
    child.once("exit", () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

/** A real `infera up` on a throwaway data dir and a free port, for the whole e2e project. */
export default async function setup(project: TestProject) {
  if (!existsSync(join(root, "apps/web/dist/index.html")))
    throw new Error("apps/web/dist is missing: run `npm run build:web` first (scripts/test.sh does)");
  const dataDir = await mkdtemp(join(tmpdir(), "infera-e2e-data-"));
  const port = await freePort();
  const baseURL = `http://127.0.0.1:${port}`;
  let output = "";
  // Through a watchdog that stops the server when this process dies without running the teardown.
  const child = spawn(
    process.execPath,
    [join(import.meta.dirname, "lib/watchdog.mjs"), join(root, "apps/cli/bin/infera.js"), "up", "--json"],
    {
      cwd: root,
      env: {
        ...process.env,
        INFERA_DATA_DIR: dataDir,
        INFERA_PORT: String(port),
        INFERA_HOST: "127.0.0.1",
        INFERA_PUBLIC_URL: baseURL,
        INFERA_ADMIN_EMAIL: adminEmail,
        INFERA_ADMIN_PASSWORD: adminPassword,
        DATABASE_URL: "",
        // Train for real (fine-tuning.e2e.test.ts): whatever the calling shell says, two runs at once.
        INFERA_FINETUNE_MAX_CONCURRENT: "2",
      },
      stdio: ["pipe", "pipe", "pipe"],
    },
  );
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const teardown = async () => {
    await stop(child);
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    await waitReady(baseURL, child, () => output);
  } catch (err) {
    await teardown();
    throw err;
  }
  project.provide("baseURL", baseURL);
  project.provide("adminEmail", adminEmail);
  project.provide("adminPassword", adminPassword);
  return teardown;
}
