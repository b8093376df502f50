import { eq, tables } from "@infera/db";
import type { BlobStore } from "../ports/blob-store.js";
import type { TxContext } from "../shared/transaction.js";

/** What tells two tokenizers apart for training: token ids, the markers they reserve, how chats become text. */
export interface TokenizerFacts {
  /** The files' digests: the same digests are the same tokenizer. */
  digest: string;
  vocabularySize: number | null;
  specialTokens: string[];
  chatTemplate: string | null;
}

const MAX_BYTES = 64 * 1024 * 1024;

async function readText(store: BlobStore, sha256: string, size: number): Promise<string | null> {
  if (size > MAX_BYTES) return null;
  const { stream } = await store.get(sha256);
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

type Json = Record<string, unknown>;

/**
 * Reads a tokenizer.json: the Hugging Face layout (`model.vocab`, `added_tokens`, the template in
 * tokenizer_config.json) or the bundled `infera-bpe-v1` one (`vocab`, `specialTokens`, `chatTemplate`).
 */
function readTokenizerFacts(tokenizerJson: string, configJson: string | null, digest: string) {
  const t = JSON.parse(tokenizerJson) as Json;
  const config = configJson ? (JSON.parse(configJson) as Json) : {};
  const model = (t.model && typeof t.model === "object" ? t.model : t) as Json;
  const vocab = model.vocab ?? t.vocab;
  const added = Array.isArray(t.added_tokens) ? (t.added_tokens as Json[]) : [];
  const base = Array.isArray(vocab)
    ? vocab.length
    : vocab && typeof vocab === "object"
      ? Object.keys(vocab).length
      : null;
  const inVocab = (s: string) =>
    Array.isArray(vocab) ? vocab.includes(s) : !!(vocab as Json | undefined)?.[s];
  const specials = [
    ...added.filter((a) => a.special).map((a) => String(a.content)),
    ...Object.values((t.specialTokens as Json | undefined) ?? {}).map(String),
  ];
  const template = config.chat_template ?? t.chatTemplate ?? null;
  return {
    digest,
    vocabularySize: base === null ? null : base + added.filter((a) => !inVocab(String(a.content))).length,
    specialTokens: [...new Set(specials)].sort(),
    chatTemplate: typeof template === "string" ? template : null,
  } satisfies TokenizerFacts;
}

/** The tokenizer a model version ships (its shortest-path tokenizer.json), or null when it has none. */
export async function tokenizerFactsOf(
  tx: TxContext,
  store: BlobStore,
  versionId: string,
): Promise<TokenizerFacts | null> {
  const files = await tx.db
    .select()
    .from(tables.modelVersionFiles)
    .where(eq(tables.modelVersionFiles.versionId, versionId));
  const pick = (name: string) =>
    files
      .filter((f) => f.path === name || f.path.endsWith(`/${name}`))
      .sort((a, b) => a.path.length - b.path.length)[0];
  const tok = pick("tokenizer.json");
  if (!tok) return null;
  const config = pick("tokenizer_config.json");
  const text = await readText(store, tok.sha256, tok.size);
  if (text === null) return null;
  const configText = config ? await readText(store, config.sha256, config.size) : null;
  try {
    return readTokenizerFacts(text, configText, `${tok.sha256}:${config?.sha256 ?? ""}`);
  } catch {
    return null; // unreadable: dataset validation already refused it with the reason
  }
}

/** How `dataset`'s tokenizer differs from `model`'s, by what matters for training. */
export function tokenizerDifferences(dataset: TokenizerFacts, model: TokenizerFacts) {
  const differences: Record<string, unknown> = {};
  if (dataset.vocabularySize !== model.vocabularySize)
    differences.vocabulary_size = { dataset: dataset.vocabularySize, model: model.vocabularySize };
  const onlyDataset = dataset.specialTokens.filter((s) => !model.specialTokens.includes(s));
  const onlyModel = model.specialTokens.filter((s) => !dataset.specialTokens.includes(s));
  if (onlyDataset.length || onlyModel.length)
    differences.special_tokens = { only_dataset: onlyDataset, only_model: onlyModel };
  if (dataset.chatTemplate !== model.chatTemplate) differences.chat_template = "differs";
  return differences;
}
