/**
 * N slots (the context's sequences) shared by the requests: a request takes a free one or waits in
 * FIFO order; a waiter whose client went away leaves the queue. The slot is returned by `release`.
 */
export class ReplicaStoppingError extends Error {
  constructor() {
    super("the replica is shutting down");
  }
}

export class SequencePool<T> {
  private readonly free: T[];
  private readonly waiters: { resolve: (slot: T) => void; reject: (e: unknown) => void }[] = [];

  constructor(slots: readonly T[]) {
    this.free = [...slots];
  }

  get queued(): number {
    return this.waiters.length;
  }

  get available(): number {
    return this.free.length;
  }

  acquire(signal?: AbortSignal): Promise<T> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    const slot = this.free.shift();
    if (slot !== undefined) return Promise.resolve(slot);
    return new Promise<T>((resolve, reject) => {
      const waiter = {
        resolve: (s: T) => {
          signal?.removeEventListener("abort", onAbort);
          resolve(s);
        },
        reject,
      };
      const onAbort = () => {
        const i = this.waiters.indexOf(waiter);
        if (i >= 0) this.waiters.splice(i, 1);
        reject(signal?.reason);
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.waiters.push(waiter);
    });
  }

  release(slot: T): void {
    const next = this.waiters.shift();
    if (next) next.resolve(slot);
    else this.free.push(slot);
  }

  /** Fails every waiter (shutdown). */
  rejectWaiting(): void {
    for (const w of this.waiters.splice(0)) w.reject(new ReplicaStoppingError());
  }
}
