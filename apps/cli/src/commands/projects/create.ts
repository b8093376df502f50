import { Env } from "@infera/contracts";
import { Command, Option } from "commander";
import { connect } from "../../lib/connection.js";
import { withConnection, withTenant } from "../../lib/options.js";
import { printJson, say } from "../../lib/output.js";
import { resolveTenant } from "../../lib/scope.js";

export function projectsCreateCommand(): Command {
  return withTenant(withConnection(new Command("create")))
    .description("create a project (name 2–64 characters, unique in the tenant); you become its Owner")
    .argument("<name>", "the project's name")
    .addOption(new Option("--env <env>", "environment").choices(Env.options).default("dev"))
    .option("--description <text>", "up to 200 characters")
    .option("--owner <userId>", "make another user of the tenant the Owner")
    .action(
      async (
        name: string,
        opts: {
          url?: string;
          json?: boolean;
          tenant?: string;
          env: Env;
          description?: string;
          owner?: string;
        },
      ) => {
        const { client } = connect(opts);
        const tenant = await resolveTenant(client, opts.tenant);
        const project = await client.projects.create(tenant.id, {
          name,
          env: opts.env,
          description: opts.description,
          owner_id: opts.owner,
        });
        if (opts.json) return printJson(project);
        say(`Created project ${project.name} (${project.id}) in ${tenant.name}, env ${project.env}.`);
      },
    );
}
