import { Command } from "commander";
import { printApiKey, resolveApiKey } from "../../lib/api-key-output.js";
import { usageError } from "../../lib/cli-error.js";
import { connect } from "../../lib/connection.js";
import { withConnection, withProject, withTenant } from "../../lib/options.js";
import { printJson, say } from "../../lib/output.js";
import { isInteractive, promptLine } from "../../lib/prompt.js";

export function keysRevokeCommand(): Command {
  return withProject(withTenant(withConnection(new Command("revoke"))))
    .description("revoke an API key for good; asks you to type its name (or --confirm <name>, or --yes)")
    .argument("<key>", "key id (key_…) or name in the project")
    .option("--confirm <name>", "the key's name, typed ahead (for scripts)")
    .option("--yes", "revoke without asking")
    .action(
      async (
        ref: string,
        opts: {
          url?: string;
          json?: boolean;
          tenant?: string;
          project?: string;
          confirm?: string;
          yes?: boolean;
        },
      ) => {
        const { client, stored } = connect(opts);
        const key = await resolveApiKey(client, ref, opts, stored);
        let typed = opts.yes ? key.name : opts.confirm;
        if (typed === undefined) {
          if (!isInteractive())
            throw usageError(`pass --confirm "${key.name}" or --yes to revoke without a prompt`);
          typed = await promptLine(
            `Calls with this key will be refused. Type its name (${key.name}) to revoke it: `,
          );
        }
        const revoked = await client.apiKeys.revoke(key.id, { confirm_name: typed });
        if (opts.json) return printJson(revoked);
        say(`Revoked API key ${revoked.name} (${revoked.id}).`);
        printApiKey(revoked);
      },
    );
}
