import { describe, expect, it } from "vitest";
import { parseToolCalls, ToolCallParser } from "./tool-call-parser.js";

const NAMES = new Set(["find_order", "time"]);

const CASES: Array<{ name: string; output: string; text: string; calls: Array<[string, unknown]> }> = [
  { name: "plain text", output: "Hello there.\n", text: "Hello there.\n", calls: [] },
  {
    name: "one call without text",
    output: '<tool_call>\n{"name": "find_order", "arguments": {"id": 42}}\n</tool_call>',
    text: "",
    calls: [["find_order", { id: 42 }]],
  },
  {
    name: "text then two calls",
    output:
      'Let me look both up.\n<tool_call>\n{"name": "find_order", "arguments": {"id": 1}}\n</tool_call>\n<tool_call>\n{"name": "time", "arguments": {}}\n</tool_call>',
    text: "Let me look both up.",
    calls: [
      ["find_order", { id: 1 }],
      ["time", {}],
    ],
  },
  {
    name: "invalid JSON stays text",
    output: 'Hm <tool_call>\n{"name": "find_order", "arguments": {id: 1}}\n</tool_call> ok',
    text: 'Hm <tool_call>\n{"name": "find_order", "arguments": {id: 1}}\n</tool_call> ok',
    calls: [],
  },
  {
    name: "an unknown function stays text, a known one after it is a call",
    output:
      '<tool_call>{"name": "rm", "arguments": {}}</tool_call> then <tool_call>{"name": "time", "arguments": {"tz": "<tool_call>"}}</tool_call> done',
    text: '<tool_call>{"name": "rm", "arguments": {}}</tool_call> then done',
    calls: [["time", { tz: "<tool_call>" }]],
  },
  {
    name: "a block never closed stays text",
    output: 'Sure. <tool_call>\n{"name": "time", "argu',
    text: 'Sure. <tool_call>\n{"name": "time", "argu',
    calls: [],
  },
  {
    name: "a lone '<' and a near-miss tag",
    output: "a < b <tool_cal x",
    text: "a < b <tool_cal x",
    calls: [],
  },
];

/** A seeded generator, so that a failing chunking can be replayed. */
function random(seed: number) {
  return () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
}

describe("tool calls in the model's output", () => {
  it.each(CASES)("parses $name", ({ output, text, calls }) => {
    const parsed = parseToolCalls(output, NAMES);
    expect(parsed.text).toBe(text);
    expect(parsed.calls.map((c) => [c.function.name, JSON.parse(c.function.arguments)])).toEqual(calls);
    for (const c of parsed.calls) {
      expect(c.id).toMatch(/^call_[0-9a-f]{24}$/);
      expect(c.type).toBe("function");
    }
    expect(new Set(parsed.calls.map((c) => c.id)).size).toBe(parsed.calls.length);
  });

  it.each(CASES)("streamed in 200 random chunkings gives the same as whole: $name", ({ output }) => {
    const whole = parseToolCalls(output, NAMES);
    const next = random(output.length);
    for (let round = 0; round < 200; round++) {
      const parser = new ToolCallParser(NAMES);
      let text = "";
      const calls: string[] = [];
      for (let i = 0; i < output.length; ) {
        const n = 1 + Math.floor(next() * 12);
        const { text: t, calls: c } = parser.push(output.slice(i, i + n));
        text += t;
        calls.push(...c.map((x) => `${x.function.name}${x.function.arguments}`));
        i += n;
      }
      text += parser.flush();
      expect(text).toBe(whole.text);
      expect(calls).toEqual(whole.calls.map((x) => `${x.function.name}${x.function.arguments}`));
    }
  });

  it("holds back only what may start a block", () => {
    const parser = new ToolCallParser(NAMES);
    expect(parser.push("Hello <tool")).toEqual({ text: "Hello", calls: [] });
    expect(parser.push("s are nice ")).toEqual({ text: " <tools are nice", calls: [] });
    expect(parser.flush()).toBe(" ");
  });
});
