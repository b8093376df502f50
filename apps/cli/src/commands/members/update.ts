import { ProjectRole } from "@infera/contracts";
import { Command, Option } from "commander";
import { connect } from "../../lib/connection.js";
import { withConnection, withProject, withTenant } from "../../lib/options.js";
import { printJson, say } from "../../lib/output.js";
import { projectOf, resolveMemberId } from "../../lib/scope.js";

export function membersUpdateCommand(): Command {
  return withProject(withTenant(withConnection(new Command("update"))))
    .description("change a member's role (the last Owner cannot be demoted: exit 6)")
    .argument("<user>", "the member's email or user id")
    .addOption(
      new Option("--role <role>", "new project role").choices(ProjectRole.options).makeOptionMandatory(),
    )
    .option("--note <text>", "why they have this role (up to 200 characters)")
    .action(
      async (
        who: string,
        opts: {
          url?: string;
          json?: boolean;
          tenant?: string;
          project?: string;
          role: ProjectRole;
          note?: string;
        },
      ) => {
        const { client, stored } = connect(opts);
        const project = await projectOf(client, opts, stored);
        const userId = await resolveMemberId(client, project, who);
        const member = await client.members.update(project.id, userId, { role: opts.role, note: opts.note });
        if (opts.json) return printJson(member);
        say(`${member.email} is now ${member.role} of ${project.name}.`);
      },
    );
}
