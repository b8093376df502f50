import type { ServiceLogLevel } from "@infera/contracts";

export interface ParsedLogLine {
  at: Date;
  level: ServiceLogLevel;
  message: string;
}

const LEVELS: Record<string, ServiceLogLevel> = {
  trace: "debug",
  debug: "debug",
  info: "info",
  notice: "info",
  warn: "warn",
  warning: "warn",
  error: "error",
  fatal: "error",
  critical: "error",
};

/**
 * One line of a replica's log file as the Logs tab shows it. `infera-serve` writes JSON lines on
 * stdout (`{"time","level","msg",…}`) and its one fatal error as `{"error":{"code","message"}}` on
 * stderr; anything else in the file (llama.cpp's own output, a Node warning, a crash's stack) is kept
 * as it is, at `info` unless it says warning or error, timed when the node read it (`shippedAt`).
 */
export function parseReplicaLogLine(line: string, shippedAt: Date): ParsedLogLine {
  const text = line.trim();
  if (text.startsWith("{")) {
    try {
      const json = JSON.parse(text) as Record<string, unknown>;
      if (json && typeof json === "object" && !Array.isArray(json)) return fromJson(json, shippedAt);
    } catch {
      // Not JSON after all: kept as plain text below.
    }
  }
  return { at: shippedAt, level: plainLevel(text), message: text };
}

function fromJson(json: Record<string, unknown>, shippedAt: Date): ParsedLogLine {
  const time = typeof json.time === "string" ? new Date(json.time) : null;
  const at = time && !Number.isNaN(time.getTime()) ? time : shippedAt;
  const error = json.error as { code?: unknown; message?: unknown } | undefined;
  if (error && typeof error === "object" && !("msg" in json)) {
    const code = typeof error.code === "string" ? `${error.code}: ` : "";
    return { at, level: "error", message: `${code}${String(error.message ?? "")}` };
  }
  const level = LEVELS[String(json.level ?? "").toLowerCase()] ?? "info";
  const msg =
    typeof json.msg === "string" ? json.msg : typeof json.message === "string" ? json.message : null;
  return { at, level, message: msg ?? JSON.stringify(json) };
}

function plainLevel(text: string): ServiceLogLevel {
  if (/\b(error|fatal|panic|exception)\b/i.test(text)) return "error";
  if (/\bwarn(ing)?\b/i.test(text)) return "warn";
  return "info";
}
