import { ProjectRole } from "@infera/contracts";
import { Command, Option } from "commander";
import { connect } from "../../lib/connection.js";
import { fetchRows, hintMore } from "../../lib/listing.js";
import {
  type PagingOptions,
  withConnection,
  withPaging,
  withProject,
  withTenant,
} from "../../lib/options.js";
import { fmtTime, printJson, printTable, say } from "../../lib/output.js";
import { projectOf } from "../../lib/scope.js";

export function membersListCommand(): Command {
  return withProject(withPaging(withTenant(withConnection(new Command("list")))))
    .description("list the members of a project")
    .addOption(new Option("--role <role>", "only this role").choices(ProjectRole.options))
    .action(
      async (
        opts: PagingOptions & {
          url?: string;
          json?: boolean;
          tenant?: string;
          project?: string;
          role?: ProjectRole;
        },
      ) => {
        const { client, stored } = connect(opts);
        const project = await projectOf(client, opts, stored);
        const page = await fetchRows(
          opts,
          (limit, cursor) => client.members.list(project.id, { role: opts.role, limit, cursor }),
          (limit) => client.members.iterate(project.id, { role: opts.role, limit }),
        );
        if (opts.json) return printJson(page);
        if (page.data.length === 0) return say(`No members in ${project.name}.`);
        printTable(
          ["user id", "email", "name", "role", "note", "since"],
          page.data.map((m) => [m.user_id, m.email, m.name, m.role, m.note, fmtTime(m.created_at)]),
        );
        hintMore(page);
      },
    );
}
