import type { InferaClient } from "@infera/client";
import type { ServiceDetail } from "@infera/contracts";
import { CliError, usageError } from "./cli-error.js";
import type { StoredLogin } from "./config-store.js";
import { projectOf } from "./scope.js";

/** A service as its id (`svc_…`), or its name in `--project` (or the default of `infera use`). */
export async function resolveService(
  client: InferaClient,
  ref: string,
  opts: { project?: string; tenant?: string },
  stored: StoredLogin | undefined,
): Promise<ServiceDetail> {
  if (/^svc_/.test(ref)) return client.services.get(ref);
  const project = await projectOf(client, opts, stored).catch((err) => {
    if (err instanceof CliError && err.code === "validation_error")
      throw usageError(
        "give the service's id (svc_…), or its name with --project (or a default from `infera use`)",
      );
    throw err;
  });
  for await (const s of client.services.iterate(project.id, { q: ref, limit: 200 }))
    if (s.name === ref) return client.services.get(s.id);
  throw new CliError("not_found", `no service named "${ref}" in ${project.name}`);
}

/** A revision of the service as its id (`rev_…`) or its number (`3` or `r3`). */
export function resolveRevision(service: ServiceDetail, ref: string): ServiceDetail["revisions"][number] {
  const n = /^r?(\d+)$/.exec(ref);
  const found = service.revisions.find((r) => r.id === ref || (n && r.number === Number(n[1])));
  if (!found) throw new CliError("not_found", `service ${service.name} has no revision ${ref}`);
  return found;
}
