/** One element of a JSON array: its bytes (undefined when over the limit), where it starts, or why the array cannot be read on. */
export interface ArrayElement {
  index: number;
  /** 1-based line of the file where the element starts. */
  line: number;
  bytes: Uint8Array | undefined;
  length: number;
  problem?: string;
}

const START = 0;
const FIRST = 1; // after "[": an element or "]"
const NEXT = 2; // after ",": an element
const IN = 3;
const AFTER = 4; // after an element: "," or "]"
const END = 5;

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/**
 * Splits a file holding one JSON array into its elements' bytes, holding one element at a time:
 * a byte scan that tracks strings and bracket depth only (JSON.parse then checks each element, as
 * it checks a JSONL line). Structural errors (no "[", a missing ",", data after "]") end the file
 * with a problem at the element where they occur.
 */
export async function* jsonArrayElements(
  data: AsyncIterable<Uint8Array>,
  maxBytes: number,
): AsyncGenerator<ArrayElement> {
  let state = START;
  let line = 1;
  let index = 0;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let literal = false;
  let startLine = 1;
  let parts: Uint8Array[] = [];
  let pending = 0;
  let dropped = false;
  let bom = 0;
  const take = (chunk: Uint8Array, from: number, to: number): ArrayElement => {
    const length = pending + (to - from);
    let bytes: Uint8Array | undefined;
    if (!dropped && length <= maxBytes) {
      const tail = chunk.subarray(from, to);
      if (parts.length === 0) bytes = tail;
      else {
        bytes = new Uint8Array(length);
        let at = 0;
        for (const p of parts) {
          bytes.set(p, at);
          at += p.length;
        }
        bytes.set(tail, at);
      }
    }
    parts = [];
    pending = 0;
    dropped = false;
    return { index: index++, line: startLine, bytes, length };
  };
  const problem = (message: string): ArrayElement => ({
    index,
    line,
    bytes: undefined,
    length: 0,
    problem: message,
  });
  for await (const chunk of data) {
    let seg = 0;
    const n = chunk.length;
    // Next quote, backslash and newline at or after where they were last looked for (indexOf is
    // native and fast): string contents, most of the bytes, are skipped rather than read one by one.
    let quote = -1;
    let backslash = -1;
    let newline = -1;
    for (let i = 0; i < n; i++) {
      const c = chunk[i]!;
      if (state === IN) {
        if (inString) {
          if (escaped) {
            escaped = false;
            if (c === 0x0a) line++;
            continue;
          }
          if (quote < i) quote = chunk.indexOf(0x22, i) >>> 0;
          if (backslash < i) backslash = chunk.indexOf(0x5c, i) >>> 0;
          const stop = Math.min(quote, backslash, n);
          if (newline < i) newline = chunk.indexOf(0x0a, i) >>> 0;
          while (newline < stop) {
            line++; // a raw line break in a string: invalid JSON, but the lines after it still count
            newline = chunk.indexOf(0x0a, newline + 1) >>> 0;
          }
          i = stop;
          if (stop === n) break;
          if (stop === backslash) escaped = true;
          else {
            inString = false;
            if (depth === 0) {
              yield take(chunk, seg, i + 1);
              state = AFTER;
            }
          }
          continue;
        }
        if (literal) {
          if (c === 0x2c || c === 0x5d || isSpace(c)) {
            yield take(chunk, seg, i);
            literal = false;
            state = AFTER;
            i--; // the delimiter is read again as what follows the element
          }
          continue;
        }
        if (c === 0x22) inString = true;
        else if (c === 0x7b || c === 0x5b) depth++;
        else if (c === 0x7d || c === 0x5d) {
          if (--depth === 0) {
            yield take(chunk, seg, i + 1);
            state = AFTER;
          }
        } else if (c === 0x0a) line++;
        continue;
      }
      if (c === 0x0a) line++;
      if (isSpace(c)) continue;
      if (state === START) {
        // A UTF-8 byte order mark (EF BB BF) may precede the array.
        if (c === [0xef, 0xbb, 0xbf][bom]) {
          bom++;
          continue;
        }
        if (c !== 0x5b) {
          yield problem("a JSON array file must start with [");
          return;
        }
        state = FIRST;
      } else if (state === FIRST || state === NEXT) {
        if (c === 0x5d) {
          if (state === NEXT) {
            yield problem(`trailing comma before ] after element ${index - 1}`);
            return;
          }
          state = END;
          continue;
        }
        if (c === 0x2c) {
          yield problem(`unexpected , where element ${index} should start`);
          return;
        }
        state = IN;
        seg = i;
        startLine = line;
        if (c === 0x7b || c === 0x5b) depth = 1;
        else if (c === 0x22) {
          depth = 0;
          inString = true;
        } else {
          depth = 0;
          literal = true;
        }
      } else if (state === AFTER) {
        if (c === 0x2c) state = NEXT;
        else if (c === 0x5d) state = END;
        else {
          yield problem(`expected , or ] after element ${index - 1}`);
          return;
        }
      } else {
        yield problem("data after the end of the array (])");
        return;
      }
    }
    if (state === IN) {
      const rest = n - seg;
      pending += rest;
      if (dropped || pending > maxBytes) {
        dropped = true;
        parts = [];
      } else parts.push(chunk.slice(seg));
    }
  }
  if (state === IN) {
    if (literal) yield take(new Uint8Array(0), 0, 0);
    else yield problem(`the file ends inside element ${index}`);
  } else if (state === START) {
    if (bom > 0 || line > 1) yield problem("a JSON array file must start with [");
  } else if (state !== END) yield problem("the file ends before the array's closing ]");
}
