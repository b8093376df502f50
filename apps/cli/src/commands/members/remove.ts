import { Command } from "commander";
import { connect } from "../../lib/connection.js";
import { withConnection, withProject, withTenant } from "../../lib/options.js";
import { printJson, say } from "../../lib/output.js";
import { projectOf, resolveMemberId } from "../../lib/scope.js";

export function membersRemoveCommand(): Command {
  return withProject(withTenant(withConnection(new Command("remove"))))
    .description("remove a member from a project (the last Owner cannot be removed: exit 6)")
    .argument("<user>", "the member's email or user id")
    .action(
      async (who: string, opts: { url?: string; json?: boolean; tenant?: string; project?: string }) => {
        const { client, stored } = connect(opts);
        const project = await projectOf(client, opts, stored);
        const userId = await resolveMemberId(client, project, who);
        await client.members.remove(project.id, userId);
        if (opts.json) return printJson({ removed: true, project_id: project.id, user_id: userId });
        say(`Removed ${who} from ${project.name}.`);
      },
    );
}
