import { randomUUID } from "node:crypto";

/** An OpenAI tool call of the answer (`arguments` a JSON string). */
export interface ParsedToolCall {
  id: string;
  type: "function";
  function: { name: string; arguments: string };
}

const OPEN = "<tool_call>";
const CLOSE = "</tool_call>";

/**
 * Splits a model's output into text and tool calls, as it streams, in the Hermes/Qwen convention
 * our chat template teaches: `<tool_call>{"name": …, "arguments": {…}}</tool_call>` blocks after
 * the turn's text. A block is held from `<tool_call>` until `</tool_call>`, then becomes a call when
 * it parses (a JSON object naming an offered function, arguments an object) or goes back to the
 * text as written when it does not. Text that may be the start of a block is held back, like the
 * stop strings' (stop-strings.ts); the whitespace before a call, and after the last one, is dropped.
 * Any chunking of the same output gives the same text and calls.
 */
export class ToolCallParser {
  private held = "";
  /** Whitespace before the open block: dropped if the block is a call, kept if it is text. */
  private blockSpace = "";
  private inBlock = false;
  private afterCall = false;

  constructor(private readonly functionNames: ReadonlySet<string>) {}

  /** The text safe to emit now and the calls completed by this piece. */
  push(piece: string): { text: string; calls: ParsedToolCall[] } {
    this.held += piece;
    let text = "";
    const calls: ParsedToolCall[] = [];
    for (;;) {
      if (this.inBlock) {
        const end = this.held.indexOf(CLOSE);
        if (end < 0) break;
        const block = this.held.slice(0, end + CLOSE.length);
        this.held = this.held.slice(block.length);
        this.inBlock = false;
        const call = this.callOf(block.slice(OPEN.length, -CLOSE.length));
        if (call) {
          calls.push(call);
          this.afterCall = true;
        } else text += this.blockSpace + block;
        this.blockSpace = "";
        continue;
      }
      // Whitespace after a call is held until what follows decides: dropped before another call or
      // at the end, kept before text.
      if (this.afterCall) {
        if (!this.held.trimStart()) break;
        this.afterCall = false;
      }
      const start = this.held.indexOf(OPEN);
      if (start >= 0) {
        const before = this.held.slice(0, start);
        const kept = before.trimEnd();
        text += kept;
        this.blockSpace = before.slice(kept.length);
        this.held = this.held.slice(start);
        this.inBlock = true;
        continue;
      }
      // Hold what may begin a block, and the whitespace before it.
      let keep = 0;
      for (let n = Math.min(OPEN.length - 1, this.held.length); n > 0; n--)
        if (this.held.endsWith(OPEN.slice(0, n))) {
          keep = n;
          break;
        }
      const safe = this.held.slice(0, this.held.length - keep).trimEnd();
      text += safe;
      this.held = this.held.slice(safe.length);
      break;
    }
    return { text, calls };
  }

  /** What is still held when the output ends: trailing whitespace, or a block never closed (as text). */
  flush(): string {
    const out = this.inBlock ? this.blockSpace + this.held : this.afterCall ? "" : this.held;
    this.held = "";
    this.blockSpace = "";
    this.inBlock = false;
    return out;
  }

  private callOf(inner: string): ParsedToolCall | null {
    let parsed: unknown;
    try {
      parsed = JSON.parse(inner);
    } catch {
      return null;
    }
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) return null;
    const { name, arguments: args = {} } = parsed as { name?: unknown; arguments?: unknown };
    if (typeof name !== "string" || !this.functionNames.has(name)) return null;
    if (args === null || typeof args !== "object" || Array.isArray(args)) return null;
    return {
      id: `call_${randomUUID().replaceAll("-", "").slice(0, 24)}`,
      type: "function",
      function: { name, arguments: JSON.stringify(args) },
    };
  }
}

/** The whole output at once: the same parser fed one piece. */
export function parseToolCalls(
  output: string,
  functionNames: ReadonlySet<string>,
): { text: string; calls: ParsedToolCall[] } {
  const parser = new ToolCallParser(functionNames);
  const { text, calls } = parser.push(output);
  return { text: text + parser.flush(), calls };
}
