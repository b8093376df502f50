/**
 * When each queued job should start, by replaying the queue over the slots that run jobs: every slot
 * frees when its running job's remaining time is up; each queued job, in queue order, takes the slot
 * that frees first and holds it for its own estimated duration. A rough answer by design (it ignores
 * which node a job lands on and the per-user limits): it is what the list shows as "ETA", and it
 * improves as running jobs report their own ETA.
 */
export function estimateQueueStarts(input: {
  /** Concurrent jobs the installation runs (the overall limit, or fewer when capacity is smaller). */
  slots: number;
  /** Seconds left of each running job (its latest progress ETA; null when unknown). */
  runningRemainingSeconds: readonly (number | null)[];
  /** Queued jobs in queue order with their estimated duration in seconds (null when unknown). */
  queued: readonly { id: string; durationSeconds: number | null }[];
  /** Used for running jobs and queued jobs whose own estimate is unknown. */
  fallbackDurationSeconds: number;
}): Map<string, number> {
  const slots = Math.max(1, Math.floor(input.slots));
  const fallback = Math.max(0, input.fallbackDurationSeconds);
  // Free times of the slots; with at most a few dozen slots a sorted array beats a heap in clarity.
  const free: number[] = [];
  for (const r of input.runningRemainingSeconds.slice(0, slots)) free.push(Math.max(0, r ?? fallback));
  while (free.length < slots) free.push(0);
  free.sort((a, b) => a - b);
  const starts = new Map<string, number>();
  for (const job of input.queued) {
    const start = free.shift() ?? 0;
    starts.set(job.id, start);
    insertSorted(free, start + Math.max(0, job.durationSeconds ?? fallback));
  }
  return starts;
}

function insertSorted(values: number[], v: number) {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((values[mid] as number) <= v) lo = mid + 1;
    else hi = mid;
  }
  values.splice(lo, 0, v);
}
