import type { HttpClient } from "../../testing/http.js";
import { uploadBytes } from "../../testing/upload-bytes.js";

/** `n` chat records as JSONL (distinct `seed` → distinct bytes). */
export function chatJsonl(n: number, seed = 1): string {
  let out = "";
  for (let i = 0; i < n; i++)
    out += `${JSON.stringify({
      messages: [
        { role: "user", content: `question ${seed}-${i}: what is ${i} + ${seed}?` },
        { role: "assistant", content: `It is ${i + seed}.` },
      ],
    })}\n`;
  return out;
}

/** Text uploaded into `projectId` by `client`: the project's tenant holds it and may name its digest. */
export const putText = (client: HttpClient, projectId: string, text: string | Buffer) =>
  uploadBytes(client, projectId, text, "data.jsonl");

let counter = 0;

/**
 * A dataset in `projectId` with `versions` versions of `rows` chat rows each (bytes uploaded, then
 * registered by sha256), made through the API by `client`.
 */
export async function seedDataset(
  client: HttpClient,
  projectId: string,
  opts: { versions?: number; rows?: number; name?: string } = {},
): Promise<{ datasetId: string; versionIds: string[] }> {
  counter += 1;
  const d = await client.post(`/projects/${projectId}/datasets`, {
    name: opts.name ?? `dataset-${Date.now().toString(36)}-${counter}`,
  });
  if (d.status !== 201) throw new Error(`create dataset: ${d.status} ${d.text}`);
  const datasetId = d.body.data.id as string;
  const versionIds: string[] = [];
  for (let i = 0; i < (opts.versions ?? 1); i++) {
    const sha256 = await putText(client, projectId, chatJsonl(opts.rows ?? 10, counter * 100 + i));
    const v = await client.post(`/datasets/${datasetId}/versions`, {
      files: [{ sha256, name: "train.jsonl" }],
    });
    if (v.status !== 201) throw new Error(`create dataset version: ${v.status} ${v.text}`);
    versionIds.push(v.body.data.id);
  }
  return { datasetId, versionIds };
}

/** Files with a bad line in the middle, validated by `client`: a run with a report. */
export async function seedInvalidRun(
  client: HttpClient,
  projectId: string,
  datasetId: string,
): Promise<{ runId: string; sha256: string }> {
  const sha256 = await putText(client, projectId, `${chatJsonl(3)}{not json\n${chatJsonl(2, 7)}`);
  const r = await client.post(`/datasets/${datasetId}/versions/validate`, {
    files: [{ sha256, name: "bad.jsonl" }],
  });
  if (r.status !== 200) throw new Error(`validate: ${r.status} ${r.text}`);
  return { runId: r.body.data.validation_run_id, sha256 };
}
