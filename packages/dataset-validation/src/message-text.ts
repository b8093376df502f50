import type { TokenizerChatMessage } from "./tokenizer-port.js";

/** The text a turn contributes when a tokenizer has no template for tool calls: content, then the calls as JSON. */
export function messageText(m: TokenizerChatMessage): string {
  return m.tool_calls && m.tool_calls.length > 0 ? m.content + JSON.stringify(m.tool_calls) : m.content;
}

/** Whether a turn is learned: assistant turns, unless OpenAI's `weight: 0` marks them as context. */
export const isTrainedTurn = (m: TokenizerChatMessage): boolean => m.role === "assistant" && m.weight !== 0;
