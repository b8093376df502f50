import { Command } from "commander";
import { connect } from "../../lib/connection.js";
import { withConnection } from "../../lib/options.js";
import { printJson, printTable, say } from "../../lib/output.js";

export function whoamiCommand(): Command {
  return withConnection(new Command("whoami"))
    .description("who you are signed in as, and your tenants")
    .action(async (opts: { url?: string; json?: boolean }) => {
      const { client, url, stored } = connect(opts);
      const me = await client.auth.me();
      if (opts.json) return printJson(me);
      if (me.user) {
        say(`${me.user.email}${me.user.is_platform_admin ? " (platform admin)" : ""} at ${url}`);
        say(`user id: ${me.user.id}`);
        if (stored?.project) say(`default project: ${stored.project.name} (${stored.project.id})`);
      } else if (me.service_account) {
        const sa = me.service_account;
        say(`service account ${sa.name} (${sa.id}), ${sa.role} of project ${sa.project_id} at ${url}`);
      }
      if (me.tenants.length === 0) return say("No tenants.");
      printTable(
        ["tenant id", "name", "your role"],
        me.tenants.map((t) => [t.id, t.name, t.role]),
      );
    });
}
