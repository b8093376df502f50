import type { TokenizedSequence, TokenizerChatMessage, TokenizerPort } from "@infera/core";
import * as cl100k from "gpt-tokenizer/encoding/cl100k_base";
import * as o200k from "gpt-tokenizer/encoding/o200k_base";
import { renderChatLayout } from "./chat-sequence.js";

export type OpenAiEncoding = "o200k_base" | "cl100k_base";

const ENCODINGS = { o200k_base: o200k, cl100k_base: cl100k } as const;

/** Special-token text in user data is ordinary text, never a control token (and never an exception). */
const PLAIN = { disallowedSpecial: new Set<string>() };

/**
 * OpenAI's BPE (o200k_base: GPT-4o and later; cl100k_base: GPT-3.5/4) from `gpt-tokenizer`, vocab
 * bundled in the package, fully offline. The default tokenizer for dataset statistics when no base
 * model with its own tokenizer is named. Chats render as OpenAI's chat format
 * (`<|im_start|>role<|im_sep|>content<|im_end|>` for o200k, `…role\ncontent<|im_end|>\n` for cl100k).
 */
export function gptTokenizer(encoding: OpenAiEncoding = "o200k_base"): TokenizerPort {
  const lib = ENCODINGS[encoding];
  const special = (t: string) => lib.encode(t, { allowedSpecial: new Set([t]) });
  const encode = (text: string) => lib.encode(text, PLAIN);
  const start = special(lib.ImStart);
  const end = special(lib.ImEnd);
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
    id: `gpt-tokenizer/${encoding}`,
    name: `OpenAI ${encoding} (gpt-tokenizer)`,
    encode,
    count: (text) => lib.countTokens(text, PLAIN),
    renderChat: (messages: readonly TokenizerChatMessage[]): TokenizedSequence =>
      renderChatLayout({ prefix: [], start, header, encode, end, after: layout.after }, messages),
  };
}
