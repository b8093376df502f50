import { ProjectRole } from "@infera/contracts";
import { Command, Option } from "commander";
import { usageError } from "../../lib/cli-error.js";
import { connect } from "../../lib/connection.js";
import { withConnection, withProject, withTenant } from "../../lib/options.js";
import { printJson, say } from "../../lib/output.js";
import { projectOf } from "../../lib/scope.js";

export function membersAddCommand(): Command {
  return withProject(withTenant(withConnection(new Command("add"))))
    .description("add a user of the tenant to a project with a role")
    .argument("[user]", "the user's email or id (or use --email / --user)")
    .option("--email <email>", "the user's email")
    .option("--user <userId>", "the user's id")
    .addOption(new Option("--role <role>", "project role").choices(ProjectRole.options).makeOptionMandatory())
    .option("--note <text>", "why they are here (up to 200 characters)")
    .action(
      async (
        arg: string | undefined,
        opts: {
          url?: string;
          json?: boolean;
          tenant?: string;
          project?: string;
          email?: string;
          user?: string;
          role: ProjectRole;
          note?: string;
        },
      ) => {
        const given = [arg, opts.email, opts.user].filter(Boolean);
        if (given.length !== 1) throw usageError("give the user once: an email or a user id");
        const who = given[0]!;
        const target = opts.user || (!opts.email && !who.includes("@")) ? { user_id: who } : { email: who };
        const { client, stored } = connect(opts);
        const project = await projectOf(client, opts, stored);
        const member = await client.members.add(project.id, { ...target, role: opts.role, note: opts.note });
        if (opts.json) return printJson(member);
        say(`Added ${member.email} to ${project.name} as ${member.role}.`);
      },
    );
}
