import { readFileSync } from "node:fs";
import { CHATML_TEMPLATE, type TokenizerJson } from "@infera/runtimes/tokenizer";
import { INFERA_TINY_TOKENIZER_PATH } from "./infera-bpe.js";

export const inferaTinyJson = (): TokenizerJson =>
  JSON.parse(readFileSync(INFERA_TINY_TOKENIZER_PATH, "utf8"));

/**
 * infera-tiny's vocab and merges written as a Hugging Face tokenizer.json (GPT-2 byte-level BPE) with
 * a ChatML tokenizer_config.json: a real HF tokenizer whose ids we can check against our own.
 */
export function inferaTinyAsHuggingFace(): {
  tokenizer: Record<string, unknown>;
  config: Record<string, unknown>;
} {
  const json = inferaTinyJson();
  const special = new Set(json.special);
  return {
    tokenizer: {
      version: "1.0",
      truncation: null,
      padding: null,
      added_tokens: json.special.map((id) => ({
        id,
        content: json.vocab[id],
        single_word: false,
        lstrip: false,
        rstrip: false,
        normalized: false,
        special: true,
      })),
      normalizer: null,
      pre_tokenizer: { type: "ByteLevel", add_prefix_space: false, trim_offsets: true, use_regex: true },
      post_processor: null,
      decoder: { type: "ByteLevel", add_prefix_space: true, trim_offsets: true, use_regex: true },
      model: {
        type: "BPE",
        dropout: null,
        unk_token: null,
        continuing_subword_prefix: null,
        end_of_word_suffix: null,
        fuse_unk: false,
        byte_fallback: false,
        ignore_merges: false,
        vocab: Object.fromEntries(
          json.vocab.map((t, i) => [t, i]).filter(([, i]) => !special.has(i as number)),
        ),
        merges: json.merges,
      },
    },
    config: {
      chat_template: CHATML_TEMPLATE,
      bos_token: json.specialTokens.bos,
      eos_token: json.specialTokens.eos,
    },
  };
}

export const SAMPLE_TEXTS = [
  "Hello world",
  "The quick brown fox jumps over the lazy dog.",
  "  leading spaces and\ttabs\nnew lines",
  "numbers 12345 and 3.14, punctuation!?",
  "it's we're they've I'm you'll he'd",
  "中文数据集 混合 English",
  "emoji 🙂 and accents: café naïve",
  "<|im_end|> typed by a user",
];
