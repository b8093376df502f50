/**
 * Streams text while watching for stop strings that may straddle chunks: text that could still
 * turn out to be the start of a stop string is held back until the next chunk decides.
 */
export class StopStringFilter {
  private held = "";
  stopped = false;

  constructor(private readonly stops: readonly string[]) {}

  /** The text that is safe to emit now; sets `stopped` when a stop string was found (not emitted). */
  push(text: string): string {
    if (this.stopped) return "";
    this.held += text;
    if (this.stops.length === 0) return this.take(this.held.length);
    let first = -1;
    for (const s of this.stops) {
      const i = this.held.indexOf(s);
      if (i >= 0 && (first < 0 || i < first)) first = i;
    }
    if (first >= 0) {
      this.stopped = true;
      const out = this.held.slice(0, first);
      this.held = "";
      return out;
    }
    let keep = 0;
    for (const s of this.stops) {
      for (let n = Math.min(s.length - 1, this.held.length); n > keep; n--) {
        if (this.held.endsWith(s.slice(0, n))) {
          keep = n;
          break;
        }
      }
    }
    return this.take(this.held.length - keep);
  }

  /** What was held back when generation ends for another reason. */
  flush(): string {
    return this.take(this.held.length);
  }

  private take(n: number): string {
    const out = this.held.slice(0, n);
    this.held = this.held.slice(n);
    return out;
  }
}
