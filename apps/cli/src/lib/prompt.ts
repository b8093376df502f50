import { createInterface } from "node:readline/promises";
import { usageError } from "./cli-error.js";

export function isInteractive(): boolean {
  return Boolean(process.stdin.isTTY && process.stderr.isTTY);
}

/** Asks one line on the terminal (the question goes to stderr so stdout stays clean). */
export async function promptLine(question: string): Promise<string> {
  if (!isInteractive()) throw usageError(`no terminal to ask "${question.trim()}": pass it as an option`);
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  rl.on("SIGINT", () => {
    process.stderr.write("\n");
    process.exit(130);
  });
  try {
    return (await rl.question(question)).trim();
  } finally {
    rl.close();
  }
}

/** Asks for a secret without echoing it. Ctrl+C cancels (exit 130). */
export function promptHidden(question: string): Promise<string> {
  const stdin = process.stdin;
  if (!isInteractive() || !stdin.setRawMode)
    throw usageError("no terminal to ask for the password: pipe it with --password-stdin");
  process.stderr.write(question);
  return new Promise((resolve) => {
    let value = "";
    const finish = () => {
      stdin.off("data", onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write("\n");
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === "\r" || ch === "\n" || ch === "\u0004") {
          finish();
          resolve(value);
          return;
        }
        if (ch === "\u0003") {
          finish();
          process.exit(130);
        }
        if (ch === "\u007f" || ch === "\b") value = value.slice(0, -1);
        else value += ch;
      }
    };
    stdin.setRawMode(true);
    stdin.setEncoding("utf8");
    stdin.on("data", onData);
    stdin.resume();
  });
}

/** Everything piped to stdin, without the final new line. */
export async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) throw usageError("--password-stdin expects the password piped to stdin");
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString("utf8")
    .replace(/\r?\n$/, "");
}
