import { basename } from "node:path";

/** What `infera-serve` is started with (docs/serving-runtime.md). */
export interface ReplicaOptions {
  modelPath: string;
  loras: { filePath: string; scale: number }[];
  modelId: string;
  host: string;
  port: number;
  contextSize: number;
  threads: number;
  parallel: number;
  readyFile?: string;
  /** How long in-flight requests may finish after SIGTERM before they are aborted. */
  shutdownGraceMs: number;
  maxBodyBytes: number;
}

export class UsageError extends Error {}

function intArg(name: string, value: string | undefined, min: number): number {
  const n = Number(value);
  if (value === undefined || !Number.isInteger(n) || n < min)
    throw new UsageError(`--${name} must be an integer ≥ ${min}, got ${value ?? "nothing"}`);
  return n;
}

/** `--lora path[:scale]`; a Windows drive letter or a colon in a path without a number stays in the path. */
function loraArg(value: string): { filePath: string; scale: number } {
  const m = /^(.*):(-?\d+(?:\.\d+)?)$/.exec(value);
  return m ? { filePath: m[1]!, scale: Number(m[2]) } : { filePath: value, scale: 1 };
}

export function parseReplicaArgs(argv: readonly string[]): ReplicaOptions {
  const values = new Map<string, string>();
  const loras: ReplicaOptions["loras"] = [];
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    if (!flag.startsWith("--")) throw new UsageError(`unexpected argument ${flag}`);
    const [name, inline] = flag.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    const value = inline ?? argv[++i];
    if (value === undefined) throw new UsageError(`--${name} needs a value`);
    if (name === "lora") loras.push(loraArg(value));
    else values.set(name, value);
  }
  const known = [
    "model",
    "model-id",
    "host",
    "port",
    "context-size",
    "threads",
    "parallel",
    "ready-file",
    "shutdown-grace-ms",
    "max-body-bytes",
  ];
  for (const name of values.keys())
    if (!known.includes(name)) throw new UsageError(`unknown option --${name}`);
  const modelPath = values.get("model");
  if (!modelPath) throw new UsageError("--model <file.gguf> is required");
  return {
    modelPath,
    loras,
    modelId: values.get("model-id") ?? basename(modelPath).replace(/\.gguf$/i, ""),
    host: values.get("host") ?? "127.0.0.1",
    port: intArg("port", values.get("port") ?? "0", 0),
    contextSize: intArg("context-size", values.get("context-size") ?? "2048", 16),
    threads: intArg("threads", values.get("threads") ?? "1", 1),
    parallel: intArg("parallel", values.get("parallel") ?? "1", 1),
    readyFile: values.get("ready-file"),
    shutdownGraceMs: intArg("shutdown-grace-ms", values.get("shutdown-grace-ms") ?? "5000", 0),
    maxBodyBytes: intArg("max-body-bytes", values.get("max-body-bytes") ?? String(4 * 1024 * 1024), 1024),
  };
}
