// Runs `node <args>` and stops it (SIGTERM, then SIGKILL) when our stdin closes, i.e. when the test
// runner that started us is gone, even killed; a signal sent to us is passed on.
import { spawn } from "node:child_process";

const child = spawn(process.execPath, process.argv.slice(2), { stdio: ["ignore", "inherit", "inherit"] });
let stopping = false;
const stop = (signal = "SIGTERM") => {
  if (stopping) return;
  stopping = true;
  child.kill(signal);
  setTimeout(() => child.kill("SIGKILL"), 10_000).unref();
};
process.stdin.on("end", () => stop());
process.stdin.on("error", () => stop());
process.stdin.resume();
process.on("SIGTERM", () => stop("SIGTERM"));
process.on("SIGINT", () => stop("SIGINT"));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
