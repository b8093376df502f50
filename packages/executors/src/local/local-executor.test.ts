import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Execution, ExecutionRequest, OutputLine } from "@infera/core";
import { afterAll, describe, expect, it } from "vitest";
import { createLocalExecutor } from "./create-local-executor.js";
import { readProcStat } from "./read-proc.js";

const root = mkdtempSync(join(tmpdir(), "infera-executor-"));
let n = 0;
const executor = createLocalExecutor({ memoryPollMs: 100 });
/** Samples its runs only as they start, before they have started anything. */
const unsampled = createLocalExecutor({ memoryPollMs: 600_000 });
const started: Execution[] = [];

afterAll(async () => {
  await Promise.all(started.map((e) => e.cancel(0)));
});

/** Runs `code` as a Node script (ESM) in a fresh workspace. */
async function node(code: string, req: Partial<ExecutionRequest> = {}, exec = executor) {
  const execution = await exec.start({
    runId: `run-${++n}`,
    workspaceDir: join(root, `ws-${n}`),
    command: process.execPath,
    args: ["--input-type=module", "-e", code],
    ...req,
  });
  started.push(execution);
  return execution;
}

async function collect(execution: Execution, onLine?: (l: OutputLine) => void): Promise<OutputLine[]> {
  const lines: OutputLine[] = [];
  for await (const l of execution.output) {
    lines.push(l);
    onLine?.(l);
  }
  return lines;
}

const text = (lines: OutputLine[], stream: "stdout" | "stderr") =>
  lines.filter((l) => l.stream === stream).map((l) => l.line);

const alive = async (pid: number) => {
  const s = await readProcStat(pid);
  return s !== undefined && s.state !== "Z";
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("local executor", () => {
  it("delivers stdout and stderr lines in order, joining partial writes, and reports the exit code", async () => {
    const e = await node(`
      const out = (s) => process.stdout.write(s);
      const err = (s) => process.stderr.write(s);
      const wait = (ms) => new Promise((r) => setTimeout(r, ms));
      out("hel"); await wait(30); out("lo\\nwor"); await wait(30); out("ld\\n");
      err("warn"); await wait(30); err("ing 1\\nwarning 2\\n");
      const bytes = Buffer.from("训练\\n"); out(bytes.subarray(0, 2)); await wait(30); out(bytes.subarray(2));
      for (let i = 0; i < 500; i++) out("line " + i + "\\n");
      out("no newline at the end");
      process.exitCode = 3;
    `);
    const lines = await collect(e);
    const out = text(lines, "stdout");
    expect(out.slice(0, 3)).toEqual(["hello", "world", "训练"]);
    expect(out.slice(3, 503)).toEqual(Array.from({ length: 500 }, (_, i) => `line ${i}`));
    expect(out.at(-1)).toBe("no newline at the end");
    expect(text(lines, "stderr")).toEqual(["warning 1", "warning 2"]);
    expect(lines.every((l) => l.at instanceof Date)).toBe(true);
    const exit = await e.exited;
    expect(exit).toMatchObject({ code: 3, signal: null, memoryLimitExceeded: false });
  });

  it("splits a very long line into bounded pieces without losing a byte", async () => {
    const small = createLocalExecutor({ maxLineLength: 64 * 1024 });
    const e = await node(`process.stdout.write("y".repeat(1_000_000) + "\\nafter\\n");`, {}, small);
    const out = text(await collect(e), "stdout");
    expect(out.at(-1)).toBe("after");
    const pieces = out.slice(0, -1);
    expect(pieces.every((p) => p.length <= 64 * 1024)).toBe(true);
    expect(pieces.join("")).toBe("y".repeat(1_000_000));
    expect((await e.exited).code).toBe(0);
  });

  it("gives a minimal environment plus the request's, and CUDA_VISIBLE_DEVICES from the GPU indices (empty for none)", async () => {
    process.env.INFERA_TEST_SERVER_SECRET = "must-not-leak";
    const fresh = createLocalExecutor(); // reads the inherited variables now, with the secret set
    const script = `console.log(JSON.stringify({
      cuda: process.env.CUDA_VISIBLE_DEVICES, secret: process.env.INFERA_TEST_SERVER_SECRET ?? null,
      extra: process.env.EXTRA, run: process.env.INFERA_RUN_ID, path: !!process.env.PATH, cwd: process.cwd() }))`;
    const gpu = await node(script, { env: { EXTRA: "1" }, gpuIndices: [0, 2] }, fresh);
    const cpu = await node(script, {}, fresh);
    delete process.env.INFERA_TEST_SERVER_SECRET;
    const g = JSON.parse(text(await collect(gpu), "stdout")[0]!);
    const c = JSON.parse(text(await collect(cpu), "stdout")[0]!);
    expect(g).toMatchObject({ cuda: "0,2", secret: null, extra: "1", run: `run-${n - 1}`, path: true });
    expect(g.cwd).toBe(join(root, `ws-${n - 1}`));
    expect(c).toMatchObject({ cuda: "", secret: null, path: true });
    expect(c.extra).toBeUndefined();
  });

  it("records the run in .executor/pid.json while it runs and removes the record when it exits", async () => {
    const e = await node(`console.log("up"); process.stdin.once("data", () => process.exit(0));`);
    const file = join(root, `ws-${n}`, ".executor", "pid.json");
    const record = JSON.parse(readFileSync(file, "utf8"));
    const stat = await readProcStat(e.pid);
    expect(record).toMatchObject({ pid: e.pid, pgid: e.pid, runId: `run-${n}`, startTime: stat!.startTime });
    expect(typeof record.bootId).toBe("string");
    // A second start in the same workspace is refused until the earlier run is reaped.
    await expect(
      executor.start({ runId: "again", workspaceDir: join(root, `ws-${n}`), command: "true", args: [] }),
    ).rejects.toThrow(/already executing/);
    await e.cancel(5000);
    expect(existsSync(file)).toBe(false);
  });

  it("refuses a command that does not exist and bad requests with a clear error", async () => {
    await expect(
      executor.start({
        runId: "x",
        workspaceDir: join(root, "missing"),
        command: "/no/such/runtime",
        args: [],
      }),
    ).rejects.toThrow(/cannot start \/no\/such\/runtime: .*ENOENT/);
    await expect(
      executor.start({ runId: "x", workspaceDir: "relative/dir", command: "true", args: [] }),
    ).rejects.toThrow(/absolute/);
    await expect(
      executor.start({
        runId: "x",
        workspaceDir: join(root, "m"),
        command: "true",
        args: [],
        gpuIndices: [-1],
      }),
    ).rejects.toThrow(/gpuIndices/);
    // The failed start left no record: the workspace can be used at once.
    const ok = await executor.start({
      runId: "y",
      workspaceDir: join(root, "missing"),
      command: "true",
      args: [],
    });
    expect((await ok.exited).code).toBe(0);
  });

  it("cancel sends SIGTERM to the process group, which the script handles, and kills what it started", async () => {
    const e = await node(`
      import { spawn } from "node:child_process";
      const child = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });
      process.on("SIGTERM", () => { console.log("got SIGTERM"); setTimeout(() => process.exit(143), 100); });
      console.log("grandchild " + child.pid);
      setInterval(() => {}, 1000);
    `);
    let grandchild = 0;
    const lines = collect(e, (l) => {
      const m = /^grandchild (\d+)$/.exec(l.line);
      if (m) {
        grandchild = Number(m[1]);
        void e.cancel(10_000);
      }
    });
    const out = text(await lines, "stdout");
    expect(out).toContain("got SIGTERM");
    expect(await e.exited).toMatchObject({ code: 143, signal: null, memoryLimitExceeded: false });
    expect(grandchild).toBeGreaterThan(0);
    expect(await alive(grandchild)).toBe(false);
  });

  it("a script that ignores SIGTERM is killed with SIGKILL after the grace period", async () => {
    const e = await node(`
      process.on("SIGTERM", () => console.log("ignoring SIGTERM"));
      console.log("ready");
      setInterval(() => {}, 1000);
    `);
    const lines: string[] = [];
    const t0 = Date.now();
    let canceledAt = 0;
    let canceled: Promise<void> | undefined;
    for await (const l of e.output) {
      lines.push(l.line);
      if (l.line === "ready") {
        canceledAt = Date.now();
        canceled = e.cancel(400);
      }
    }
    await canceled;
    expect(Date.now() - canceledAt).toBeGreaterThanOrEqual(400);
    expect(lines).toContain("ignoring SIGTERM");
    expect(await e.exited).toMatchObject({ code: null, signal: "SIGKILL", memoryLimitExceeded: false });
    expect(Date.now() - t0).toBeLessThan(30_000);
  });

  it("when the leader exits, what it left running in its group is killed before exited resolves", async () => {
    const e = await node(`
      import { spawn } from "node:child_process";
      const child = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });
      console.log(child.pid);
      child.unref();
    `);
    const out = text(await collect(e), "stdout");
    expect((await e.exited).code).toBe(0);
    expect(await alive(Number(out[0]))).toBe(false);
  });

  it("a process that left the session (setsid) is still killed when the run ends, found by the run's token", async () => {
    const e = await node(
      `
      import { spawn } from "node:child_process";
      const escaped = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { detached: true, stdio: "ignore" });
      console.log(escaped.pid);
      escaped.unref();
    `,
      {},
      unsampled, // never sampled while it ran: only the token can find the escaped process
    );
    const out = text(await collect(e), "stdout");
    expect((await e.exited).code).toBe(0);
    expect(await alive(Number(out[0]))).toBe(false);
  });

  it("output still ends when an unknown process (no token, another session) holds the pipes after the run", async () => {
    const e = await node(
      `
      import { spawn } from "node:child_process";
      const holder = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60000)"], {
        detached: true, stdio: ["ignore", "inherit", "inherit"], env: { PATH: process.env.PATH },
      });
      console.log(holder.pid);
      holder.unref();
    `,
      {},
      unsampled,
    );
    const lines = await collect(e); // would wait for the holder's minute without the guard
    const holder = Number(text(lines, "stdout")[0]);
    try {
      expect((await e.exited).code).toBe(0);
      expect(await alive(holder)).toBe(true);
    } finally {
      process.kill(holder, "SIGKILL");
    }
  });

  it("kills a process tree whose resident memory passes the limit and says so; reports the peak", async () => {
    const e = await node(
      `
      import { spawn } from "node:child_process";
      // The allocation happens in a grandchild: the limit is on the whole tree.
      const child = spawn(process.execPath, ["-e", \`
        const keep = [];
        // Up to 800 MB (well past the limit) and no further, whatever the sampler's delay.
        setInterval(() => { if (keep.length < 50) keep.push(Buffer.alloc(16 * 1024 * 1024, 1)); }, 20);
      \`], { stdio: "inherit" });
      console.log("allocating in " + child.pid);
      setInterval(() => {}, 1000);
      `,
      { memoryLimitBytes: 300 * 1024 * 1024 },
    );
    const out = text(await collect(e), "stdout");
    const exit = await e.exited;
    expect(exit).toMatchObject({ code: null, signal: "SIGKILL", memoryLimitExceeded: true });
    expect(exit.peakRssBytes).toBeGreaterThan(300 * 1024 * 1024);
    const grandchild = Number(out[0]!.split(" ").at(-1));
    expect(await alive(grandchild)).toBe(false);
  });

  it("a run under its memory limit finishes normally with its peak reported", async () => {
    const e = await node(`await new Promise((r) => setTimeout(r, 400)); console.log("done")`, {
      memoryLimitBytes: 2 * 1024 * 1024 * 1024,
    });
    expect(text(await collect(e), "stdout")).toEqual(["done"]);
    const exit = await e.exited;
    expect(exit).toMatchObject({ code: 0, memoryLimitExceeded: false });
    expect(exit.peakRssBytes).toBeGreaterThan(10 * 1024 * 1024);
  });

  it("a reader that falls behind pauses the pipes instead of buffering; the run then finishes", async () => {
    const slow = createLocalExecutor({ maxBufferedLines: 50 });
    const e = await node(
      `for (let i = 0; i < 5000; i++) process.stdout.write("x".repeat(200) + i + "\\n"); console.log("end");`,
      {},
      slow,
    );
    let count = 0;
    let readWhenItExited = -1;
    void e.exited.then(() => {
      readWhenItExited = count;
    });
    for await (const l of e.output) {
      if (count++ % 250 === 0) await sleep(20);
      if (l.line === "end") break;
    }
    expect(count).toBe(5001);
    expect((await e.exited).code).toBe(0);
    // Unpaused, the script writes its 1 MB in milliseconds and exits while the reader is near the start;
    // paused, it can only finish once at most the queue, the stream's buffer and the pipe are unread.
    expect(readWhenItExited).toBeGreaterThan(3500);
  });
});
