/**
 * Upload throughput (issue 4): a 2 GB file (1 GB when the disk is short) through the tus API into
 * the local blob store, against `cp` of the same file in the same run. The server runs in its own
 * process so its peak RSS (VmHWM) is its alone. Writes "## Upload throughput (issue 4)" in
 * docs/benchmarks.md. Run: `npx tsx bench/upload-throughput.ts`.
 */
import { spawn, spawnSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { createReadStream, createWriteStream, readFileSync, statfsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Upload } from "tus-js-client";
import { writeSection } from "./lib/benchmarks-md.js";

const MB = 1024 * 1024;
const ADMIN = { email: "bench@localhost", password: "bench-password-123" };

if (process.argv[2] === "--server") {
  // Child: one real server on a fresh data dir; prints its URL.
  const { loadConfig, startServer } = await import("@infera/server");
  const pino = (await import("pino")).default;
  const server = await startServer(loadConfig(process.env), { log: pino({ level: "warn" }) });
  console.log(`URL ${server.url}`);
  process.on("SIGTERM", () => void server.stop().then(() => process.exit(0)));
} else await main();

async function main() {
  const load0 = loadavg();
  const dir = await mkdtemp(join(tmpdir(), "infera-upload-bench-"));
  const free = statfsSync(dir).bavail * statfsSync(dir).bsize;
  const size = process.env.BENCH_UPLOAD_MB
    ? Number(process.env.BENCH_UPLOAD_MB) * MB
    : free > 12 * 1024 * MB
      ? 2048 * MB
      : 1024 * MB;
  const file = join(dir, "source.bin");
  console.log(`generating ${size / MB} MB in ${dir}`);
  const sha256 = await generate(file, size);

  // cp, twice: into the page cache, and with the copy flushed to disk (as the upload's commit is).
  const t0 = performance.now();
  run("cp", [file, join(dir, "cp1.bin")]);
  const cpSeconds = (performance.now() - t0) / 1000;
  const t1 = performance.now();
  run("cp", [file, join(dir, "cp2.bin")]);
  run("sync", ["-f", join(dir, "cp2.bin")]);
  const cpSyncSeconds = (performance.now() - t1) / 1000;
  await rm(join(dir, "cp1.bin"));
  await rm(join(dir, "cp2.bin"));
  // The upload must hash every byte (content addressing): reading and hashing the file with the
  // same OpenSSL sha256 the server uses, and nothing else, bounds any upload on one core.
  const t3 = performance.now();
  const summed = await hashFile(file);
  const hashSeconds = (performance.now() - t3) / 1000;
  if (summed !== sha256) throw new Error("the file's sha256 changed");

  // BENCH_CPU_PROF=<dir>: the server writes a V8 CPU profile there when it stops.
  const prof = process.env.BENCH_CPU_PROF ? ["--cpu-prof", "--cpu-prof-dir", process.env.BENCH_CPU_PROF] : [];
  const child = spawn(process.execPath, [...prof, "--import", "tsx", import.meta.filename, "--server"], {
    env: {
      ...process.env,
      INFERA_PORT: "0",
      INFERA_DATA_DIR: join(dir, "data"),
      INFERA_BLOB_URL: pathToFileURL(join(dir, "blobs")).href,
      INFERA_ADMIN_EMAIL: ADMIN.email,
      INFERA_ADMIN_PASSWORD: ADMIN.password,
      INFERA_MAX_UPLOAD_BYTES: String(size),
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on("data", (d: Buffer) => {
        const m = /URL (\S+)/.exec(d.toString());
        if (m) resolve(m[1]!);
      });
      child.once("exit", (code) => reject(new Error(`server exited ${code}`)));
    });
    const login = await fetch(`${url}/api/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ...ADMIN, issue_token: true }),
    });
    const token = ((await login.json()) as { data: { token: string } }).data.token;
    const auth = { Authorization: `Bearer ${token}` };
    const me = (await (await fetch(`${url}/api/v1/auth/me`, { headers: auth })).json()) as {
      data: { tenants: { id: string }[] };
    };
    const projects = (await (
      await fetch(`${url}/api/v1/tenants/${me.data.tenants[0]!.id}/projects`, { headers: auth })
    ).json()) as { data: { id: string }[] };
    const rssBefore = rss(child.pid!).current;

    const serverCpu0 = cpuSeconds(child.pid!);
    const clientCpu0 = process.cpuUsage();
    const t2 = performance.now();
    const uploadUrl = await new Promise<string>((resolve, reject) => {
      const u: Upload = new Upload(createReadStream(file), {
        endpoint: `${url}/api/v1/uploads`,
        headers: auth,
        metadata: { project_id: projects.data[0]!.id, filename: "source.bin", sha256 },
        retryDelays: [],
        onError: reject,
        onSuccess: () => resolve(u.url!),
      });
      u.start();
    });
    const uploadSeconds = (performance.now() - t2) / 1000;
    const peak = rss(child.pid!).peak;
    const serverCpu = cpuSeconds(child.pid!) - serverCpu0;
    const clientCpuUsage = process.cpuUsage(clientCpu0);
    const clientCpu = (clientCpuUsage.user + clientCpuUsage.system) / 1e6;
    const status = (await (await fetch(uploadUrl, { headers: auth })).json()) as {
      data: { state: string; sha256: string };
    };
    if (status.data.state !== "complete" || status.data.sha256 !== sha256)
      throw new Error(`upload ended ${JSON.stringify(status.data)}`);

    const mbps = (s: number) => size / MB / s;
    const load1 = loadavg();
    const commit = spawnSync("git", ["rev-parse", "--short", "HEAD"]).stdout.toString().trim();
    const rows = [
      ["`cp` (to the page cache)", cpSeconds],
      ["`cp` + `sync -f` of the copy", cpSyncSeconds],
      ["read + sha256 of the file in Node (no write, no network)", hashSeconds],
      ["tus upload through the API (hash, write, fsync, commit)", uploadSeconds],
    ] as const;
    const body = [
      `${size / MB} MB of random bytes on one machine (${cpus().length} CPUs, ${cpus()[0]?.model ?? "?"}), server in its own process over loopback HTTP, client tus-js-client (one PATCH), local blob store on the same filesystem (the finished file is linked in, not copied). Run: \`npx tsx bench/upload-throughput.ts\`; ${new Date().toISOString().slice(0, 10)}, commit ${commit}, load average ${load0.map((l) => l.toFixed(1)).join(" / ")} before and ${load1.map((l) => l.toFixed(1)).join(" / ")} after (1 / 5 / 15 min).`,
      "",
      "| path | seconds | MB/s |",
      "| --- | ---: | ---: |",
      ...rows.map(([name, s]) => `| ${name} | ${s.toFixed(2)} | ${mbps(s).toFixed(0)} |`),
      "",
      `- ratio upload / cp: **${(cpSeconds / uploadSeconds).toFixed(2)}×** (goal ≥ 0.7×); upload / cp + sync: **${(cpSyncSeconds / uploadSeconds).toFixed(2)}×**`,
      `- ratio upload / (read + sha256): **${(hashSeconds / uploadSeconds).toFixed(2)}×**; read + sha256 alone is **${(cpSeconds / hashSeconds).toFixed(2)}×** of cp: the ceiling of any upload that hashes its bytes on one core here`,
      `- CPU time during the upload: server ${serverCpu.toFixed(2)} s, client ${clientCpu.toFixed(2)} s (user + system; ${cpus().length} cores)`,
      `- server peak RSS (VmHWM) ${(peak / MB).toFixed(0)} MB, ${(rssBefore / MB).toFixed(0)} MB before the upload: memory stays flat whatever the file's size`,
      "- the sha256 is computed while the bytes arrive (Node's OpenSSL sha256, kept per upload in memory; rebuilt from the partial file after a restart) and checked against the client's declared one",
    ].join("\n");
    console.log(body);
    if (!process.env.BENCH_NO_WRITE)
      writeSection(
        join(import.meta.dirname, "..", "docs", "benchmarks.md"),
        "## Upload throughput (issue 4)",
        body,
      );
  } finally {
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
    await rm(dir, { recursive: true, force: true });
  }
}

async function hashFile(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path, { highWaterMark: MB })) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

async function generate(path: string, size: number): Promise<string> {
  const hash = createHash("sha256");
  const out = createWriteStream(path);
  const block = randomBytes(4 * MB);
  for (let i = 0; i * block.length < size; i++) {
    // A different 4 MB block each time (cheap: only the first bytes change), so nothing deduplicates.
    block.writeUInt32LE(i, 0);
    const chunk = Buffer.from(block);
    hash.update(chunk);
    if (!out.write(chunk)) await new Promise<void>((r) => out.once("drain", () => r()));
  }
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  return hash.digest("hex");
}

function run(cmd: string, args: string[]) {
  const r = spawnSync(cmd, args, { stdio: "inherit" });
  if (r.status !== 0) throw new Error(`${cmd} failed`);
}

/** User + system CPU seconds of a process so far (/proc/<pid>/stat fields 14 and 15, in clock ticks of 1/100 s). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function rss(pid: number) {
  const text = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(text)?.[1] ?? 0) * 1024;
  return { current: kb("VmRSS"), peak: kb("VmHWM") };
}
