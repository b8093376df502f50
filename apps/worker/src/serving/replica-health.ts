import { readFile } from "node:fs/promises";

/** The port a replica wrote to its ready file once it answers, or null before. */
export async function readyPort(readyFile: string): Promise<number | null> {
  try {
    const { port } = JSON.parse(await readFile(readyFile, "utf8")) as { port?: number };
    return typeof port === "number" && port > 0 ? port : null;
  } catch {
    return null;
  }
}

/** Whether the replica's `GET /health` answers 200 within `timeoutMs`. */
export async function replicaHealthy(port: number, host = "127.0.0.1", timeoutMs = 2000): Promise<boolean> {
  try {
    const res = await fetch(`http://${urlHost(host)}:${port}/health`, {
      signal: AbortSignal.timeout(timeoutMs),
    });
    await res.body?.cancel();
    return res.status === 200;
  } catch {
    return false;
  }
}

/** A host for a URL: an IPv6 address in brackets. */
export function urlHost(host: string): string {
  return host.includes(":") ? `[${host}]` : host;
}

/** The last line the replica wrote (its one-line JSON error when it failed), for `last_error`. */
export async function lastLogLine(logFile: string): Promise<string> {
  try {
    const text = await readFile(logFile, "utf8");
    const lines = text.trim().split("\n");
    return (lines.at(-1) ?? "").slice(0, 2000) || "the replica exited";
  } catch {
    return "the replica exited";
  }
}
