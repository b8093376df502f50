import { Command } from "commander";
import { connect } from "../../../lib/connection.js";
import { withConnection, withProject, withTenant } from "../../../lib/options.js";
import { printJson, say } from "../../../lib/output.js";
import { projectRef } from "../../../lib/scope.js";
import { resolveTemplate } from "../../../lib/template-ref.js";

export function finetuneTemplatesDeleteCommand(): Command {
  return withProject(
    withTenant(withConnection(new Command("delete"))),
    "project of the template (for a name)",
  )
    .description("delete a template; jobs created from it keep their configuration")
    .argument("<template>", "template id (ftt_…) or name in the project")
    .action(
      async (ref: string, opts: { url?: string; json?: boolean; project?: string; tenant?: string }) => {
        const { client, stored } = connect(opts);
        const t = await resolveTemplate(client, ref, {
          project: projectRef(opts, stored),
          tenant: opts.tenant,
        });
        await client.fineTuning.templates.delete(t.id);
        if (opts.json) return printJson({ deleted: true, id: t.id });
        say(`Deleted template ${t.name} (${t.id}).`);
      },
    );
}
