import { InferaApiError } from "@infera/client";
import { Command } from "commander";
import { readConfig, writeConfig } from "../../lib/config-store.js";
import { anonymousClient, resolveUrl } from "../../lib/connection.js";
import { cliEnvironment } from "../../lib/environment.js";
import { printJson, say } from "../../lib/output.js";

export function logoutCommand(): Command {
  return new Command("logout")
    .description(
      "revoke the stored token of a server and forget it (with the default project of `infera use`)",
    )
    .option("--url <url>", "server URL (default: INFERA_URL, else the last login)")
    .option("--json", "print JSON for scripts")
    .action(async (opts: { url?: string; json?: boolean }) => {
      const env = cliEnvironment();
      const url = resolveUrl(opts);
      const config = readConfig(env.configPath);
      const stored = config.servers[url];
      let revoked = false;
      if (stored) {
        const client = anonymousClient(url);
        client.setToken(stored.token);
        try {
          await client.auth.logout();
          revoked = true;
        } catch (err) {
          // An expired token or a server that is gone: forgetting it locally is still right.
          if (
            !(err instanceof InferaApiError) ||
            !["unauthenticated", "service_unavailable"].includes(err.code)
          )
            throw err;
        }
        delete config.servers[url];
        if (config.current_url === url) delete config.current_url;
        writeConfig(env.configPath, config);
      }
      if (opts.json) printJson({ url, signed_out: Boolean(stored), token_revoked: revoked });
      else say(stored ? `Signed out of ${url}.` : `Not signed in to ${url}; nothing to do.`);
    });
}
