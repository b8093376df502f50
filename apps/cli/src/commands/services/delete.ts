import { Command } from "commander";
import { usageError } from "../../lib/cli-error.js";
import { connect } from "../../lib/connection.js";
import { withConnection, withProject, withTenant } from "../../lib/options.js";
import { printJson, say } from "../../lib/output.js";
import { isInteractive, promptLine } from "../../lib/prompt.js";
import { resolveService } from "../../lib/service-ref.js";

export function servicesDeleteCommand(): Command {
  return withProject(withTenant(withConnection(new Command("delete"))))
    .description("delete a service, its revisions and replicas; asks you to type its name unless --yes")
    .argument("<service>", "service id (svc_…) or name in --project")
    .option("--yes", "do not ask (scripts)")
    .action(
      async (
        ref: string,
        opts: { url?: string; json?: boolean; project?: string; tenant?: string; yes?: boolean },
      ) => {
        const { client, stored } = connect(opts);
        const service = await resolveService(client, ref, opts, stored);
        let typed = service.name;
        if (!opts.yes) {
          if (!isInteractive()) throw usageError(`pass --yes to delete ${service.name} without a prompt`);
          typed = await promptLine(`Type the service's name (${service.name}) to delete it: `);
        }
        await client.services.delete(service.id, { confirm_name: typed });
        if (opts.json) return printJson({ deleted: true, id: service.id, name: service.name });
        say(`Deleted service ${service.name} (${service.id}).`);
      },
    );
}
