import { StringDecoder } from "node:string_decoder";

/**
 * Cuts a byte stream into lines: UTF-8 characters split across chunks are joined, `\r\n` and `\n`
 * both end a line, a last line without a break is still a line, and a line longer than `maxLength`
 * characters is handed over in pieces of at most that many, so what is held stays bounded whatever a
 * process writes.
 */
export class LineSplitter {
  private readonly decoder = new StringDecoder("utf8");
  private partial = "";

  constructor(
    private readonly maxLength: number,
    private readonly onLine: (line: string) => void,
  ) {
    if (!Number.isInteger(maxLength) || maxLength < 2)
      throw new RangeError("maxLength must be an integer ≥ 2");
  }

  push(chunk: Buffer): void {
    this.feed(this.decoder.write(chunk));
  }

  /** Flushes an unfinished last line. */
  end(): void {
    this.feed(this.decoder.end());
    if (this.partial !== "") this.emit(this.partial);
    this.partial = "";
  }

  private feed(text: string): void {
    let start = 0;
    for (let nl = text.indexOf("\n"); nl >= 0; nl = text.indexOf("\n", start)) {
      let line = this.partial + text.slice(start, nl);
      if (line.endsWith("\r")) line = line.slice(0, -1);
      this.partial = "";
      start = nl + 1;
      this.emit(line);
    }
    this.partial += text.slice(start);
    while (this.partial.length > this.maxLength) {
      const cut = this.cutAt(this.partial);
      this.onLine(this.partial.slice(0, cut));
      this.partial = this.partial.slice(cut);
    }
  }

  private emit(line: string): void {
    while (line.length > this.maxLength) {
      const cut = this.cutAt(line);
      this.onLine(line.slice(0, cut));
      line = line.slice(cut);
    }
    this.onLine(line);
  }

  /** Where to cut an over-long piece: never between the two halves of a surrogate pair. */
  private cutAt(text: string): number {
    const code = text.charCodeAt(this.maxLength - 1);
    return code >= 0xd800 && code <= 0xdbff ? this.maxLength - 1 : this.maxLength;
  }
}
