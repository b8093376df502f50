import { Readable } from "node:stream";
import type { BlobStore } from "@infera/core";
import type { HttpClient } from "../../testing/http.js";
import { uploadBytes } from "../../testing/upload-bytes.js";

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

/**
 * Bytes put straight into the blob store, as the bootstrap does for system models: held by no
 * tenant, so only a platform model's version may name them.
 */
export async function storeBytes(blobs: BlobStore, bytes: Buffer): Promise<string> {
  return (await blobs.put(Readable.from([bytes]))).sha256;
}

/** Bytes uploaded into `projectId` by `client`: the project's tenant holds them and may name their digest. */
export const putBytes = (client: HttpClient, projectId: string, bytes: Buffer | string) =>
  uploadBytes(client, projectId, bytes);

let counter = 0;

/**
 * A tenant model in `projectId` with `versions` versions (each the same small safetensors file plus a
 * config.json), made through the API by `client` (someone allowed to write models there).
 */
export async function seedModel(
  client: HttpClient,
  projectId: string,
  opts: {
    versions?: number;
    tagLatest?: boolean;
    visibility?: "private" | "tenant_shared";
    name?: string;
  } = {},
): Promise<{ modelId: string; versionIds: string[]; weightsSha: string }> {
  counter += 1;
  const weightsSha = await putBytes(client, projectId, tinySafetensors());
  const configSha = await putBytes(client, projectId, '{"model_type":"llama","max_position_embeddings":64}');
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
