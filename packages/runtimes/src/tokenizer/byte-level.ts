/**
 * GPT-2's reversible byte ↔ printable-character map: every byte becomes one visible Unicode
 * character, so byte-level BPE tokens are plain strings (the form GGUF's "gpt2" model stores).
 */
function buildByteToChar(): string[] {
  const keep: number[] = [];
  for (let b = 0x21; b <= 0x7e; b++) keep.push(b);
  for (let b = 0xa1; b <= 0xac; b++) keep.push(b);
  for (let b = 0xae; b <= 0xff; b++) keep.push(b);
  const map: string[] = new Array(256);
  let extra = 0;
  for (let b = 0; b < 256; b++) {
    map[b] = keep.includes(b) ? String.fromCodePoint(b) : String.fromCodePoint(256 + extra++);
  }
  return map;
}

export const BYTE_TO_CHAR: readonly string[] = buildByteToChar();
export const CHAR_TO_BYTE: ReadonlyMap<string, number> = new Map(BYTE_TO_CHAR.map((c, b) => [c, b]));

const utf8 = new TextEncoder();

export function bytesToSymbols(text: string): string[] {
  return Array.from(utf8.encode(text), (b) => BYTE_TO_CHAR[b]!);
}

export function symbolsToBytes(token: string): number[] {
  const out: number[] = [];
  for (const ch of token) {
    const b = CHAR_TO_BYTE.get(ch);
    if (b === undefined) throw new Error(`not a byte-level token: ${JSON.stringify(token)}`);
    out.push(b);
  }
  return out;
}
