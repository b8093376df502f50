import { Command } from "commander";
import { parseExpiry, printSecretOnce, resolveApiKey } from "../../lib/api-key-output.js";
import { connect } from "../../lib/connection.js";
import { withConnection, withProject, withTenant } from "../../lib/options.js";
import { printJson } from "../../lib/output.js";

export function keysRotateCommand(): Command {
  return withProject(withTenant(withConnection(new Command("rotate"))))
    .description(
      "replace an API key by a new one with the same settings; the new secret is printed this once and the old key is revoked now, unless --keep-old",
    )
    .argument("<key>", "key id (key_…) or name in the project")
    .option("--keep-old", "the old key keeps working until you revoke it")
    .option(
      "--expires <when>",
      "the new key's expiry: 30d, a date or RFC 3339 time, or never (default: the old key's; required when it has passed)",
      parseExpiry,
    )
    .action(
      async (
        ref: string,
        opts: {
          url?: string;
          json?: boolean;
          tenant?: string;
          project?: string;
          keepOld?: boolean;
          expires?: string;
        },
      ) => {
        const { client, stored } = connect(opts);
        const key = await resolveApiKey(client, ref, opts, stored);
        const next = await client.apiKeys.rotate(key.id, {
          keep_old: Boolean(opts.keepOld),
          ...(opts.expires !== undefined
            ? { expires_at: opts.expires === "never" ? null : opts.expires }
            : {}),
        });
        if (opts.json) return printJson(next);
        process.stderr.write(
          opts.keepOld
            ? `The old key ${key.id} still works: revoke it with \`infera keys revoke ${key.id}\` once clients have moved.\n\n`
            : `The old key ${key.id} is revoked.\n\n`,
        );
        printSecretOnce(next);
      },
    );
}
