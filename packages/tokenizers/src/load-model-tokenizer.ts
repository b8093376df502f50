import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { TokenizerPort } from "@infera/dataset-validation";
import { gptTokenizer } from "./gpt-tokenizer.js";
import { huggingFaceTokenizer } from "./hf-tokenizer.js";
import { inferaBpeTokenizer, isInferaBpeJson } from "./infera-bpe.js";

/** The documented default for dataset statistics when no base model is named: OpenAI o200k_base. */
export const defaultTokenizer = (): TokenizerPort => gptTokenizer("o200k_base");

/**
 * The tokenizer of a base model from its files: our `infera-bpe-v1` tokenizer.json, or a Hugging
 * Face tokenizer.json (+ tokenizer_config.json). Answers undefined when the files hold neither, so
 * the caller falls back to `defaultTokenizer()` and says so.
 */
export function tokenizerFromFiles(files: {
  tokenizerJson: string | Record<string, unknown>;
  tokenizerConfigJson?: string | Record<string, unknown>;
  id?: string;
  name?: string;
}): TokenizerPort | undefined {
  const parse = (v: string | Record<string, unknown>) => (typeof v === "string" ? JSON.parse(v) : v);
  const json = parse(files.tokenizerJson);
  const opts = { ...(files.id ? { id: files.id } : {}), ...(files.name ? { name: files.name } : {}) };
  if (isInferaBpeJson(json)) return inferaBpeTokenizer(json, opts);
  if (typeof json === "object" && json !== null && typeof json.model === "object" && json.model !== null) {
    const config = files.tokenizerConfigJson ? parse(files.tokenizerConfigJson) : undefined;
    return huggingFaceTokenizer({ tokenizer: json, ...(config ? { config } : {}), ...opts });
  }
  return undefined;
}

/** `tokenizerFromFiles` over a model directory on disk (tokenizer.json, tokenizer_config.json). */
export async function loadModelTokenizer(dir: string, opts: { id?: string; name?: string } = {}) {
  let tokenizerJson: string;
  try {
    tokenizerJson = await readFile(join(dir, "tokenizer.json"), "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw e;
  }
  const tokenizerConfigJson = await readFile(join(dir, "tokenizer_config.json"), "utf8").catch(
    () => undefined,
  );
  return tokenizerFromFiles({
    tokenizerJson,
    ...(tokenizerConfigJson ? { tokenizerConfigJson } : {}),
    ...opts,
  });
}
