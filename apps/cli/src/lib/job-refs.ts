import type { InferaClient } from "@infera/client";
import type { BaseModelRef } from "@infera/contracts";
import { CliError, usageError } from "./cli-error.js";
import { resolveDataset } from "./dataset-ref.js";
import { resolveModel } from "./model-ref.js";

/**
 * `--base-model`: a version id (`mv_…`), or a model (id or name the project may use) with an
 * optional `:tag` — the server resolves the tag at submission and stores the version id.
 */
export async function resolveBaseModel(
  client: InferaClient,
  ref: string,
  opts: { project?: string; tenant?: string },
): Promise<BaseModelRef> {
  if (/^mv_/.test(ref)) return { version_id: ref };
  const colon = ref.lastIndexOf(":");
  const [name, tag] = colon > 0 ? [ref.slice(0, colon), ref.slice(colon + 1)] : [ref, undefined];
  if (tag === "") throw usageError(`--base-model "${ref}": give a tag after ':' or leave the ':' out`);
  const model = await resolveModel(client, name, opts);
  return tag ? { model_id: model.id, tag } : { model_id: model.id };
}

/**
 * `--dataset`: a version id (`dsv_…`), or a dataset (id or name) with an optional `:N` version
 * number; without one, the dataset's latest version.
 */
export async function resolveDatasetVersion(
  client: InferaClient,
  ref: string,
  opts: { project?: string; tenant?: string },
): Promise<string> {
  if (/^dsv_/.test(ref)) return ref;
  const m = /^(.+):(\d+)$/.exec(ref);
  const dataset = await resolveDataset(client, m ? m[1]! : ref, opts);
  if (!m) {
    if (!dataset.latest_version_id)
      throw new CliError("not_found", `dataset ${dataset.name} has no version yet`);
    return dataset.latest_version_id;
  }
  const number = Number(m[2]);
  for await (const v of client.datasets.versions.iterate(dataset.id, { limit: 200 }))
    if (v.number === number) return v.id;
  throw new CliError("not_found", `dataset ${dataset.name} has no version ${number}`);
}
