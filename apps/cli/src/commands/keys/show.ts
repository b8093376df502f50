import { Command } from "commander";
import { printApiKey, resolveApiKey } from "../../lib/api-key-output.js";
import { connect } from "../../lib/connection.js";
import { withConnection, withProject, withTenant } from "../../lib/options.js";
import { printJson } from "../../lib/output.js";

export function keysShowCommand(): Command {
  return withProject(withTenant(withConnection(new Command("show"))))
    .description("one API key: status, scopes, limits, expiry, last use (never its secret)")
    .argument("<key>", "key id (key_…) or name in the project")
    .action(
      async (ref: string, opts: { url?: string; json?: boolean; tenant?: string; project?: string }) => {
        const { client, stored } = connect(opts);
        const key = await resolveApiKey(client, ref, opts, stored);
        if (opts.json) return printJson(key);
        printApiKey(key);
      },
    );
}
