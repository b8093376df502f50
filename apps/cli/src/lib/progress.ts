/** Sizes for people: 1023 B, 1.5 KB, 12.3 MB (powers of 1024). */
export function fmtBytes(n: number): string {
  const units = ["B", "KB", "MB", "GB", "TB"];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i += 1;
  }
  return i === 0 ? `${Math.round(v)} B` : `${v.toFixed(1)} ${units[i]}`;
}

function fmtDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return "?";
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m`;
}

/**
 * One file's transfer on stderr: bytes, %, rate and ETA. On a terminal one line redraws in place;
 * otherwise (logs, CI, pipes) a plain line at each further 10% and one at the end, so the output
 * stays short.
 */
export class Progress {
  private readonly started = Date.now();
  private startBytes: number | null = null;
  private lastDraw = 0;
  private lastStep = -1;
  private done = 0;

  constructor(
    private readonly label: string,
    /** null: a streamed answer of unknown size (bytes and rate only, no %, ETA or bar). */
    private readonly total: number | null,
    private readonly verb = "",
    private readonly tty = Boolean(process.stderr.isTTY),
    private readonly out: NodeJS.WritableStream = process.stderr,
  ) {}

  /** `done`: bytes of the file in place so far (a resumed transfer starts above 0). */
  update(done: number): void {
    this.startBytes ??= done;
    this.done = done;
    const now = Date.now();
    if (this.tty) {
      if (now - this.lastDraw < 100 && done < (this.total ?? Number.POSITIVE_INFINITY)) return;
      this.lastDraw = now;
      this.out.write(`\r${this.line(now)}\u001b[K`);
      return;
    }
    // The first and last lines come from finish(): a small file gets one line, not three.
    if (this.total === null) return;
    const step = this.total === 0 ? 10 : Math.floor((done / this.total) * 10);
    if (step === this.lastStep || step >= 10 || (step === 0 && this.startBytes === 0)) return;
    this.lastStep = step;
    this.out.write(`${this.line(now)}\n`);
  }

  /** Ends the line with a last word (`done`, `already there`, `failed`). */
  finish(word: string): void {
    const now = Date.now();
    const line = `${this.line(now)}  ${word}`;
    this.out.write(this.tty ? `\r${line}\u001b[K\n` : `${line}\n`);
  }

  private line(now: number): string {
    if (this.total === null) {
      const secs = (now - this.started) / 1000;
      const rate = secs > 0 ? (this.done - (this.startBytes ?? 0)) / secs : 0;
      return `${this.verb ? `${this.verb} ` : ""}${this.label}  ${fmtBytes(this.done)}  ${fmtBytes(rate)}/s`;
    }
    const pct = this.total === 0 ? 100 : Math.floor((this.done / this.total) * 100);
    const secs = (now - this.started) / 1000;
    const moved = this.done - (this.startBytes ?? 0);
    const rate = secs > 0 ? moved / secs : 0;
    const eta = rate > 0 ? (this.total - this.done) / rate : Number.POSITIVE_INFINITY;
    const width = 20;
    const filled = Math.min(width, Math.floor((pct / 100) * width));
    const bar = this.tty ? `[${"#".repeat(filled)}${".".repeat(width - filled)}] ` : "";
    const verb = this.verb ? `${this.verb} ` : "";
    return `${verb}${this.label}  ${bar}${fmtBytes(this.done)} / ${fmtBytes(this.total)}  ${pct}%  ${fmtBytes(rate)}/s  ETA ${this.done >= this.total ? "0s" : fmtDuration(eta)}`;
  }
}
