import type { Tokenizer } from "./bpe.js";

/**
 * ChatML, stored as `tokenizer.chat_template` in our GGUF files. Engines add the BOS token
 * themselves (tokenizer.ggml.add_bos_token), so the template does not.
 */
export const CHATML_TEMPLATE =
  "{% for message in messages %}{{ '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n' }}{% endfor %}" +
  "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

export type ChatRole = "system" | "user" | "assistant";

export interface ChatMessage {
  role: ChatRole;
  content: string;
}

/** `lossMask[i] = 1` when token `ids[i]` is a training target (predicted from `ids[i-1]`). */
export interface RenderedSequence {
  ids: number[];
  lossMask: number[];
}

export interface RenderChatOptions {
  /** Inserted as a system message when the conversation has none. */
  defaultSystemPrompt?: string;
  /** Ends with "<|im_start|>assistant\n" for generation. */
  addGenerationPrompt?: boolean;
}

const ROLES = new Set<string>(["system", "user", "assistant"]);

/** The ChatML text of a conversation, exactly what the GGUF template renders (without BOS). */
export function chatText(messages: ChatMessage[], opts: RenderChatOptions = {}): string {
  return withDefaultSystem(messages, opts.defaultSystemPrompt)
    .map((m) => `<|im_start|>${m.role}\n${m.content}<|im_end|>\n`)
    .join("")
    .concat(opts.addGenerationPrompt ? "<|im_start|>assistant\n" : "");
}

function withDefaultSystem(messages: ChatMessage[], system: string | undefined): ChatMessage[] {
  for (const m of messages) {
    if (!ROLES.has(m.role)) throw new Error(`unknown chat role "${m.role}" (system, user or assistant)`);
    if (typeof m.content !== "string") throw new Error("chat message content must be a string");
  }
  if (system === undefined || messages[0]?.role === "system") return messages;
  return [{ role: "system", content: system }, ...messages];
}

/**
 * Token ids of a conversation (BOS, then ChatML) and its loss mask: 1 on assistant content and the
 * `<|im_end|>` that closes it. Text between control tokens is encoded as one piece, as llama.cpp
 * does with the rendered template, so training and serving see the same ids.
 */
export function renderChat(
  tok: Tokenizer,
  messages: ChatMessage[],
  opts: RenderChatOptions = {},
): RenderedSequence {
  const ids: number[] = [tok.bosId];
  const lossMask: number[] = [0];
  const push = (id: number, m: number) => {
    ids.push(id);
    lossMask.push(m);
  };
  for (const m of withDefaultSystem(messages, opts.defaultSystemPrompt)) {
    const assistant = m.role === "assistant";
    push(tok.imStartId, 0);
    const header = `${m.role}\n`;
    const headerBytes = new TextEncoder().encode(header).length;
    let offset = 0;
    for (const id of tok.encode(header + m.content)) {
      push(id, assistant && offset >= headerBytes ? 1 : 0);
      offset += tok.tokenBytes(id).length;
    }
    push(tok.eotId, assistant ? 1 : 0);
    for (const id of tok.encode("\n")) push(id, 0);
  }
  if (opts.addGenerationPrompt) {
    push(tok.imStartId, 0);
    for (const id of tok.encode("assistant\n")) push(id, 0);
  }
  return { ids, lossMask };
}

/** BOS + prompt + completion + EOS; prompt and completion are encoded separately, loss on completion and EOS. */
export function renderPromptCompletion(tok: Tokenizer, prompt: string, completion: string): RenderedSequence {
  const p = tok.encode(prompt);
  const c = tok.encode(completion);
  return {
    ids: [tok.bosId, ...p, ...c, tok.eosId],
    lossMask: [0, ...p.map(() => 0), ...c.map(() => 1), 1],
  };
}
