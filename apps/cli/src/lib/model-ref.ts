import type { InferaClient } from "@infera/client";
import type { Model } from "@infera/contracts";
import { CliError, usageError } from "./cli-error.js";
import { resolveProject } from "./scope.js";

/** A model as its id (`mdl_…`), or its name among what `--project` may use. */
export async function resolveModel(
  client: InferaClient,
  ref: string,
  opts: { project?: string; tenant?: string },
): Promise<Model> {
  if (/^mdl_/.test(ref)) return client.models.get(ref);
  if (!opts.project)
    throw usageError(
      "give the model's id (mdl_…), or its name with --project (or a default from `infera use`)",
    );
  const project = await resolveProject(client, opts.project, opts.tenant);
  for await (const m of client.models.iterate(project.id, { q: ref, limit: 200 }))
    if (m.name === ref) return m;
  throw new CliError("not_found", `no model named "${ref}" that ${project.name} may use`);
}
