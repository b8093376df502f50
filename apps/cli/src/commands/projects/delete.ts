import { Command } from "commander";
import { usageError } from "../../lib/cli-error.js";
import { connect } from "../../lib/connection.js";
import { withConnection, withTenant } from "../../lib/options.js";
import { printJson, say } from "../../lib/output.js";
import { isInteractive, promptLine } from "../../lib/prompt.js";
import { resolveProject } from "../../lib/scope.js";

export function projectsDeleteCommand(): Command {
  return withTenant(withConnection(new Command("delete")))
    .description(
      "delete a project; asks you to type its name. A project that still holds resources is refused (exit 6, with the list) unless --cascade",
    )
    .argument("<project>", "project id or name")
    .option("--confirm <name>", "the project's name, typed ahead (for scripts)")
    .option("--cascade", "also delete everything the project holds")
    .action(
      async (
        ref: string,
        opts: { url?: string; json?: boolean; tenant?: string; confirm?: string; cascade?: boolean },
      ) => {
        const { client } = connect(opts);
        const project = await resolveProject(client, ref, opts.tenant);
        let typed = opts.confirm;
        if (typed === undefined) {
          if (!isInteractive())
            throw usageError(`pass --confirm "${project.name}" to delete without a prompt`);
          typed = await promptLine(`Type the project's name (${project.name}) to delete it: `);
        }
        await client.projects.delete(project.id, { confirm_name: typed, cascade: Boolean(opts.cascade) });
        if (opts.json) return printJson({ deleted: true, id: project.id, name: project.name });
        say(`Deleted project ${project.name} (${project.id}).`);
      },
    );
}
