import { describe, expect, it } from "vitest";
import { validateRecord } from "./validate-record.js";

const ok = (value: Record<string, unknown>, format: Parameters<typeof validateRecord>[1]) => {
  const r = validateRecord(value, format);
  if (!r.ok) throw new Error(r.message);
  return r.record;
};
const err = (value: Record<string, unknown>, format: Parameters<typeof validateRecord>[1]) => {
  const r = validateRecord(value, format);
  if (r.ok) throw new Error("expected an error");
  return r.message;
};

describe("chat records", () => {
  it("accepts system/user/assistant turns and extra top-level fields", () => {
    const rec = ok(
      {
        id: 7,
        messages: [
          { role: "system", content: "be brief" },
          { role: "user", content: "hi" },
          { role: "assistant", content: "hello", weight: 1 },
        ],
      },
      "chat",
    );
    expect(rec).toMatchObject({
      format: "chat",
      messages: [{ role: "system" }, { role: "user" }, { role: "assistant", weight: 1 }],
    });
  });

  it("accepts OpenAI tool calls answered by tool messages", () => {
    const messages = [
      { role: "user", content: "weather in Paris?" },
      {
        role: "assistant",
        content: null,
        tool_calls: [
          { id: "call_1", type: "function", function: { name: "weather", arguments: '{"city":"Paris"}' } },
        ],
      },
      { role: "tool", tool_call_id: "call_1", content: "18C" },
      { role: "assistant", content: "18 degrees." },
    ];
    expect(ok({ messages, tools: [] }, "chat")).toMatchObject({ format: "chat" });
  });

  it.each([
    [
      { messages: [{ role: "user", content: "hi" }] },
      "messages has no assistant message (nothing to learn from)",
    ],
    [
      { messages: [{ role: "bot", content: "hi" }] },
      'messages[0].role must be one of system, user, assistant, tool (got "bot")',
    ],
    [{ messages: [{ content: "hi" }] }, 'messages[0] is missing "role"'],
    [
      {
        messages: [
          { role: "user", content: 3 },
          { role: "assistant", content: "x" },
        ],
      },
      "messages[0].content must be a string, got number",
    ],
    [{ messages: [{ role: "assistant" }] }, 'messages[0] is missing "content" (and has no tool_calls)'],
    [
      { messages: [{ role: "user", content: "a", contnet: "b" }] },
      'messages[0] has unexpected field "contnet"',
    ],
    [{ messages: [] }, "messages is empty"],
    [{ messages: "hi" }, "messages must be an array of messages"],
    [
      {
        messages: [
          { role: "user", content: "a" },
          { role: "tool", content: "r" },
          { role: "assistant", content: "b" },
        ],
      },
      'messages[1] (tool) is missing "tool_call_id"',
    ],
    [
      {
        messages: [
          { role: "user", content: "a" },
          { role: "tool", tool_call_id: "nope", content: "r" },
          { role: "assistant", content: "b" },
        ],
      },
      'messages[1].tool_call_id "nope" answers no earlier assistant tool call',
    ],
    [
      {
        messages: [
          {
            role: "assistant",
            content: null,
            tool_calls: [{ id: "c", type: "function", function: { name: "f", arguments: {} } }],
          },
        ],
      },
      "messages[0].tool_calls[0].function.arguments must be a JSON string",
    ],
  ])("rejects %j", (value, message) => {
    expect(err(value, "chat")).toBe(message);
  });
});

describe("prompt/completion, text and preference records", () => {
  it("accepts each format", () => {
    expect(ok({ prompt: "2+2=", completion: "4" }, "prompt_completion")).toEqual({
      format: "prompt_completion",
      prompt: "2+2=",
      completion: "4",
    });
    expect(ok({ text: "once upon a time" }, "text")).toEqual({ format: "text", text: "once upon a time" });
    expect(ok({ prompt: "q", chosen: "good", rejected: "bad" }, "preference")).toMatchObject({
      chosen: "good",
    });
    const conv = ok(
      {
        prompt: [{ role: "user", content: "q" }],
        chosen: [{ role: "assistant", content: "good" }],
        rejected: [{ role: "assistant", content: "bad" }],
      },
      "preference",
    );
    expect(conv).toMatchObject({ format: "preference", chosen: [{ role: "assistant", content: "good" }] });
    // Implicit prompt: the conversations carry it.
    expect(
      ok(
        {
          chosen: [
            { role: "user", content: "q" },
            { role: "assistant", content: "good" },
          ],
          rejected: [
            { role: "user", content: "q" },
            { role: "assistant", content: "bad" },
          ],
        },
        "preference",
      ),
    ).toMatchObject({ prompt: undefined });
  });

  it.each([
    [{ prompt: "p" }, "prompt_completion", "missing completion (format prompt_completion)"],
    [{ prompt: 1, completion: "c" }, "prompt_completion", "prompt must be a string, got number"],
    [{ prompt: "p", completion: "" }, "prompt_completion", "completion is empty (nothing to learn from)"],
    [{ text: "" }, "text", "text is empty"],
    [{ text: ["a"] }, "text", "text must be a string, got an array"],
    [{ prompt: "q", chosen: "a" }, "preference", "missing rejected (format preference)"],
    [
      { chosen: "a", rejected: "b" },
      "preference",
      "missing prompt (required when chosen and rejected are strings)",
    ],
    [{ prompt: "q", chosen: "same", rejected: "same" }, "preference", "chosen and rejected are identical"],
    [
      { prompt: "q", chosen: [{ role: "assistant", content: "a" }], rejected: "b" },
      "preference",
      "rejected must be an array of messages like the other side",
    ],
    [
      {
        prompt: "q",
        chosen: [{ role: "user", content: "a" }],
        rejected: [{ role: "assistant", content: "b" }],
      },
      "preference",
      "chosen has no assistant message (nothing to learn from)",
    ],
  ] as const)("rejects %j as %s", (value, format, message) => {
    expect(err(value, format)).toBe(message);
  });

  it("names missing and unexpected fields when a record is of another format", () => {
    expect(err({ prompt: "p", completion: "c" }, "chat")).toBe(
      "record looks like prompt_completion but the dataset is chat: missing messages; unexpected prompt, completion",
    );
    expect(err({ messages: [], text: "t" }, "chat")).toBe(
      "unexpected text in a chat record (fields of another format)",
    );
    expect(err({ id: 1 }, "text")).toBe(
      "record has none of the format fields but the dataset is text: missing text",
    );
  });
});
