import type { Context } from "hono";
import { type SSEStreamingApi, streamSSE } from "hono/streaming";

/** One stored event of an ordered log (a job's protocol events, a user's notifications). */
export interface StreamedEvent {
  /** Strictly increasing within the log: the SSE id, and what `Last-Event-ID` resumes after. */
  seq: number;
  /** The SSE event name. */
  type: string;
  data: unknown;
}

/** Where a stream reads from: the log itself, a wake-up signal, and whether the log is closed. */
export interface EventLog {
  /** Events with `seq > after`, ascending, at most `limit`. */
  load(after: number, limit: number): Promise<StreamedEvent[]>;
  /** Calls `wake` whenever new events may exist (a LISTEN/NOTIFY); resolves to a stop function. */
  follow(wake: () => void): Promise<() => Promise<void>>;
  /** True when nothing will be appended any more (a finished job): the stream ends after the last event. */
  closed(): Promise<boolean>;
}

export interface EventStreamOptions {
  /** Resume after this seq (from `Last-Event-ID` or `?after=`). */
  after: number;
  /** A comment line this often keeps proxies from closing an idle stream. */
  heartbeatMs?: number;
  /** Re-read this often even without a wake-up: notifications are best effort. */
  pollMs?: number;
  batch?: number;
  /**
   * Aborted when the server shuts down: the stream closes at once (no `end` event, so a browser
   * reconnects and resumes when the server is back) instead of holding the shutdown's grace period.
   */
  signal?: AbortSignal;
}

/**
 * Answers Server-Sent Events from an ordered log: everything after `after`, then each new event as it
 * is appended, with `id: seq` so a reconnecting browser resumes with no gap and no duplicate. Reads are
 * woken by notifications and also on a slow poll; the stream ends with `event: end` when the log is
 * closed and fully sent, and stops following when the client goes away.
 */
export function answerEventStream(c: Context, log: EventLog, opts: EventStreamOptions): Response {
  const heartbeatMs = opts.heartbeatMs ?? 15_000;
  const pollMs = opts.pollMs ?? 5_000;
  const batch = opts.batch ?? 500;
  c.header("X-Accel-Buffering", "no");
  return streamSSE(c, async (stream) => {
    let after = opts.after;
    let pending = true;
    let wakeUp: (() => void) | null = null;
    const wake = () => {
      pending = true;
      wakeUp?.();
    };
    const stopFollowing = await log.follow(wake);
    const aborted = new Promise<void>((resolve) => {
      stream.onAbort(resolve);
      opts.signal?.addEventListener("abort", () => resolve(), { once: true });
    });
    const stopped = () => stream.aborted || stream.closed || opts.signal?.aborted === true;
    let lastWrite = Date.now();
    let lastRead = Date.now();
    try {
      await stream.writeSSE({ event: "ready", data: JSON.stringify({ after }), retry: 1000 });
      while (!stopped()) {
        if (pending) {
          pending = false;
          lastRead = Date.now();
          const sent = await sendAvailable(stream, log, after, batch);
          if (sent.last !== after) lastWrite = Date.now();
          after = sent.last;
          // Read again after `closed` flips: an event appended just before it is still sent.
          if (await log.closed()) {
            after = (await sendAvailable(stream, log, after, batch)).last;
            await stream.writeSSE({ event: "end", data: JSON.stringify({ last: after }) });
            break;
          }
        }
        if (pending) continue; // woken while sending
        const now = Date.now();
        const waitMs = Math.max(0, Math.min(lastRead + pollMs, lastWrite + heartbeatMs) - now);
        await Promise.race([
          aborted,
          new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, waitMs);
            wakeUp = () => {
              clearTimeout(timer);
              resolve();
            };
          }),
        ]);
        wakeUp = null;
        if (stopped()) break;
        // The slow poll: a notification may have been lost.
        if (Date.now() - lastRead >= pollMs) pending = true;
        if (Date.now() - lastWrite >= heartbeatMs) {
          await stream.write(": keep-alive\n\n");
          lastWrite = Date.now();
        }
      }
    } finally {
      await stopFollowing();
    }
  });
}

async function sendAvailable(
  stream: SSEStreamingApi,
  log: EventLog,
  after: number,
  batch: number,
): Promise<{ last: number }> {
  let last = after;
  for (;;) {
    const events = await log.load(last, batch);
    for (const e of events) {
      await stream.writeSSE({ id: String(e.seq), event: e.type, data: JSON.stringify(e.data) });
      last = e.seq;
    }
    if (events.length < batch) return { last };
  }
}

/** The resume point of a request: `Last-Event-ID` (a reconnecting EventSource) wins over `?after=`. */
export function resumePoint(lastEventId: string | undefined, after: number | undefined): number {
  const fromHeader = lastEventId !== undefined ? Number(lastEventId) : Number.NaN;
  if (Number.isSafeInteger(fromHeader) && fromHeader >= 0) return fromHeader;
  return after ?? 0;
}
