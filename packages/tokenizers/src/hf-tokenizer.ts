import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { Template } from "@huggingface/jinja";
import { Tokenizer } from "@huggingface/tokenizers";
import type { TokenizedSequence, TokenizerPort } from "@infera/dataset-validation";
import { isTrainedTurn, messageText } from "@infera/dataset-validation";

export interface HuggingFaceTokenizerFiles {
  /** Parsed tokenizer.json. */
  tokenizer: Record<string, unknown>;
  /** Parsed tokenizer_config.json (chat_template, bos/eos tokens), when the model has one. */
  config?: Record<string, unknown>;
  id?: string;
  name?: string;
}

const tokenText = (t: unknown): string | undefined =>
  typeof t === "string"
    ? t
    : typeof t === "object" && t !== null
      ? ((t as { content?: string }).content ?? undefined)
      : undefined;

/**
 * A base model's own tokenizer from its Hugging Face `tokenizer.json` (+ `tokenizer_config.json`),
 * run by `@huggingface/tokenizers` (pure JS, nothing downloaded). With a `chat_template` the whole
 * conversation is rendered by it (Jinja, `@huggingface/jinja`) and encoded: the total is what the
 * model sees; completion counts the assistant turns' content, the rest is prompt.
 */
export function huggingFaceTokenizer(files: HuggingFaceTokenizerFiles): TokenizerPort {
  const config = files.config ?? {};
  const tok = new Tokenizer(files.tokenizer, config);
  const encode = (text: string): number[] => tok.encode(text, { add_special_tokens: false }).ids;
  const template = typeof config.chat_template === "string" ? new Template(config.chat_template) : undefined;
  const digest = createHash("sha256").update(JSON.stringify(files.tokenizer)).digest("hex").slice(0, 12);
  const port: TokenizerPort = {
    id: files.id ?? `hf-tokenizer/${digest}`,
    name: files.name ?? "Hugging Face tokenizer.json",
    encode,
  };
  if (template) {
    port.renderChat = (messages, tools): TokenizedSequence => {
      const text = template.render({
        messages,
        ...(tools?.length ? { tools } : {}),
        add_generation_prompt: false,
        bos_token: tokenText(config.bos_token) ?? "",
        eos_token: tokenText(config.eos_token) ?? "",
      });
      const ids = encode(text);
      let completion = 0;
      for (const m of messages) if (isTrainedTurn(m)) completion += encode(messageText(m)).length;
      completion = Math.min(completion, ids.length);
      // Counts are what matters here; the learned tokens are marked at the end of the sequence.
      const completionMask = ids.map((_, i) => (i >= ids.length - completion ? 1 : 0));
      return { ids, completionMask };
    };
  }
  return port;
}

/** Reads tokenizer.json (and tokenizer_config.json if present) from a model directory on disk. */
export async function loadHuggingFaceTokenizer(dir: string, opts: { id?: string; name?: string } = {}) {
  const tokenizer = JSON.parse(await readFile(join(dir, "tokenizer.json"), "utf8"));
  let config: Record<string, unknown> | undefined;
  try {
    config = JSON.parse(await readFile(join(dir, "tokenizer_config.json"), "utf8"));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
  }
  return huggingFaceTokenizer({ tokenizer, ...(config ? { config } : {}), ...opts });
}
