import { parseArgs } from "node:util";
import { createEmitter } from "../protocol/emitter.js";
import { emitFailure, loadSpec, runJob } from "./run-job.js";

const USAGE =
  "usage: infera-train --spec job.json [--output-dir DIR] [--resume-from DIR|latest] [--stop-when-stdin-closes]";

/** `infera-train`: runs one job spec standalone, JSON lines on stdout (the runtime protocol). */
export async function main(argv: string[]): Promise<number> {
  const emitter = createEmitter((line) => process.stdout.write(line));
  let args: ReturnType<
    typeof parseArgs<{
      options: {
        spec: { type: "string" };
        "output-dir": { type: "string" };
        "resume-from": { type: "string" };
        "stop-when-stdin-closes": { type: "boolean" };
        help: { type: "boolean" };
      };
    }>
  >;
  try {
    args = parseArgs({
      args: argv,
      options: {
        spec: { type: "string" },
        "output-dir": { type: "string" },
        "resume-from": { type: "string" },
        "stop-when-stdin-closes": { type: "boolean" },
        help: { type: "boolean" },
      },
    });
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (args.values.help || !args.values.spec) {
    process.stderr.write(`${USAGE}\n`);
    return args.values.help ? 0 : 2;
  }
  let stop = false;
  const onTerm = () => {
    stop = true;
  };
  process.on("SIGTERM", onTerm);
  process.on("SIGINT", onTerm);
  // Under an executor, stdin is a pipe its parent holds open: its end means the parent died, so stop
  // as on SIGTERM (checkpoint, exit) rather than train on with no one reading. The parent's end of
  // stdout is gone too, so a failing write must not crash the run before its checkpoint is written.
  const watchStdin = args.values["stop-when-stdin-closes"] === true;
  if (watchStdin) {
    process.stdout.on("error", () => {});
    process.stdin.on("end", onTerm);
    process.stdin.on("error", onTerm);
    process.stdin.resume();
  }
  try {
    const spec = loadSpec(args.values.spec, {
      ...(args.values["output-dir"] ? { output_dir: args.values["output-dir"] } : {}),
      ...(args.values["resume-from"] ? { resume_from: args.values["resume-from"] } : {}),
    });
    const { exitCode } = await runJob({ spec, emitter, shouldStop: () => stop });
    return exitCode;
  } catch (error) {
    emitFailure(emitter, error);
    return 1;
  } finally {
    process.off("SIGTERM", onTerm);
    process.off("SIGINT", onTerm);
    if (watchStdin) process.stdin.destroy(); // else an open stdin keeps the process alive
  }
}
