import { Command } from "commander";
import { usageError } from "../../lib/cli-error.js";
import { readConfig, writeConfig } from "../../lib/config-store.js";
import { anonymousClient, resolveUrl } from "../../lib/connection.js";
import { cliEnvironment } from "../../lib/environment.js";
import { printJson, say } from "../../lib/output.js";
import { promptHidden, promptLine, readStdin } from "../../lib/prompt.js";

export function loginCommand(): Command {
  return new Command("login")
    .description("sign in and keep a bearer token in your config directory (mode 0600), per server")
    .option(
      "--url <url>",
      "server URL (default: INFERA_URL, else the last login, else http://127.0.0.1:8080)",
    )
    .option("--email <email>", "your email (asked when left out)")
    .option("--password-stdin", "read the password from stdin instead of asking")
    .option("--json", "print JSON for scripts")
    .addHelpText(
      "after",
      '\nExamples:\n  infera login --email admin@localhost\n  echo "$PASSWORD" | infera login --url https://infera.example.com --email me@example.com --password-stdin',
    )
    .action(async (opts: { url?: string; email?: string; passwordStdin?: boolean; json?: boolean }) => {
      const url = resolveUrl(opts);
      const email = opts.email ?? (await promptLine("Email: "));
      if (!email) throw usageError("an email is required (--email)");
      const password = opts.passwordStdin ? await readStdin() : await promptHidden("Password: ");
      if (!password) throw usageError("a password is required");
      const result = await anonymousClient(url).auth.login({ email, password, issue_token: true });
      if (!result.token) throw usageError("the server issued no token");
      const env = cliEnvironment();
      const config = readConfig(env.configPath);
      const before = config.servers[url];
      config.servers[url] = {
        token: result.token,
        email: result.user.email,
        user_id: result.user.id,
        expires_at: result.expires_at,
        // Signing in again as the same user keeps the default project of `infera use`.
        ...(before?.user_id === result.user.id && before.project ? { project: before.project } : {}),
      };
      config.current_url = url;
      writeConfig(env.configPath, config);
      if (opts.json) {
        printJson({ url, user: result.user, expires_at: result.expires_at, config_path: env.configPath });
        return;
      }
      say(`Signed in to ${url} as ${result.user.email}.`);
      say(`Token saved in ${env.configPath} (valid until ${result.expires_at}).`);
    });
}
