import type { InferaClient } from "@infera/client";
import type { Dataset } from "@infera/contracts";
import { CliError, usageError } from "./cli-error.js";
import { resolveProject } from "./scope.js";

/** The project's dataset of this name (names are unique ignoring case), or undefined. */
export async function findDatasetByName(
  client: InferaClient,
  projectId: string,
  name: string,
): Promise<Dataset | undefined> {
  const want = name.toLowerCase();
  for await (const d of client.datasets.iterate(projectId, { q: name, limit: 200 }))
    if (d.name.toLowerCase() === want) return d;
  return undefined;
}

/** A dataset as its id (`ds_…`), or its name with `--project`. */
export async function resolveDataset(
  client: InferaClient,
  ref: string,
  opts: { project?: string; tenant?: string },
): Promise<Dataset> {
  if (/^ds_/.test(ref)) return client.datasets.get(ref);
  if (!opts.project)
    throw usageError(
      "give the dataset's id (ds_…), or its name with --project (or a default from `infera use`)",
    );
  const project = await resolveProject(client, opts.project, opts.tenant);
  const found = await findDatasetByName(client, project.id, ref);
  if (!found) throw new CliError("not_found", `no dataset named "${ref}" in ${project.name}`);
  return found;
}
