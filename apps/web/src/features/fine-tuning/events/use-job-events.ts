import type { FineTuneJobEvent, FineTuneJobEventType } from "@infera/contracts";
import { useEffect, useRef, useState } from "react";
import { api } from "../../../lib/client";

/** The largest page the events route gives: a few thousand log lines load in a few requests. */
const PAGE = 1000;
/** Live events are shown in batches: a burst of log lines repaints once, not once a line. */
const FLUSH_MS = 200;

export interface JobEvents {
  /** Oldest first, each seq once. */
  events: FineTuneJobEvent[];
  /** True until the log read so far has loaded. */
  loading: boolean;
  error: unknown;
  /** Loads again after an error. */
  reload(): void;
}

/** What was read for one job and set of types; kept across a re-follow so only what is new is read. */
interface Loaded {
  key: string;
  events: FineTuneJobEvent[];
  lastSeq: number;
}

/** Appends the events past `lastSeq`, in order: a repeat (a reconnect, an overlap) is dropped. */
function append(into: Loaded, batch: readonly FineTuneJobEvent[]): boolean {
  const fresh: FineTuneJobEvent[] = [];
  for (const e of batch) {
    if (e.seq <= into.lastSeq) continue;
    fresh.push(e);
    into.lastSeq = e.seq;
  }
  if (fresh.length > 0) into.events = [...into.events, ...fresh];
  return fresh.length > 0;
}

/**
 * A job's event log of some types, kept live: the JSON pages first, then (while `follow`) the
 * Server-Sent Events stream from the last seq read. The EventSource reconnects by itself with
 * Last-Event-ID; the stream closes on `end` (the job finished) or when the component goes away.
 * When `follow` turns false (the page saw the job finish) the stream closes and the rest is read as
 * JSON, so the last events are never lost to the race between the poll and the stream.
 * `types` is a key: pass a constant array. An empty `jobId` reads nothing (no job chosen yet).
 */
export function useJobEvents(
  jobId: string,
  types: readonly FineTuneJobEventType[],
  follow: boolean,
): JobEvents {
  const typesKey = types.join(",");
  const key = `${jobId}|${typesKey}`;
  const loaded = useRef<Loaded>({ key, events: [], lastSeq: 0 });
  if (loaded.current.key !== key) loaded.current = { key, events: [], lastSeq: 0 };
  // Each state remembers whose it is, so another job's events never show for a render.
  const [shown, setShown] = useState<{ key: string; events: FineTuneJobEvent[] } | null>(null);
  const [done, setDone] = useState<{ key: string; error: unknown } | null>(null);
  const [tries, setTries] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `tries` counts reloads, which run it again
  useEffect(() => {
    if (!jobId) return;
    const into = loaded.current;
    const wanted = typesKey.split(",") as FineTuneJobEventType[];
    let stopped = false;
    let stream: { close(): void } | undefined;
    let pending: FineTuneJobEvent[] = [];
    let timer: ReturnType<typeof setTimeout> | undefined;
    const take = (batch: readonly FineTuneJobEvent[]) => {
      if (append(into, batch)) setShown({ key: into.key, events: into.events });
    };
    const flush = () => {
      clearTimeout(timer);
      timer = undefined;
      take(pending);
      pending = [];
    };

    void (async () => {
      try {
        for (;;) {
          const page = await api.fineTuning.jobs.events(jobId, {
            after: into.lastSeq,
            limit: PAGE,
            types: wanted,
          });
          if (stopped) return;
          take(page.data);
          if (page.next_after === null) break;
        }
      } catch (err) {
        if (!stopped) setDone({ key: into.key, error: err });
        return;
      }
      setDone({ key: into.key, error: null });
      if (!follow || stopped) return;
      try {
        stream = api.fineTuning.jobs.openEventStream(jobId, {
          after: into.lastSeq,
          types: wanted,
          onEvent: (e) => {
            pending.push(e);
            timer ??= setTimeout(flush, FLUSH_MS);
          },
          onEnd: flush,
        });
      } catch {
        // No EventSource in this browser: what was read stays; reopening the tab reads the rest.
      }
    })();

    return () => {
      stopped = true;
      stream?.close();
      // What was not shown yet is not counted as read: the next load reads it again.
      clearTimeout(timer);
    };
  }, [jobId, typesKey, follow, tries]);

  return {
    events: shown?.key === key ? shown.events : [],
    loading: jobId !== "" && done?.key !== key,
    error: done?.key === key ? done.error : null,
    reload: () => {
      setDone(null);
      setTries((n) => n + 1);
    },
  };
}
