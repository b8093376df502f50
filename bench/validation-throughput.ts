/**
 * Dataset validation throughput (issue 4): `validateDataset` with the default tokenizer (o200k) over
 * 1 GB of chat JSONL in two files, with some bad and blank lines. Each measured pass runs in its own
 * process, so its peak RSS (VmHWM) is its alone. Baselines in the same run: reading the files
 * (no work) and `JSON.parse` of every line on one thread. Writes "## Dataset validation throughput
 * (issue 4)" in docs/benchmarks.md. Run: `npx tsx bench/validation-throughput.ts`.
 *
 * Knobs: BENCH_VALIDATION_MB (default 1024), BENCH_NO_WRITE=1 (print only), BENCH_CPU_PROF=<dir>
 * (V8 CPU profiles of the measured processes), BENCH_SKIP_SINGLE=1 (no single-thread pass).
 */
import { spawn } from "node:child_process";
import { createReadStream, createWriteStream, readFileSync, statSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { writeSection } from "./lib/benchmarks-md.js";

const MB = 1024 * 1024;

/** One measured pass in this process; prints one JSON line with its figures. */
async function child(mode: string, files: string[]) {
  const open = () =>
    files.map((f, i) => ({ name: `part-${i}.jsonl`, data: createReadStream(f, { highWaterMark: MB }) }));
  const t0 = performance.now();
  let out: unknown;
  if (mode === "read") {
    let n = 0;
    for (const f of open()) for await (const c of f.data) n += (c as Buffer).length;
    out = { bytes: n };
  } else if (mode === "parse") {
    // The floor of any validator: split lines and JSON.parse each, on one thread.
    const { readLines } = await import("@infera/dataset-validation");
    const decoder = new TextDecoder();
    let n = 0;
    for await (const line of readLines(open)) {
      const text = decoder.decode(line.bytes);
      if (text.trim()) {
        try {
          JSON.parse(text);
          n++;
        } catch {}
      }
    }
    out = { parsed: n };
  } else {
    const { validateDataset } = await import("@infera/dataset-validation");
    const { defaultTokenizer } = await import("@infera/tokenizers");
    out = await validateDataset(open, {
      tokenizer: defaultTokenizer(),
      maxLength: 2048,
      workers: mode === "single" ? 0 : undefined,
    });
  }
  const seconds = (performance.now() - t0) / 1000;
  const status = readFileSync("/proc/self/status", "utf8");
  const peak = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
  const cpu = process.cpuUsage();
  console.log(`RESULT ${JSON.stringify({ seconds, peak, cpu: (cpu.user + cpu.system) / 1e6, out })}`);
}

interface Pass {
  seconds: number;
  peak: number;
  cpu: number;
  out: unknown;
}

function measure(mode: string, files: string[]): Promise<Pass> {
  const prof = process.env.BENCH_CPU_PROF ? ["--cpu-prof", "--cpu-prof-dir", process.env.BENCH_CPU_PROF] : [];
  const p = spawn(
    process.execPath,
    [...prof, "--import", "tsx", import.meta.filename, "--child", mode, ...files],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
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
  const total = Number(process.env.BENCH_VALIDATION_MB ?? 1024) * MB;
  const dir = await mkdtemp(join(tmpdir(), "infera-validation-bench-"));
  const load0 = loadavg();
  try {
    const files = [join(dir, "part-0.jsonl"), join(dir, "part-1.jsonl")];
    console.log(`generating ${total / MB} MB of chat JSONL in ${dir}`);
    const t = performance.now();
    const bad = { count: 0 };
    await generate(files[0]!, total / 2, 1, bad);
    await generate(files[1]!, total / 2, 2, bad);
    const bytes = files.reduce((a, f) => a + statSync(f).size, 0);
    console.log(`generated in ${((performance.now() - t) / 1000).toFixed(1)} s, ${bad.count} bad lines`);

    const read = await measure("read", files);
    const parse = await measure("parse", files);
    const parallel = await measure("parallel", files);
    const single = process.env.BENCH_SKIP_SINGLE ? undefined : await measure("single", files);
    const same = single ? JSON.stringify(single.out) === JSON.stringify(parallel.out) : undefined;
    const load1 = loadavg();

    const mbps = (p: Pass) => bytes / MB / p.seconds;
    const report = parallel.out as { rows: Record<string, number>; tokens: { total: { sum: number } } };
    const row = (name: string, p: Pass) =>
      `| ${name} | ${p.seconds.toFixed(2)} | ${mbps(p).toFixed(1)} | ${p.cpu.toFixed(1)} | ${(p.peak / MB).toFixed(0)} |`;
    const commit = (await import("node:child_process"))
      .execSync("git rev-parse --short HEAD")
      .toString()
      .trim();
    const body = [
      `${(bytes / MB).toFixed(0)} MB of chat JSONL in two files (${report.rows.total} lines: ${report.rows.valid} valid, ${report.rows.invalid} invalid, ${report.rows.blank} blank; ${report.tokens.total.sum} o200k tokens), on ${cpus().length} CPUs (${cpus()[0]?.model ?? "?"}), Node ${process.version}. Each pass in its own process (peak RSS is VmHWM of that process: Node itself, the tokenizer's ranks and the data in flight). Run: \`npx tsx bench/validation-throughput.ts\`; ${new Date().toISOString().slice(0, 10)}, commit ${commit}.`,
      "",
      "| pass | seconds | MB/s | CPU s | peak RSS MB |",
      "| --- | ---: | ---: | ---: | ---: |",
      row("baseline: read the files (no work)", read),
      row("baseline: split lines + `JSON.parse`, one thread", parse),
      ...(single ? [row("`validateDataset` + o200k statistics, one thread (`workers: 0`)", single)] : []),
      row("`validateDataset` + o200k statistics, default (worker threads)", parallel),
      "",
      `- goal: ≥ 50 MB/s with peak memory ≤ 300 MB: **${mbps(parallel).toFixed(1)} MB/s** (${mbps(parallel) >= 50 ? "✓" : "✗"}), **${(parallel.peak / MB).toFixed(0)} MB** (${parallel.peak <= 300 * MB ? "✓" : "✗"}); ${(mbps(parallel) / mbps(parse)).toFixed(2)}× the one-thread parse baseline`,
      ...(same === undefined
        ? []
        : [
            `- the worker-thread report is ${same ? "identical to" : "**different from**"} the one-thread report (compared as JSON)`,
          ]),
      `- load average ${load0.map((l) => l.toFixed(1)).join(" / ")} before, ${load1.map((l) => l.toFixed(1)).join(" / ")} after (1 / 5 / 15 min)`,
    ].join("\n");
    console.log(body);
    if (same === false) process.exitCode = 1;
    if (!process.env.BENCH_NO_WRITE)
      writeSection(
        join(import.meta.dirname, "..", "docs", "benchmarks.md"),
        "## Dataset validation throughput (issue 4)",
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

/**
 * Chat rows whose text is drawn from a Zipf-distributed vocabulary of 50,000 made-up words (as in
 * natural text, a few words are very common and most are rare), with numbers and punctuation; one
 * line in ~5,000 is bad (cut JSON, no messages, a wrong role) and one in ~2,000 is blank.
 */
async function generate(path: string, size: number, seed: number, bad: { count: number }) {
  const rand = prng(seed);
  const vocab = Array.from({ length: 50_000 }, (_, i) => {
    let w = "";
    const n = 1 + (i % 4) + Math.floor(rand() * 2);
    for (let k = 0; k < n; k++) w += SYLLABLES[Math.floor(rand() * SYLLABLES.length)];
    return w;
  });
  // Zipf: rank r with probability ∝ 1/r, sampled through the inverse of the harmonic CDF.
  const hn = Math.log(vocab.length) + 0.5772;
  const word = () => vocab[Math.min(vocab.length - 1, Math.floor(Math.exp(rand() * hn)) - 1)]!;
  const sentence = () => {
    const n = 4 + Math.floor(rand() * 16);
    let s = "";
    for (let i = 0; i < n; i++) {
      const r = rand();
      s += i === 0 ? "" : r < 0.08 ? ", " : " ";
      s += r > 0.97 ? String(Math.floor(rand() * 10_000)) : word();
    }
    return `${s[0]!.toUpperCase()}${s.slice(1)}${rand() < 0.1 ? "?" : "."}`;
  };
  const text = (sentences: number) => Array.from({ length: sentences }, sentence).join(" ");
  const out = createWriteStream(path);
  let written = 0;
  let line = 0;
  let buf = "";
  while (written < size) {
    line++;
    let s: string;
    if (line % 2003 === 0) s = "";
    else if (line % 4999 === 0) {
      bad.count++;
      s = [
        '{"messages": [{"role": "user", "content": "cut',
        '{"prompt": "no messages"}',
        '{"messages": [{"role": "robot", "content": "hi"}]}',
      ][line % 3]!;
    } else {
      const messages = [
        { role: "system", content: text(1) },
        { role: "user", content: text(1 + Math.floor(rand() * 4)) },
        { role: "assistant", content: text(2 + Math.floor(rand() * 8)) },
      ];
      if (rand() < 0.3)
        messages.push(
          { role: "user", content: text(1 + Math.floor(rand() * 2)) },
          { role: "assistant", content: text(1 + Math.floor(rand() * 5)) },
        );
      s = JSON.stringify({ messages });
    }
    buf += `${s}\n`;
    if (buf.length > MB) {
      const b = Buffer.from(buf);
      written += b.length;
      if (!out.write(b)) await new Promise<void>((r) => out.once("drain", () => r()));
      buf = "";
    }
  }
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
}

if (process.argv[2] === "--child") await child(process.argv[3]!, process.argv.slice(4));
else await main();
