export { type EncodeOptions, type SpecialTokens, Tokenizer, type TokenizerJson } from "./bpe.js";
export { BYTE_TO_CHAR } from "./byte-level.js";
export {
  CHATML_TEMPLATE,
  type ChatMessage,
  type ChatRole,
  type ChatToolCall,
  type ChatTurn,
  chatText,
  chatTurns,
  type RenderChatOptions,
  type RenderedSequence,
  renderChat,
  renderPromptCompletion,
  templateJson,
} from "./chat-template.js";
export { pretokenize } from "./pretokenize.js";
export { DEFAULT_SPECIAL_TOKENS, trainBpe } from "./train.js";
