/**
 * How long an `infera` call takes to start (not a test): `infera --version` and a client command
 * that fails at once (`keys list` against a closed port, so no server's time is counted), each run
 * as a new process the way a user or a script runs it. Three ways, alternated in rounds, medians:
 * bare `node` doing nothing (the floor), the bundle bin/infera.js runs today (decision 0050), and the
 * TypeScript sources through tsx (INFERA_CLI_BUNDLE=0: how every call ran before). Writes its
 * section of docs/benchmarks.md.
 *
 *   npx tsx bench/cli-startup.ts     # BENCH_ROUNDS (default 15), BENCH_NO_WRITE=1
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { writeSection } from "./lib/benchmarks-md.js";

const DOC = fileURLToPath(new URL("../docs/benchmarks.md", import.meta.url));
const BIN = fileURLToPath(new URL("../apps/cli/bin/infera.js", import.meta.url));
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);

interface Way {
  name: string;
  args: string[];
  env: Record<string, string>;
}

const base = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", INFERA_TOKEN: "bench" };
const commands: { name: string; args: string[] }[] = [
  { name: "`infera --version`", args: ["--version"] },
  {
    name: "`infera keys list` (server down)",
    args: ["keys", "list", "--url", "http://127.0.0.1:9", "--tenant", "t", "--project", "p"],
  },
];
const ways = (args: string[]): Way[] => [
  { name: "bare node", args: ["-e", ""], env: base },
  { name: "bundle", args: [BIN, ...args], env: base },
  { name: "tsx sources", args: [BIN, ...args], env: { ...base, INFERA_CLI_BUNDLE: "0" } },
];

/** Milliseconds for one run of `node …` to exit. */
function timeOnce(way: Way): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, way.args, { env: way.env, stdio: "ignore" });
  if (r.error) throw r.error;
  return performance.now() - t0;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const rows: string[] = [];
for (const command of commands) {
  const list = ways(command.args);
  for (const way of list) timeOnce(way); // warm: the bundle built, tsx's cache filled
  const samples = list.map(() => [] as number[]);
  for (let round = 0; round < ROUNDS; round++)
    for (const [i, way] of list.entries()) samples[i]!.push(timeOnce(way));
  const [bare, bundle, sources] = samples.map(median) as [number, number, number];
  const line = `| ${command.name} | ${bare.toFixed(0)} | ${bundle.toFixed(0)} | ${sources.toFixed(0)} | ${(sources / bundle).toFixed(2)}× |`;
  console.log(line);
  rows.push(line);
}

const body = `Each call a new process, ${ROUNDS} rounds with the three ways alternated, medians in milliseconds; measured ${new Date().toISOString().slice(0, 10)} on ${process.platform}/${process.arch}, Node ${process.version}.

| command | bare \`node -e ""\` | bundle (today) | tsx sources (before) | sources ÷ bundle |
|---|---|---|---|---|
${rows.join("\n")}

The bundle is built from the same sources on the first call after any of them changes (\`apps/cli/bin/bundle.js\`); that call pays the build (about 0.3–0.6 s here) once.`;

if (!process.env.BENCH_NO_WRITE)
  writeSection(DOC, "## CLI start-up (bench/cli-startup.ts, decision 0050)", body);
