import { describe, expect, it } from "vitest";
import { SHAPE_RECORDS } from "../fixtures/shape-fixtures.js";
import { isTrainedTurn } from "../message-text.js";
import { normalizedRecord } from "../normalized-rows.js";
import type { ChatMessage } from "../types.js";
import { detectShape } from "./shape.js";
import { validateShapedRecord } from "./validate-shaped-record.js";

const ok = (value: Record<string, unknown>, shape = detectShape(value)!) => {
  const r = validateShapedRecord(value, shape);
  if (!r.ok) throw new Error(r.message);
  return normalizedRecord(r.record);
};
const error = (value: Record<string, unknown>, shape = detectShape(value)!) => {
  const r = validateShapedRecord(value, shape);
  return r.ok ? "valid" : `${r.code}: ${r.message}`;
};

describe("Alpaca", () => {
  it("joins instruction and input with a newline, puts history turns before it and system first", () => {
    expect(ok(SHAPE_RECORDS.alpaca[0]!)).toEqual({
      messages: [
        { role: "system", content: "You are a concise assistant." },
        { role: "user", content: "What is a cell?" },
        { role: "assistant", content: "The smallest unit of life." },
        { role: "user", content: "Who proposed cell theory?" },
        { role: "assistant", content: "Schleiden and Schwann, in 1839." },
        {
          role: "user",
          content:
            "Summarize the text.\nCells are the basic unit of life, and every living thing is made of cells.",
        },
        { role: "assistant", content: "All living things are made of cells." },
      ],
    });
    expect(ok({ instruction: "Say hi.", input: "", output: "Hi." })).toEqual({
      messages: [
        { role: "user", content: "Say hi." },
        { role: "assistant", content: "Hi." },
      ],
    });
  });

  it("names the field that is wrong", () => {
    expect(error({ instruction: "a", output: "" })).toBe(
      "invalid_record: output is empty (nothing to learn from)",
    );
    expect(error({ instruction: "a" })).toBe("invalid_record: missing output (format alpaca)");
    expect(error({ instruction: "a", output: "b", history: [["only one"]] })).toBe(
      "invalid_record: history[0] must be a pair of strings [instruction, answer]",
    );
    expect(error({ instruction: 3, output: "b" })).toBe(
      "invalid_record: instruction must be a string, got number",
    );
    expect(error({ instruction: "a", input: "x", chosen: "b", rejected: "b" })).toBe(
      "invalid_record: chosen and rejected are identical",
    );
  });

  it("maps preference pairs onto a conversational preference record", () => {
    expect(ok(SHAPE_RECORDS.alpaca_preference[0]!)).toEqual({
      prompt: [
        { role: "user", content: 'Write a slogan for a bakery.\nIts name is "Rise", and it opens at 6.' },
      ],
      chosen: [{ role: "assistant", content: "Rise early, eat well." }],
      rejected: [{ role: "assistant", content: "Bread." }],
    });
  });
});

describe("ShareGPT", () => {
  it("maps roles, tool calls and observations, with the system prompt first", () => {
    const r = ok(SHAPE_RECORDS.sharegpt[0]!) as { messages: ChatMessage[]; tools: unknown[] };
    expect(r.messages).toEqual([
      { role: "system", content: "You are a weather assistant." },
      { role: "user", content: "What's the weather in Paris?" },
      {
        role: "assistant",
        content: "",
        tool_calls: [
          {
            id: "call_1_0",
            type: "function",
            function: { name: "get_weather", arguments: '{"city":"Paris"}' },
          },
        ],
      },
      { role: "tool", content: '{"temperature": 18, "sky": "clear"}', tool_call_id: "call_1_0" },
      { role: "assistant", content: "It is 18 °C and clear in Paris." },
      { role: "user", content: "And tomorrow, with rain?" },
      { role: "assistant", content: "I can only see today's weather, sorry." },
    ]);
    expect(r.messages.filter(isTrainedTurn)).toHaveLength(3);
    expect(r.tools).toEqual([
      {
        type: "function",
        function: {
          name: "get_weather",
          description: "Current weather",
          parameters: { type: "object", properties: { city: { type: "string" } } },
        },
      },
    ]);
    expect(ok(SHAPE_RECORDS.sharegpt[1]!)).toEqual({
      messages: [
        { role: "system", content: "Answer in French." },
        { role: "user", content: "Hello, how are you?" },
        { role: "assistant", content: "Bonjour, je vais bien, merci !" },
      ],
    });
  });

  it("checks that turns alternate and that observations answer a call", () => {
    const turns = (...t: [string, string][]) => ({
      conversations: t.map(([from, value]) => ({ from, value })),
    });
    expect(error(turns(["human", "a"], ["human", "b"]))).toBe(
      'invalid_record: conversations[1].from must be gpt or function_call (turns alternate, starting with human), got "human"',
    );
    expect(error(turns(["human", "a"], ["gpt", "b"], ["observation", "c"], ["gpt", "d"]))).toBe(
      "invalid_record: conversations[2] (observation) answers no function_call turn right before it",
    );
    expect(error(turns(["human", "a"]))).toBe(
      "invalid_record: conversations must end with a gpt or function_call turn (nothing to learn from)",
    );
    expect(error(turns(["human", "a"], ["bot", "b"]))).toBe(
      'invalid_record: conversations[1].from must be one of human, gpt, system, function_call, observation (got "bot")',
    );
    expect(error(turns(["human", "a"], ["function_call", "get_weather()"]))).toBe(
      'invalid_record: conversations[1].value (function_call) must be JSON {"name", "arguments"}',
    );
  });

  it("maps preference pairs: the conversation ends with a human turn, chosen and rejected answer it", () => {
    expect(ok(SHAPE_RECORDS.sharegpt_preference[0]!)).toEqual({
      prompt: [{ role: "user", content: "Explain recursion in one line, please." }],
      chosen: [{ role: "assistant", content: "A function that calls itself on a smaller problem." }],
      rejected: [{ role: "assistant", content: "Recursion is recursion." }],
    });
  });
});

describe("OpenAI", () => {
  it("keeps tools, tool calls and weight 0 turns, which carry no loss", () => {
    const r = ok(SHAPE_RECORDS.chat[0]!) as { messages: ChatMessage[]; tools: unknown[] };
    expect(r.tools).toHaveLength(1);
    expect(r.messages.map(isTrainedTurn)).toEqual([false, false, true, false, false, false, true]);
    expect(
      error({
        messages: [
          { role: "user", content: "a" },
          { role: "assistant", content: "b" },
        ],
        tools: {},
      }),
    ).toBe("invalid_record: tools must be an array of function definitions");
  });

  it("maps preference fine-tuning records onto preference records", () => {
    expect(ok(SHAPE_RECORDS.openai_preference[0]!)).toEqual({
      prompt: [{ role: "user", content: "Hello, can you tell me how cold San Francisco is today?" }],
      chosen: [
        { role: "assistant", content: "Today in San Francisco it is 14 °C, with fog in the morning." },
      ],
      rejected: [{ role: "assistant", content: "It is cold." }],
    });
    expect(
      error({ input: { messages: [] }, preferred_output: [], non_preferred_output: [] }, "openai_preference"),
    ).toBe("invalid_record: input.messages is empty");
    expect(
      error({
        input: { messages: [{ role: "user", content: "q" }] },
        preferred_output: [{ role: "user", content: "a" }],
        non_preferred_output: [{ role: "assistant", content: "b" }],
      }),
    ).toBe("invalid_record: preferred_output has no assistant message (nothing to learn from)");
  });
});

describe("detection", () => {
  it("decides by keys, and a record of another shape is a mismatch naming both", () => {
    expect(detectShape({ conversations: [] })).toBe("sharegpt");
    expect(detectShape({ conversations: [], chosen: {} })).toBe("sharegpt_preference");
    expect(detectShape({ instruction: "", output: "" })).toBe("alpaca");
    expect(detectShape({ instruction: "", chosen: "" })).toBe("alpaca_preference");
    expect(detectShape({ input: {}, preferred_output: [] })).toBe("openai_preference");
    expect(detectShape({ messages: [] })).toBe("chat");
    expect(detectShape({ question: "" })).toBeUndefined();
    expect(error({ instruction: "a", output: "b" }, "sharegpt")).toBe(
      "format_mismatch: record looks like alpaca but the dataset is sharegpt",
    );
    expect(error({ prompt: "a", completion: "b" }, "alpaca")).toBe(
      "format_mismatch: record looks like prompt_completion but the dataset is alpaca",
    );
  });
});
