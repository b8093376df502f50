export { type ChatLayout, renderChatLayout, SequenceBuilder } from "./chat-sequence.js";
export { gptTokenizer, type OpenAiEncoding } from "./gpt-tokenizer.js";
export {
  type HuggingFaceTokenizerFiles,
  huggingFaceTokenizer,
  loadHuggingFaceTokenizer,
} from "./hf-tokenizer.js";
export {
  INFERA_TINY_TOKENIZER_PATH,
  inferaBpeTokenizer,
  inferaTinyTokenizer,
  isInferaBpeJson,
} from "./infera-bpe.js";
export { defaultTokenizer, loadModelTokenizer, tokenizerFromFiles } from "./load-model-tokenizer.js";
