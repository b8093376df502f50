import type { FineTuneJobEvent } from "@infera/contracts";
import {
  formatLine,
  type LogLevel,
  type LogLine,
  logLevels,
  matches,
} from "../../../components/log-viewer/log-types";

/** A line of the Logs tab: a runtime's `log`, a state change, or the failure. */
export interface JobLogLine extends LogLine {
  kind: "log" | "status" | "failed";
  attempt: number;
}

/** The words a state change and a failure are written with (the console's language). */
export interface LogLineLabels {
  status: string;
  failed: string;
  suggestion: string;
  /** A status value's name, e.g. running → "Running". */
  statusName(status: string): string;
}

const str = (v: unknown): string => (typeof v === "string" ? v : "");
const level = (v: unknown): LogLevel =>
  (logLevels as readonly unknown[]).includes(v) ? (v as LogLevel) : "info";

/**
 * The job's log as lines, oldest first: every `log` entry as it came (stderr lines carry
 * `source: "stderr"`), each state change as a line of its own (`status`), and the runtime's failure
 * as an error line with its suggestion, so the reason a run stopped sits where it happened.
 */
export function logLines(events: readonly FineTuneJobEvent[], labels: LogLineLabels): JobLogLine[] {
  const out: JobLogLine[] = [];
  for (const e of events) {
    const base = { id: String(e.seq), ts: e.at, attempt: e.attempt };
    if (e.type === "log") {
      const source = str(e.data.source) || undefined;
      out.push({ ...base, kind: "log", level: level(e.data.level), message: str(e.data.message), source });
    } else if (e.type === "status") {
      const from = str(e.data.from);
      const to = labels.statusName(str(e.data.to));
      const change = from ? `${labels.statusName(from)} → ${to}` : to;
      const reason = str(e.data.reason);
      out.push({
        ...base,
        kind: "status",
        level: "info",
        source: labels.status,
        message: reason ? `${change} (${reason})` : change,
      });
    } else if (e.type === "failed") {
      const suggestion = str(e.data.suggestion);
      out.push({
        ...base,
        kind: "failed",
        level: "error",
        source: labels.failed,
        message: `${str(e.data.reason)}: ${str(e.data.message)}${suggestion ? ` — ${labels.suggestion}: ${suggestion}` : ""}`,
      });
    }
  }
  return out;
}

/** The lines at or above `minLevel` (all when absent) whose message or source holds `q` (any case). */
export function filterLines(
  lines: readonly JobLogLine[],
  minLevel: LogLevel | undefined,
  q: string,
): JobLogLine[] {
  const query = q.trim();
  if (!minLevel && !query) return [...lines];
  const needle = query.toLowerCase();
  return lines.filter(
    (l) =>
      matches(l, { level: minLevel }) &&
      (!needle ||
        l.message.toLowerCase().includes(needle) ||
        (l.source ?? "").toLowerCase().includes(needle)),
  );
}

/** The lines as a .log file: `<UTC time> LEVEL [source] message`, one a line, with a final newline. */
export function logFileText(lines: readonly JobLogLine[]): string {
  return lines.map((l) => formatLine(l, (ts) => ts)).join("\n") + (lines.length > 0 ? "\n" : "");
}
