import { Command } from "commander";
import {
  type ApiKeySettingOptions,
  printSecretOnce,
  settingsInput,
  withApiKeySettings,
} from "../../lib/api-key-output.js";
import { connect } from "../../lib/connection.js";
import { withConnection, withProject, withTenant } from "../../lib/options.js";
import { printJson } from "../../lib/output.js";
import { projectOf } from "../../lib/scope.js";

export function keysCreateCommand(): Command {
  return withApiKeySettings(withProject(withTenant(withConnection(new Command("create")))))
    .description(
      "create an API key for the gateway; its secret is printed this once (default scope inference:invoke, no limits, no expiry)",
    )
    .argument("<name>", "1–64 characters")
    .action(
      async (
        name: string,
        opts: ApiKeySettingOptions & { url?: string; json?: boolean; tenant?: string; project?: string },
      ) => {
        const { client, stored } = connect(opts);
        const project = await projectOf(client, opts, stored);
        const key = await client.apiKeys.create(project.id, { name, ...settingsInput(opts) });
        if (opts.json) return printJson(key);
        printSecretOnce(key);
      },
    );
}
