export const logLevels = ["debug", "info", "warn", "error"] as const;
export type LogLevel = (typeof logLevels)[number];

export interface LogLine {
  id: string;
  /** RFC 3339 */
  ts: string;
  level: LogLevel;
  message: string;
  /** instance, replica or revision the line came from */
  source?: string;
}

export interface LogQuery {
  from: Date;
  to: Date;
  /** minimum level */
  level?: LogLevel;
  q?: string;
}

export interface LogSource {
  load: (query: LogQuery) => Promise<LogLine[]>;
  /** Streams lines newer than the loaded ones; returns the unsubscribe function. */
  subscribe?: (query: LogQuery, onLines: (lines: LogLine[]) => void) => () => void;
}

export function matches(line: LogLine, query: Pick<LogQuery, "level" | "q">): boolean {
  if (query.level && logLevels.indexOf(line.level) < logLevels.indexOf(query.level)) return false;
  if (query.q && !line.message.toLowerCase().includes(query.q.toLowerCase())) return false;
  return true;
}

export function formatLine(line: LogLine, formatTime: (ts: string) => string): string {
  const src = line.source ? ` [${line.source}]` : "";
  return `${formatTime(line.ts)} ${line.level.toUpperCase()}${src} ${line.message}`;
}
