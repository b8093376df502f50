import { Command } from "commander";
import { connect } from "../../lib/connection.js";
import { withConnection, withProject, withTenant } from "../../lib/options.js";
import { printJson, say } from "../../lib/output.js";
import { resolveService } from "../../lib/service-ref.js";

export function servicesStopCommand(): Command {
  return withProject(withTenant(withConnection(new Command("stop"))))
    .description("stop a service (desired state inactive): its replicas stop, its revisions and traffic stay")
    .argument("<service>", "service id (svc_…) or name in --project")
    .action(
      async (ref: string, opts: { url?: string; json?: boolean; project?: string; tenant?: string }) => {
        const { client, stored } = connect(opts);
        const service = await resolveService(client, ref, opts, stored);
        const after = await client.services.stop(service.id);
        if (opts.json) return printJson(after);
        say(`Stopped ${after.name}: its replicas stop.`);
      },
    );
}
