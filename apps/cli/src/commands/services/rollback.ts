import { Command } from "commander";
import { connect } from "../../lib/connection.js";
import { withConnection, withProject, withTenant } from "../../lib/options.js";
import { printJson, say } from "../../lib/output.js";
import { resolveRevision, resolveService } from "../../lib/service-ref.js";

export function servicesRollbackCommand(): Command {
  return withProject(withTenant(withConnection(new Command("rollback"))))
    .description("give all traffic back to an earlier revision (no new revision is made)")
    .argument("<service>", "service id (svc_…) or name in --project")
    .argument("<revision>", "revision number (2 or r2) or id (rev_…)")
    .action(
      async (
        ref: string,
        revisionRef: string,
        opts: { url?: string; json?: boolean; project?: string; tenant?: string },
      ) => {
        const { client, stored } = connect(opts);
        const service = await resolveService(client, ref, opts, stored);
        const revision = resolveRevision(service, revisionRef);
        const after = await client.services.rollback(service.id, { revision_id: revision.id });
        if (opts.json) return printJson(after);
        say(`Rolled ${after.name} back to r${revision.number}: it takes 100% of traffic.`);
      },
    );
}
