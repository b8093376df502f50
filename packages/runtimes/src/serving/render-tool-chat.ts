import { randomUUID } from "node:crypto";
import { Template } from "@huggingface/jinja";

/** A chat turn as OpenAI sends it and as Hugging Face chat templates read it. */
export interface ToolChatMessage {
  role: "system" | "user" | "assistant" | "tool";
  content: string | null;
  tool_calls?: Array<{ id: string; type: "function"; function: { name: string; arguments: string } }>;
  tool_call_id?: string;
}

/** A piece of the rendered prompt: the template's own text may name special tokens, message content may not. */
export interface PromptPiece {
  text: string;
  special: boolean;
}

export class ToolsUnsupportedError extends Error {}

/**
 * A conversation with tools rendered by the GGUF's Jinja chat template itself (@huggingface/jinja,
 * which node-llama-cpp uses too), with `messages`, `tools` and `add_generation_prompt` as
 * transformers' `apply_chat_template` passes them: the Hermes/Qwen convention of our template —
 * tools in the system turn, calls as `<tool_call>` blocks, turns of role `tool` — comes from the
 * template, not from code here. Each message's content goes in as a marker replaced afterwards, so
 * that text a client sends (`<|im_end|>`…) is tokenized as text, never as a control token, as
 * node-llama-cpp does for chat without tools.
 */
export function renderToolChat(
  template: string | undefined,
  input: {
    messages: readonly ToolChatMessage[];
    tools: readonly unknown[];
    bosToken: string;
    eosToken: string;
  },
): PromptPiece[] {
  if (!template || !/\btools\b/.test(template))
    throw new ToolsUnsupportedError("this model's chat template does not render tools");
  const nonce = randomUUID().replaceAll("-", "");
  const contents = new Map<string, string>();
  const messages = input.messages.map((m, i) => {
    if (m.content === null || m.content === "") return { ...m };
    const marker = `@@content-${nonce}-${i}@@`;
    contents.set(marker, m.content);
    return { ...m, content: marker };
  });
  const rendered = new Template(template).render({
    messages,
    ...(input.tools.length ? { tools: input.tools } : {}),
    add_generation_prompt: true,
    bos_token: input.bosToken,
    eos_token: input.eosToken,
  });
  const pieces: PromptPiece[] = [];
  for (const part of rendered.split(new RegExp(`(@@content-${nonce}-\\d+@@)`))) {
    const content = contents.get(part);
    if (content !== undefined) pieces.push({ text: content, special: false });
    else if (part) pieces.push({ text: part, special: true });
  }
  return pieces;
}
