import type { InferaClient } from "@infera/client";
import type { FineTuneTemplate } from "@infera/contracts";
import { CliError, usageError } from "./cli-error.js";
import { resolveProject } from "./scope.js";

/** The project's template of this name (names are unique ignoring case), or undefined. */
async function findTemplateByName(
  client: InferaClient,
  projectId: string,
  name: string,
): Promise<FineTuneTemplate | undefined> {
  const want = name.toLowerCase();
  for await (const t of client.fineTuning.templates.iterate(projectId, { q: name, limit: 200 }))
    if (t.name.toLowerCase() === want) return t;
  return undefined;
}

/** A template as its id (`ftt_…`), or its name in the project (`--project` or the default of `infera use`). */
export async function resolveTemplate(
  client: InferaClient,
  ref: string,
  opts: { project?: string; tenant?: string },
): Promise<FineTuneTemplate> {
  if (/^ftt_/.test(ref)) return client.fineTuning.templates.get(ref);
  if (!opts.project)
    throw usageError(
      "give the template's id (ftt_…), or its name with --project (or a default from `infera use`)",
    );
  const project = await resolveProject(client, opts.project, opts.tenant);
  const found = await findTemplateByName(client, project.id, ref);
  if (!found) throw new CliError("not_found", `no fine-tuning template named "${ref}" in ${project.name}`);
  return found;
}
