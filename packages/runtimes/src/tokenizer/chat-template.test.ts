import { readFileSync } from "node:fs";
import { Template } from "@huggingface/jinja";
import { describe, expect, it } from "vitest";
import { CHATML_TEMPLATE, type ChatMessage, chatText, renderChat, trainBpe } from "./index.js";

const TOOLS = [
  {
    type: "function",
    function: {
      name: "find_order",
      description: "Looks an order up",
      parameters: { type: "object", properties: { id: { type: "number" } }, required: ["id"] },
    },
  },
];

/** Conversations covering every branch of the template: tools with and without a system turn, calls with and without text. */
const CASES: { name: string; messages: ChatMessage[]; tools?: unknown[]; gen?: boolean }[] = [
  {
    name: "plain chat",
    messages: [
      { role: "user", content: "Hi" },
      { role: "assistant", content: "Hello!" },
    ],
  },
  {
    name: "tools and a system turn, a call without text, a tool answer, weight 0",
    tools: TOOLS,
    messages: [
      { role: "system", content: "You can look up orders." },
      { role: "user", content: "Where is order 42?" },
      {
        role: "assistant",
        content: "",
        tool_calls: [
          { id: "c1", type: "function", function: { name: "find_order", arguments: '{"id": 42}' } },
        ],
      },
      { role: "tool", tool_call_id: "c1", content: '{"status": "shipped"}' },
      { role: "assistant", content: "Not sure.", weight: 0 },
      { role: "assistant", content: "It shipped." },
    ],
  },
  {
    name: "tools without a system turn, two calls after text, arguments as an object",
    tools: TOOLS,
    gen: true,
    messages: [
      { role: "user", content: "Orders 1 and 2?" },
      {
        role: "assistant",
        content: "Let me look both up.",
        tool_calls: [
          { function: { name: "find_order", arguments: { id: 1 } } },
          { function: { name: "find_order", arguments: '{"id": 2}' } },
        ],
      },
      { role: "tool", content: "a" },
      { role: "tool", content: "b" },
    ],
  },
];

describe("the ChatML template with tool turns", () => {
  const template = new Template(CHATML_TEMPLATE);
  it.each(CASES)(
    "chatText renders what the GGUF's Jinja template renders: $name",
    ({ messages, tools, gen }) => {
      const viaJinja = template.render({
        messages,
        ...(tools ? { tools } : {}),
        add_generation_prompt: gen ?? false,
      });
      expect(chatText(messages, { ...(tools ? { tools } : {}), addGenerationPrompt: gen ?? false })).toBe(
        viaJinja,
      );
    },
  );

  it("is the template of the bundled infera-tiny (its tokenizer.json, hence its GGUF)", () => {
    const json = JSON.parse(
      readFileSync(new URL("../../assets/infera-tiny/tokenizer.json", import.meta.url), "utf8"),
    );
    expect(json.chatTemplate).toBe(CHATML_TEMPLATE);
  });

  it("shows the tools in the system turn and the calls as <tool_call> blocks", () => {
    const text = chatText(CASES[1]!.messages, { tools: TOOLS });
    expect(text).toContain(
      '<|im_start|>system\nYou can look up orders.\n\n# Tools\n<tools>\n{"type": "function", "function": {"name": "find_order"',
    );
    expect(text).toContain(
      '<|im_start|>assistant\n<tool_call>\n{"name": "find_order", "arguments": {"id": 42}}\n</tool_call><|im_end|>',
    );
    expect(text).toContain('<|im_start|>tool\n{"status": "shipped"}<|im_end|>');
  });

  it("learns the assistant turns and their calls, not the tool answers nor weight-0 turns", () => {
    const tok = trainBpe(["Where is order 42? It shipped. find_order tool_call status"], { vocabSize: 300 });
    const { ids, lossMask } = renderChat(tok, CASES[1]!.messages, { tools: TOOLS });
    const learned = tok.decode(ids.filter((_, i) => lossMask[i] === 1));
    expect(learned).toContain('<tool_call>\n{"name": "find_order", "arguments": {"id": 42}}\n</tool_call>');
    expect(learned).toContain("It shipped.");
    expect(learned).not.toContain("Not sure.");
    expect(learned).not.toContain('shipped"}');
    expect(learned).not.toContain('find_order", "description');
  });
});
