import { Command } from "commander";
import { connect } from "../../lib/connection.js";
import { withConnection, withProject, withTenant } from "../../lib/options.js";
import { printJson, say } from "../../lib/output.js";
import { resolveService } from "../../lib/service-ref.js";
import { parseTimeout, waitForRevision } from "../../lib/service-wait.js";

interface StartOptions {
  url?: string;
  json?: boolean;
  project?: string;
  tenant?: string;
  wait?: boolean;
  timeout: number;
}

export function servicesStartCommand(): Command {
  return withProject(withTenant(withConnection(new Command("start"))))
    .description(
      "start a service (desired state active): its revisions with traffic get their replicas again",
    )
    .argument("<service>", "service id (svc_…) or name in --project")
    .option("--wait", "wait until the revision with the most traffic is ready, printing each state change")
    .option("--timeout <duration>", "with --wait: give up after this long (exit 11)", parseTimeout, 600_000)
    .action(async (ref: string, opts: StartOptions) => {
      const { client, stored } = connect(opts);
      const service = await resolveService(client, ref, opts, stored);
      let after = await client.services.start(service.id);
      if (opts.wait && after.current_revision_id) {
        await waitForRevision(client, after.current_revision_id, {
          timeoutMs: opts.timeout,
          quiet: opts.json,
        });
        after = await client.services.get(service.id);
      }
      if (opts.json) return printJson(after);
      say(`Started ${after.name}: ${after.current_state}.`);
    });
}
