import type { Tokenizer } from "./bpe.js";

/**
 * ChatML, stored as `tokenizer.chat_template` in our GGUF files. Engines add the BOS token
 * themselves (tokenizer.ggml.add_bos_token), so the template does not. Tool use follows the
 * Hermes/Qwen convention: the function definitions go into the system turn inside `<tools>`, each
 * call of an assistant turn is a `<tool_call>` block after its text, and a tool's answer is a turn of
 * role `tool`. `chatTurns` below renders exactly this (a test renders both and compares).
 */
export const CHATML_TEMPLATE =
  "{% if tools %}{{ '<|im_start|>system\\n' }}{% if messages[0]['role'] == 'system' %}{{ messages[0]['content'] + '\\n\\n' }}{% endif %}" +
  "{{ '# Tools\\n<tools>' }}{% for tool in tools %}{{ '\\n' + (tool | tojson) }}{% endfor %}{{ '\\n</tools><|im_end|>\\n' }}{% endif %}" +
  "{% for message in messages %}{% if not (tools and loop.first and message['role'] == 'system') %}" +
  "{{ '<|im_start|>' + message['role'] + '\\n' + (message['content'] or '') }}" +
  "{% if message['tool_calls'] %}{% for call in message['tool_calls'] %}{% if message['content'] or not loop.first %}{{ '\\n' }}{% endif %}" +
  "{{ '<tool_call>\\n{\"name\": \"' + call['function']['name'] + '\", \"arguments\": ' }}" +
  "{% if call['function']['arguments'] is string %}{{ call['function']['arguments'] }}{% else %}{{ call['function']['arguments'] | tojson }}{% endif %}" +
  "{{ '}\\n</tool_call>' }}{% endfor %}{% endif %}{{ '<|im_end|>' + '\\n' }}{% endif %}{% endfor %}" +
  "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

export type ChatRole = "system" | "user" | "assistant" | "tool";

/** An OpenAI-shaped tool call of an assistant turn (`arguments` is a JSON string, or an object). */
export interface ChatToolCall {
  id?: string;
  type?: string;
  function: { name: string; arguments?: unknown };
}

export interface ChatMessage {
  role: ChatRole;
  content: string;
  tool_calls?: ChatToolCall[];
  tool_call_id?: string;
  name?: string;
  /** OpenAI's per-message weight: an assistant turn with weight 0 is context, not a target. */
  weight?: 0 | 1;
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
  /** Function definitions the conversation may call (OpenAI `tools`), shown in the system turn. */
  tools?: unknown[];
}

/** One ChatML turn as rendered: its role, its whole text, and whether it is a training target. */
export interface ChatTurn {
  role: ChatRole;
  content: string;
  learn: boolean;
}

const ROLES = new Set<string>(["system", "user", "assistant", "tool"]);

/** JSON as the template's `tojson` filter writes it (Python's separators: ", " and ": "). */
export function templateJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(templateJson).join(", ")}]`;
  if (value !== null && typeof value === "object")
    return `{${Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${JSON.stringify(k)}: ${templateJson(v)}`)
      .join(", ")}}`;
  return JSON.stringify(value) ?? "null";
}

function toolCallText(call: ChatToolCall): string {
  const args = call.function.arguments;
  return `<tool_call>\n{"name": "${call.function.name}", "arguments": ${
    typeof args === "string" ? args : templateJson(args)
  }}\n</tool_call>`;
}

/**
 * The turns of a conversation as CHATML_TEMPLATE renders them: the default system prompt when the
 * conversation has none, the tools in the system turn, tool calls after an assistant turn's text.
 * Assistant turns are the targets, except those with `weight: 0`.
 */
export function chatTurns(messages: ChatMessage[], opts: RenderChatOptions = {}): ChatTurn[] {
  for (const m of messages) {
    if (!ROLES.has(m.role))
      throw new Error(`unknown chat role "${m.role}" (system, user, assistant or tool)`);
    if (typeof m.content !== "string") throw new Error("chat message content must be a string");
  }
  const withSystem =
    opts.defaultSystemPrompt === undefined || messages[0]?.role === "system"
      ? messages
      : [{ role: "system" as const, content: opts.defaultSystemPrompt }, ...messages];
  const turns: ChatTurn[] = withSystem.map((m) => {
    const calls = (m.tool_calls ?? []).map(toolCallText);
    const content = calls.length ? [m.content, ...calls].filter((x) => x !== "").join("\n") : m.content;
    return { role: m.role, content, learn: m.role === "assistant" && m.weight !== 0 };
  });
  if (opts.tools?.length) {
    const block = `# Tools\n<tools>${opts.tools.map((t) => `\n${templateJson(t)}`).join("")}\n</tools>`;
    if (turns[0]?.role === "system") turns[0] = { ...turns[0], content: `${turns[0].content}\n\n${block}` };
    else turns.unshift({ role: "system", content: block, learn: false });
  }
  return turns;
}

/** The ChatML text of a conversation, exactly what the GGUF template renders (without BOS). */
export function chatText(messages: ChatMessage[], opts: RenderChatOptions = {}): string {
  return chatTurns(messages, opts)
    .map((m) => `<|im_start|>${m.role}\n${m.content}<|im_end|>\n`)
    .join("")
    .concat(opts.addGenerationPrompt ? "<|im_start|>assistant\n" : "");
}

/**
 * Token ids of a conversation (BOS, then ChatML) and its loss mask: 1 on each target assistant turn's
 * content (with its tool calls) and the `<|im_end|>` that closes it. Text between control tokens is encoded as one piece, as llama.cpp
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
  for (const m of chatTurns(messages, opts)) {
    const assistant = m.learn;
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
