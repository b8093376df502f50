import type { TokenizerPort } from "@infera/dataset-validation";
import { eq, tables } from "@infera/db";
import { authorizeVersion } from "../models/model-access.js";
import type { BlobStore } from "../ports/blob-store.js";
import type { DatasetTokenizers } from "../ports/dataset-tokenizers.js";

import type { ServiceContext } from "../shared/context.js";
import { DomainError, invalid } from "../shared/errors.js";

/** Built tokenizers of each provider (building one from a tokenizer.json is slow), kept with it. */
const caches = new WeakMap<DatasetTokenizers, Map<string, TokenizerPort>>();
const MAX_TOKENIZER_BYTES = 64 * 1024 * 1024;

function cacheOf(provider: DatasetTokenizers): Map<string, TokenizerPort> {
  let cache = caches.get(provider);
  if (!cache) {
    cache = new Map();
    caches.set(provider, cache);
  }
  return cache;
}

async function readText(store: BlobStore, sha256: string, size: number): Promise<string> {
  if (size > MAX_TOKENIZER_BYTES) throw invalid(`the model's tokenizer file is larger than 64 MB`);
  const { stream } = await store.get(sha256);
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * The tokenizer for a validation: the base model version's own (its tokenizer.json) when one is
 * named and readable by the caller, otherwise the default. A named version without a usable
 * tokenizer answers validation_error rather than silently counting with another one.
 */
export async function tokenizerFor(
  ctx: ServiceContext,
  baseModelVersionId: string | undefined | null,
): Promise<TokenizerPort> {
  const provider = ctx.tokenizers;
  const cache = cacheOf(provider);
  if (!baseModelVersionId) {
    const d = cache.get("default") ?? provider.default();
    cache.set("default", d);
    return d;
  }
  let version: { id: string; modelId: string };
  try {
    version = (await authorizeVersion(ctx, "model.version.read", baseModelVersionId)).version;
  } catch (err) {
    if (err instanceof DomainError && (err.code === "not_found" || err.code === "forbidden"))
      throw invalid(`base_model_version_id ${baseModelVersionId} is not a model version you can see`);
    throw err;
  }
  const files = await ctx.db
    .select()
    .from(tables.modelVersionFiles)
    .where(eq(tables.modelVersionFiles.versionId, version.id));
  const pick = (name: string) =>
    files
      .filter((f) => f.path === name || f.path.endsWith(`/${name}`))
      .sort((a, b) => a.path.length - b.path.length)[0];
  const tok = pick("tokenizer.json");
  if (!tok)
    throw invalid(
      `model version ${version.id} has no tokenizer.json; leave base_model_version_id out to use the default`,
    );
  const config = pick("tokenizer_config.json");
  const key = `${tok.sha256}:${config?.sha256 ?? ""}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const store = ctx.blobs;
  const [model] = await ctx.db
    .select({ name: tables.models.name })
    .from(tables.models)
    .where(eq(tables.models.id, version.modelId));
  let port: TokenizerPort | undefined;
  try {
    port = provider.fromFiles({
      tokenizerJson: await readText(store, tok.sha256, Number(tok.size)),
      ...(config ? { tokenizerConfigJson: await readText(store, config.sha256, Number(config.size)) } : {}),
      id: `model-version/${version.id}`,
      name: `${model?.name ?? "model"} (${version.id})`,
    });
  } catch (err) {
    if (err instanceof DomainError) throw err;
    throw invalid(
      `the tokenizer.json of model version ${version.id} cannot be read: ${(err as Error).message}`,
    );
  }
  if (!port) throw invalid(`the tokenizer.json of model version ${version.id} is of a kind not supported`);
  if (cache.size > 20) cache.clear();
  cache.set(key, port);
  return port;
}
