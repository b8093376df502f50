import type { InferaClient } from "@infera/client";
import type { EvaluationTargetInput } from "@infera/contracts";
import { usageError } from "./cli-error.js";
import type { StoredLogin } from "./config-store.js";
import { resolveModel } from "./model-ref.js";
import { resolveRevision, resolveService } from "./service-ref.js";

/**
 * `--model`: a version id (`mv_…`), or a model (id or name) with an optional `:tag` (the server
 * resolves the tag now and stores the version). Without a tag: `latest`.
 */
export async function resolveModelTarget(
  client: InferaClient,
  ref: string,
  opts: { project?: string; tenant?: string },
): Promise<EvaluationTargetInput> {
  if (/^mv_/.test(ref)) return { model_version_id: ref };
  const colon = ref.lastIndexOf(":");
  const [name, tag] = colon > 0 ? [ref.slice(0, colon), ref.slice(colon + 1)] : [ref, "latest"];
  if (!tag) throw usageError(`--model "${ref}": give a tag after ':' or leave the ':' out`);
  const model = await resolveModel(client, name, opts);
  return { model_id: model.id, ref: tag };
}

/** `--service`: a service (id or name) with an optional `@revision` (id, number or `r3`). */
export async function resolveServiceTarget(
  client: InferaClient,
  ref: string,
  opts: { project?: string; tenant?: string },
  stored: StoredLogin | undefined,
): Promise<EvaluationTargetInput> {
  const at = ref.lastIndexOf("@");
  const [name, rev] = at > 0 ? [ref.slice(0, at), ref.slice(at + 1)] : [ref, undefined];
  const service = await resolveService(client, name, opts, stored);
  if (!rev) return { service_id: service.id };
  return { service_id: service.id, revision_id: resolveRevision(service, rev).id };
}
