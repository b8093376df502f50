/**
 * Dataset container throughput (issue 14): `validateDataset` with the default tokenizer (o200k)
 * over the same Alpaca records stored as JSONL, as one JSON array and as CSV (quoted fields with
 * commas and line breaks). Each pass runs in its own process (peak RSS is its VmHWM). The JSONL
 * passes are the same-run baseline: JSONL with worker threads (the default) and on one thread
 * (`workers: 0`). JSON arrays and CSV use the workers as JSONL does (the calling thread only finds
 * where each CSV record ends; fields are split, checked and counted in the workers). Writes "## Dataset
 * container throughput (issue 14)" in docs/benchmarks.md (the JSONL section of issue 4 is left alone).
 * Run: `npx tsx bench/container-throughput.ts`.
 *
 * Knobs: BENCH_CONTAINER_MB (default 256), BENCH_NO_WRITE=1 (print only).
 */
import { spawn } from "node:child_process";
import { createReadStream, createWriteStream, readFileSync, statSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { writeSection } from "./lib/benchmarks-md.js";

const MB = 1024 * 1024;

/** One measured pass in this process; prints one JSON line with its figures. */
async function child(mode: string, file: string) {
  const { validateDataset } = await import("@infera/dataset-validation");
  const { defaultTokenizer } = await import("@infera/tokenizers");
  const t0 = performance.now();
  const report = await validateDataset(
    () => [{ name: file, data: createReadStream(file, { highWaterMark: MB }) }],
    {
      tokenizer: defaultTokenizer(),
      maxLength: 2048,
      ...(mode === "single" ? { workers: 0 } : {}),
    },
  );
  const seconds = (performance.now() - t0) / 1000;
  const status = readFileSync("/proc/self/status", "utf8");
  const peak = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
  const cpu = process.cpuUsage();
  const out = {
    rows: report.rows,
    shape: report.shape,
    container: report.files[0]?.container,
    tokens: report.tokens?.total.sum,
  };
  console.log(`RESULT ${JSON.stringify({ seconds, peak, cpu: (cpu.user + cpu.system) / 1e6, out })}`);
}

interface Pass {
  seconds: number;
  peak: number;
  cpu: number;
  out: { rows: Record<string, number>; shape: string; container: string; tokens: number };
}

function measure(mode: string, file: string): Promise<Pass> {
  const p = spawn(process.execPath, ["--import", "tsx", import.meta.filename, "--child", mode, file], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  let text = "";
  p.stdout.on("data", (d: Buffer) => {
    text += d.toString();
  });
  return new Promise((resolve, reject) =>
    p.once("exit", (code) => {
      const m = /RESULT (.*)/.exec(text);
      if (code !== 0 || !m) reject(new Error(`${mode} pass exited ${code}: ${text.slice(-2000)}`));
      else resolve(JSON.parse(m[1]!) as Pass);
    }),
  );
}

async function main() {
  const total = Number(process.env.BENCH_CONTAINER_MB ?? 256) * MB;
  const dir = await mkdtemp(join(tmpdir(), "infera-container-bench-"));
  const load0 = loadavg();
  try {
    const paths = {
      jsonl: join(dir, "data.jsonl"),
      json: join(dir, "data.json"),
      csv: join(dir, "data.csv"),
    };
    console.log(`generating ~${total / MB} MB of Alpaca records as JSONL, a JSON array and CSV in ${dir}`);
    const rows = await generate(paths, total);
    const size = (f: string) => statSync(f).size;
    const passes: [string, string, string][] = [
      ["JSONL, worker threads (default)", "default", paths.jsonl],
      ["JSONL, one thread (`workers: 0`)", "single", paths.jsonl],
      ["JSON array", "default", paths.json],
      ["CSV", "default", paths.csv],
    ];
    const results: [string, string, Pass][] = [];
    for (const [name, mode, file] of passes) {
      console.log(`measuring ${name}`);
      results.push([name, file, await measure(mode, file)]);
    }
    const load1 = loadavg();
    const mbps = (file: string, p: Pass) => size(file) / MB / p.seconds;
    const single = results[1]!;
    const parallel = results[0]!;
    const commit = (await import("node:child_process"))
      .execSync("git rev-parse --short HEAD")
      .toString()
      .trim();
    const body = [
      `${rows} Alpaca records (instruction, input, output; Zipf-distributed made-up words, commas, quotes and line breaks in the text), the same records in each container: JSONL ${(size(paths.jsonl) / MB).toFixed(0)} MB, JSON array ${(size(paths.json) / MB).toFixed(0)} MB, CSV ${(size(paths.csv) / MB).toFixed(0)} MB. \`validateDataset\` with o200k statistics, each pass in its own process (peak RSS is its VmHWM); ${cpus().length} CPUs (${cpus()[0]?.model ?? "?"}), Node ${process.version}. JSON arrays and CSV use worker threads like JSONL (the calling thread finds where each CSV record ends; its fields are split, checked and counted in the workers); the one-thread JSONL pass is the unit of the ratios. Run: \`npx tsx bench/container-throughput.ts\` (\`BENCH_CONTAINER_MB\`); ${new Date().toISOString().slice(0, 10)}, commit ${commit}.`,
      "",
      "| container | seconds | MB/s | × one-thread JSONL | CPU s | MB per CPU s | × one-thread JSONL (CPU) | peak RSS MB | rows valid |",
      "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
      ...results.map(([name, file, p]) => {
        const perCpu = (f: string, x: Pass) => size(f) / MB / x.cpu;
        return `| ${name} | ${p.seconds.toFixed(2)} | ${mbps(file, p).toFixed(1)} | ${(mbps(file, p) / mbps(single[1], single[2])).toFixed(2)} | ${p.cpu.toFixed(1)} | ${perCpu(file, p).toFixed(1)} | ${(perCpu(file, p) / perCpu(single[1], single[2])).toFixed(2)} | ${(p.peak / MB).toFixed(0)} | ${p.out.rows.valid} |`;
      }),
      "",
      `- goal (issue 14): ≥ 50 MB/s at ≤ 300 MB for JSON arrays and CSV too: ${results
        .slice(2)
        .map(
          ([name, file, p]) =>
            `${name} **${mbps(file, p).toFixed(1)} MB/s** (${mbps(file, p) >= 50 ? "✓" : "✗"}), **${(p.peak / MB).toFixed(0)} MB** (${p.peak <= 300 * MB ? "✓" : "✗"})`,
        )
        .join("; ")}; JSONL with workers in the same run: ${mbps(parallel[1], parallel[2]).toFixed(1)} MB/s`,
      "- on a machine shared with other work the wall-clock ratios swing with the load; CPU seconds per MB (all threads of the pass) are steadier, and the CPU ratio says how much more work a container costs than JSONL",
      `- token totals agree across containers: ${new Set(results.map(([, , p]) => p.out.tokens)).size === 1 ? "yes" : "**no**"}`,
      `- load average ${load0.map((l) => l.toFixed(1)).join(" / ")} before, ${load1.map((l) => l.toFixed(1)).join(" / ")} after (1 / 5 / 15 min)`,
    ].join("\n");
    console.log(body);
    if (!process.env.BENCH_NO_WRITE)
      writeSection(
        join(import.meta.dirname, "..", "docs", "benchmarks.md"),
        "## Dataset container throughput (issue 14)",
        body,
      );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A small deterministic PRNG (mulberry32), so every run validates the same bytes. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES =
  "ka ri to na me lo su pe di an er in on us ith or al ent ver str pro con tion ing ed ly".split(" ");

/** The same records written to the three files at once; returns how many. */
async function generate(paths: { jsonl: string; json: string; csv: string }, size: number): Promise<number> {
  const rand = prng(14);
  const vocab = Array.from({ length: 50_000 }, (_, i) => {
    let w = "";
    const n = 1 + (i % 4) + Math.floor(rand() * 2);
    for (let k = 0; k < n; k++) w += SYLLABLES[Math.floor(rand() * SYLLABLES.length)];
    return w;
  });
  const hn = Math.log(vocab.length) + 0.5772;
  const word = () => vocab[Math.min(vocab.length - 1, Math.floor(Math.exp(rand() * hn)) - 1)]!;
  const sentence = () => {
    const n = 4 + Math.floor(rand() * 16);
    let s = "";
    for (let i = 0; i < n; i++) {
      const r = rand();
      s += i === 0 ? "" : r < 0.08 ? ", " : r < 0.1 ? ' "' : " ";
      s += r > 0.97 ? String(Math.floor(rand() * 10_000)) : word();
    }
    return `${s[0]!.toUpperCase()}${s.slice(1)}${rand() < 0.1 ? "?" : "."}`;
  };
  const text = (sentences: number) =>
    Array.from({ length: sentences }, sentence).join(rand() < 0.2 ? "\n" : " ");
  const outs = {
    jsonl: createWriteStream(paths.jsonl),
    json: createWriteStream(paths.json),
    csv: createWriteStream(paths.csv),
  };
  const bufs = { jsonl: "", json: "[\n", csv: "instruction,input,output\r\n" };
  const q = (s: string) => `"${s.replaceAll('"', '""')}"`;
  const flush = async (force: boolean) => {
    for (const k of ["jsonl", "json", "csv"] as const) {
      if (!force && bufs[k].length < MB) continue;
      if (!outs[k].write(bufs[k])) await new Promise<void>((r) => outs[k].once("drain", () => r()));
      bufs[k] = "";
    }
  };
  let written = 0;
  let rows = 0;
  while (written < size) {
    const r = {
      instruction: text(1),
      input: rand() < 0.4 ? "" : text(1 + Math.floor(rand() * 3)),
      output: text(2 + Math.floor(rand() * 8)),
    };
    const line = JSON.stringify(r);
    written += Buffer.byteLength(line) + 1;
    bufs.jsonl += `${line}\n`;
    bufs.json += `${rows > 0 ? ",\n" : ""}  ${line}`;
    bufs.csv += `${q(r.instruction)},${q(r.input)},${q(r.output)}\r\n`;
    rows++;
    await flush(false);
  }
  bufs.json += "\n]\n";
  await flush(true);
  await Promise.all(
    Object.values(outs).map(
      (o) => new Promise<void>((resolve, reject) => o.end((e?: Error | null) => (e ? reject(e) : resolve()))),
    ),
  );
  return rows;
}

if (process.argv[2] === "--child") await child(process.argv[3]!, process.argv[4]!);
else await main();
