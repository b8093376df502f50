import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { TokenizedSequence, TokenizerPort } from "@infera/dataset-validation";
// The tokenizer module only: the package root of @infera/runtimes also loads TF.js and llama.cpp.
import {
  type ChatMessage,
  renderChat,
  renderPromptCompletion,
  Tokenizer,
  type TokenizerJson,
} from "@infera/runtimes/tokenizer";

/** The bundled base model's tokenizer (byte-level BPE, `infera-bpe-v1`). */
export const INFERA_TINY_TOKENIZER_PATH = fileURLToPath(
  new URL("../../runtimes/assets/infera-tiny/tokenizer.json", import.meta.url),
);

export const isInferaBpeJson = (json: unknown): json is TokenizerJson =>
  typeof json === "object" && json !== null && (json as { format?: unknown }).format === "infera-bpe-v1";

/**
 * Our own byte-level BPE (`infera-bpe-v1` tokenizer.json) with the trainer's ChatML rendering, so
 * counts are the ids the reference trainer builds: BOS, `<|im_start|>role\ncontent<|im_end|>\n` per
 * turn (learned: assistant content and its `<|im_end|>`; tools and tool calls as the template shows
 * them), BOS + prompt + completion + EOS.
 */
export function inferaBpeTokenizer(
  json: TokenizerJson,
  opts: { id?: string; name?: string } = {},
): TokenizerPort {
  const tok = new Tokenizer(json);
  return {
    id: opts.id ?? "infera-bpe",
    name: opts.name ?? "infera byte-level BPE",
    encode: (text) => tok.encode(text),
    // Exactly the sequence the reference trainer builds, tool turns and weights included.
    renderChat(messages, tools): TokenizedSequence {
      const r = renderChat(tok, messages as ChatMessage[], tools?.length ? { tools: [...tools] } : {});
      return { ids: r.ids, completionMask: r.lossMask };
    },
    renderPromptCompletion(prompt, completion): TokenizedSequence {
      const r = renderPromptCompletion(tok, prompt, completion);
      return { ids: r.ids, completionMask: r.lossMask };
    },
  };
}

/** The infera-tiny tokenizer shipped with @infera/runtimes. */
export async function inferaTinyTokenizer(path = INFERA_TINY_TOKENIZER_PATH): Promise<TokenizerPort> {
  const json = JSON.parse(await readFile(path, "utf8")) as TokenizerJson;
  return inferaBpeTokenizer(json, { id: "infera-tiny", name: "infera-tiny byte-level BPE" });
}
