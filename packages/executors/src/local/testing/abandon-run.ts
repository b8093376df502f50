/**
 * A stand-in for a server that dies while a run executes: starts a run in the workspace given as the
 * first argument, prints each of its output lines, and waits to be killed with -9 by the test.
 * `mode` (second argument): `stay` — the run and the worker it starts live on; `leave-worker` — the
 * run exits when its stdin closes (its parent died) and leaves its worker behind.
 * Run: `node --import tsx abandon-run.ts <workspaceDir> <mode>`.
 */
import { createLocalExecutor } from "../create-local-executor.js";

const [workspaceDir, mode] = process.argv.slice(2);
if (!workspaceDir || (mode !== "stay" && mode !== "leave-worker")) {
  process.stderr.write("usage: abandon-run.ts <workspaceDir> stay|leave-worker\n");
  process.exit(2);
}

const script = `
  import { spawn } from "node:child_process";
  const worker = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });
  ${mode === "leave-worker" ? 'process.stdin.on("end", () => process.exit(0)); process.stdin.resume();' : ""}
  console.log("run " + process.pid + " worker " + worker.pid);
  setInterval(() => {}, 1000);
`;
const execution = await createLocalExecutor().start({
  runId: "abandoned",
  workspaceDir,
  command: process.execPath,
  args: ["--input-type=module", "-e", script],
});
for await (const line of execution.output) process.stdout.write(`${line.line}\n`);
