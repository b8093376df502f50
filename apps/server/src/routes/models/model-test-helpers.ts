import { Readable } from "node:stream";
import type { BlobStore } from "@infera/core";
import type { HttpClient } from "../../testing/http.js";

/** A real, minimal safetensors file: one F32 tensor of `n` values (distinct `seed` → distinct bytes). */
export function tinySafetensors(n = 4, seed = 1): Buffer {
  const header = JSON.stringify({
    __metadata__: { format: "pt" },
    w: { dtype: "F32", shape: [n], data_offsets: [0, n * 4] },
  });
  const len = Buffer.alloc(8);
  len.writeBigUInt64LE(BigInt(Buffer.byteLength(header)));
  const data = Buffer.alloc(n * 4);
  for (let i = 0; i < n; i++) data.writeFloatLE(seed + i, i * 4);
  return Buffer.concat([len, Buffer.from(header), data]);
}

export async function putBytes(blobs: BlobStore, bytes: Buffer): Promise<string> {
  return (await blobs.put(Readable.from([bytes]))).sha256;
}

let counter = 0;

/**
 * A tenant model in `projectId` with `versions` versions (each the same small safetensors file plus a
 * config.json), made through the API by `client` (someone allowed to write models there).
 */
export async function seedModel(
  client: HttpClient,
  blobs: BlobStore,
  projectId: string,
  opts: {
    versions?: number;
    tagLatest?: boolean;
    visibility?: "private" | "tenant_shared";
    name?: string;
  } = {},
): Promise<{ modelId: string; versionIds: string[]; weightsSha: string }> {
  counter += 1;
  const weightsSha = await putBytes(blobs, tinySafetensors());
  const configSha = await putBytes(blobs, Buffer.from('{"model_type":"llama","max_position_embeddings":64}'));
  const m = await client.post(`/projects/${projectId}/models`, {
    name: opts.name ?? `model-${Date.now().toString(36)}-${counter}`,
    visibility: opts.visibility ?? "private",
  });
  if (m.status !== 201) throw new Error(`create model: ${m.status} ${m.text}`);
  const modelId = m.body.data.id as string;
  const versionIds: string[] = [];
  for (let i = 0; i < (opts.versions ?? 1); i++) {
    const v = await client.post(`/models/${modelId}/versions`, {
      files: [
        { path: "model.safetensors", sha256: weightsSha },
        { path: "config.json", sha256: configSha },
      ],
      tag_latest: opts.tagLatest ?? true,
    });
    if (v.status !== 201) throw new Error(`create version: ${v.status} ${v.text}`);
    versionIds.push(v.body.data.id);
  }
  return { modelId, versionIds, weightsSha };
}
