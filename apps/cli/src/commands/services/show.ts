import { Command } from "commander";
import { connect } from "../../lib/connection.js";
import { withConnection, withProject, withTenant } from "../../lib/options.js";
import { printJson } from "../../lib/output.js";
import { printService } from "../../lib/service-output.js";
import { resolveService } from "../../lib/service-ref.js";

export function servicesShowCommand(): Command {
  return withProject(withTenant(withConnection(new Command("show"))))
    .description(
      "a service: state, traffic, its revisions (how long each has been in its state, why it waits or failed) and replicas",
    )
    .argument("<service>", "service id (svc_…) or name in --project")
    .action(
      async (ref: string, opts: { url?: string; json?: boolean; project?: string; tenant?: string }) => {
        const { client, stored } = connect(opts);
        const service = await resolveService(client, ref, opts, stored);
        if (opts.json) return printJson(service);
        printService(service);
      },
    );
}
