import { Command } from "commander";
import {
  type ApiKeySettingOptions,
  printApiKey,
  resolveApiKey,
  settingsInput,
  withApiKeySettings,
} from "../../lib/api-key-output.js";
import { usageError } from "../../lib/cli-error.js";
import { connect } from "../../lib/connection.js";
import { withConnection, withProject, withTenant } from "../../lib/options.js";
import { printJson } from "../../lib/output.js";

export function keysUpdateCommand(): Command {
  return withApiKeySettings(withProject(withTenant(withConnection(new Command("update")))))
    .description(
      "change an API key's name, scopes, limits, expiry or note; gateways apply it within a second",
    )
    .argument("<key>", "key id (key_…) or name in the project")
    .option("--name <name>", "a new name")
    .action(
      async (
        ref: string,
        opts: ApiKeySettingOptions & {
          url?: string;
          json?: boolean;
          tenant?: string;
          project?: string;
          name?: string;
        },
      ) => {
        const input = { ...settingsInput(opts), ...(opts.name !== undefined ? { name: opts.name } : {}) };
        if (Object.keys(input).length === 0)
          throw usageError(
            "nothing to change: give --name, --scope, --rpm, --daily-tokens, --expires or --note",
          );
        const { client, stored } = connect(opts);
        const key = await resolveApiKey(client, ref, opts, stored);
        const updated = await client.apiKeys.update(key.id, input);
        if (opts.json) return printJson(updated);
        printApiKey(updated);
      },
    );
}
