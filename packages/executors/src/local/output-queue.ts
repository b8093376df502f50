/**
 * The lines of one execution between its pipes and the one reader of `output`. Past `highWater`
 * unread lines it asks the pipes to pause (the process then blocks on its next write instead of the
 * server buffering without bound) and resumes them once the reader has caught up to half of that. A
 * reader that breaks out of the loop drops the backlog and lets the pipes flow again, unread.
 */
export class OutputQueue<T> implements AsyncIterable<T> {
  private items: T[] = [];
  private waiting: ((result: IteratorResult<T>) => void) | undefined;
  private ended = false;
  private abandoned = false;
  private iterated = false;
  private paused = false;

  constructor(
    private readonly highWater: number,
    private readonly setPaused: (paused: boolean) => void,
  ) {}

  push(item: T): void {
    if (this.abandoned || this.ended) return;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = undefined;
      resolve({ value: item, done: false });
      return;
    }
    this.items.push(item);
    if (!this.paused && this.items.length >= this.highWater) this.pause(true);
  }

  end(): void {
    this.ended = true;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = undefined;
      resolve({ value: undefined, done: true });
    }
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    if (this.iterated) throw new Error("an execution's output can be iterated only once");
    this.iterated = true;
    return {
      next: () => {
        if (this.items.length > 0) {
          const value = this.items.shift() as T;
          if (this.paused && this.items.length <= this.highWater / 2) this.pause(false);
          return Promise.resolve({ value, done: false });
        }
        if (this.ended || this.abandoned) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve) => {
          this.waiting = resolve;
        });
      },
      return: () => {
        this.abandoned = true;
        this.items = [];
        if (this.paused) this.pause(false);
        return Promise.resolve({ value: undefined, done: true });
      },
    };
  }

  private pause(paused: boolean): void {
    this.paused = paused;
    this.setPaused(paused);
  }
}
