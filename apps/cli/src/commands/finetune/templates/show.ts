import { Command } from "commander";
import { connect } from "../../../lib/connection.js";
import { withConnection, withProject, withTenant } from "../../../lib/options.js";
import { fmtTime, printJson, say } from "../../../lib/output.js";
import { projectRef } from "../../../lib/scope.js";
import { resolveTemplate } from "../../../lib/template-ref.js";

export function finetuneTemplatesShowCommand(): Command {
  return withProject(withTenant(withConnection(new Command("show"))), "project of the template (for a name)")
    .description("a template: its name, description and the job configuration it holds")
    .argument("<template>", "template id (ftt_…) or name in the project")
    .action(
      async (ref: string, opts: { url?: string; json?: boolean; project?: string; tenant?: string }) => {
        const { client, stored } = connect(opts);
        const t = await resolveTemplate(client, ref, {
          project: projectRef(opts, stored),
          tenant: opts.tenant,
        });
        if (opts.json) return printJson(t);
        say(`${t.name} (${t.id})`);
        if (t.description) say(t.description);
        say(`updated ${fmtTime(t.updated_at)}`);
        say(JSON.stringify(t.config, null, 2));
      },
    );
}
