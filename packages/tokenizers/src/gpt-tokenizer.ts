import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import type { TokenizedSequence, TokenizerChatMessage, TokenizerPort } from "@infera/core";
import type * as o200k from "gpt-tokenizer/encoding/o200k_base";
import { isTrainedTurn, messageText } from "../../core/src/datasets/validation/message-text.js";
import { bpePieceCounter } from "./bpe-piece-counter.js";
import { renderChatLayout } from "./chat-sequence.js";

export type OpenAiEncoding = "o200k_base" | "cl100k_base";

const requireCjs = createRequire(import.meta.url);
/**
 * Loaded on first use, one encoding only: the ranks cost ~65 MB of memory per thread, and a dataset
 * validated in worker threads never counts on the caller's thread.
 */
const MODULES = {
  o200k_base: "gpt-tokenizer/cjs/encoding/o200k_base",
  cl100k_base: "gpt-tokenizer/cjs/encoding/cl100k_base",
} as const;
const load = (encoding: OpenAiEncoding) => requireCjs(MODULES[encoding]) as typeof o200k;

/** Special-token text in user data is ordinary text, never a control token (and never an exception). */
const PLAIN = { disallowedSpecial: new Set<string>() };

/**
 * OpenAI's BPE (o200k_base: GPT-4o and later; cl100k_base: GPT-3.5/4) from `gpt-tokenizer`, vocab
 * bundled in the package, fully offline. The default tokenizer for dataset statistics when no base
 * model with its own tokenizer is named. Chats render as OpenAI's chat format
 * (`<|im_start|>role<|im_sep|>content<|im_end|>` for o200k, `…role\ncontent<|im_end|>\n` for cl100k).
 */
export function gptTokenizer(encoding: OpenAiEncoding = "o200k_base"): TokenizerPort {
  const init = () => {
    const lib = load(encoding);
    const special = (t: string) => lib.encode(t, { allowedSpecial: new Set([t]) });
    const encode = (text: string) => lib.encode(text, PLAIN);
    const count = bpePieceCounter(lib.default) ?? ((text: string) => lib.countTokens(text, PLAIN));
    const layout =
      encoding === "o200k_base"
        ? { sep: special(lib.ImSep), after: [] as number[] }
        : { sep: encode("\n"), after: encode("\n") };
    const headers = new Map<string, number[]>();
    const header = (role: string) => {
      let h = headers.get(role);
      if (!h) {
        h = [...encode(role), ...layout.sep];
        headers.set(role, h);
      }
      return h;
    };
    return {
      encode,
      count,
      header,
      start: special(lib.ImStart),
      end: special(lib.ImEnd),
      after: layout.after,
    };
  };
  let state: ReturnType<typeof init> | undefined;
  const s = () => {
    state ??= init();
    return state;
  };
  return {
    id: `gpt-tokenizer/${encoding}`,
    name: `OpenAI ${encoding} (gpt-tokenizer)`,
    // Rebuilt by a validation worker thread from this module (see TokenizerPort.recipe); its ranks
    // load there before any loader hooks.
    recipe: {
      module: import.meta.url,
      export: "gptTokenizer",
      args: [encoding],
      preload: [pathToFileURL(requireCjs.resolve(MODULES[encoding])).href],
    },
    encode: (text) => s().encode(text),
    count: (text) => s().count(text),
    renderChat: (messages: readonly TokenizerChatMessage[]): TokenizedSequence => {
      const { start, header, encode, end, after } = s();
      return renderChatLayout({ prefix: [], start, header, encode, end, after }, messages);
    },
    // renderChat's counts without building the sequence: each turn is start, header, content, end, after.
    countChat: (messages: readonly TokenizerChatMessage[]) => {
      const { start, header, count, end, after } = s();
      let prompt = 0;
      let completion = 0;
      for (const m of messages) {
        prompt += start.length + header(m.role).length + after.length;
        const learned = count(messageText(m)) + end.length;
        if (isTrainedTurn(m)) completion += learned;
        else prompt += learned;
      }
      return { prompt, completion };
    },
  };
}
