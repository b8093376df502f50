import { memo, type ReactNode } from "react";
import { usePreferences } from "../../../lib/preferences";
import type { JobLogLine } from "../events/log-lines";

/** The first match of `q` in `text` marked. */
function highlight(text: string, q: string): ReactNode {
  const i = q ? text.toLowerCase().indexOf(q.toLowerCase()) : -1;
  if (i < 0) return text;
  return (
    <>
      {text.slice(0, i)}
      <mark>{text.slice(i, i + q.length)}</mark>
      {text.slice(i + q.length)}
    </>
  );
}

/**
 * One log line: time, level, source, message. Memoized: a live batch renders its new rows only,
 * not the thousands above them.
 */
export const JobLogLineRow = memo(function JobLogLineRow({ line, q }: { line: JobLogLine; q: string }) {
  const { formatDate } = usePreferences();
  return (
    <div className="infera-job-log-line" data-level={line.level} data-kind={line.kind} data-seq={line.id}>
      <span className="time">{formatDate(line.ts)}</span>
      <span className="level">{line.level.toUpperCase()}</span>
      {line.source ? <span className="source">[{line.source}]</span> : null}
      <span className="message">{highlight(line.message, q.trim())}</span>
    </div>
  );
});
