import { InferaApiError } from "@infera/client";
import { Command } from "commander";
import { CliError } from "../../lib/cli-error.js";
import { readConfig, writeConfig } from "../../lib/config-store.js";
import { connect } from "../../lib/connection.js";
import { cliEnvironment } from "../../lib/environment.js";
import { withConnection, withTenant } from "../../lib/options.js";
import { printJson, say } from "../../lib/output.js";
import { resolveProject } from "../../lib/scope.js";

/**
 * The default project: kept with this server's login, so `--project` may be left out of the
 * commands that work in one project. Checked against the server when chosen and when shown.
 */
export function useCommand(): Command {
  return withTenant(withConnection(new Command("use")))
    .description("choose the project that commands use when --project is left out (kept with your login)")
    .argument("[project]", "project id (proj_…) or name; left out: show the current default")
    .option("--clear", "forget the default project")
    .addHelpText(
      "after",
      '\nExamples:\n  infera use "Search ranker"\n  infera use            # which project is the default now\n  infera use --clear',
    )
    .action(
      async (
        ref: string | undefined,
        opts: { url?: string; json?: boolean; tenant?: string; clear?: boolean },
      ) => {
        const { client, url, stored } = connect(opts);
        const env = cliEnvironment();
        if (!stored)
          throw new CliError(
            "unauthenticated",
            `the default project is kept with the login: run \`infera login --url ${url}\` first`,
          );
        const config = readConfig(env.configPath);
        const login = config.servers[url]!;
        if (opts.clear) {
          delete login.project;
          writeConfig(env.configPath, config);
          if (opts.json) return printJson({ url, project: null });
          return say(`No default project on ${url} now.`);
        }
        if (ref) {
          const project = await resolveProject(client, ref, opts.tenant);
          login.project = { id: project.id, name: project.name, tenant_id: project.tenant_id };
          writeConfig(env.configPath, config);
          if (opts.json) return printJson({ url, project });
          return say(`Using ${project.name} (${project.id}) when --project is left out.`);
        }
        if (!login.project) {
          if (opts.json) return printJson({ url, project: null });
          return say("No default project: choose one with `infera use <project>`, or give --project.");
        }
        try {
          const project = await client.projects.get(login.project.id);
          if (opts.json) return printJson({ url, project });
          say(`${project.name} (${project.id}), env ${project.env}`);
        } catch (err) {
          if (!(err instanceof InferaApiError) || !["not_found", "forbidden"].includes(err.code)) throw err;
          throw new CliError(
            "not_found",
            `the default project ${login.project.name} (${login.project.id}) is gone or no longer yours: choose another with \`infera use <project>\``,
          );
        }
      },
    );
}
