import { Command } from "commander";
import { connect } from "../../../lib/connection.js";
import { fetchRows, hintMore } from "../../../lib/listing.js";
import {
  type PagingOptions,
  withConnection,
  withPaging,
  withProject,
  withTenant,
} from "../../../lib/options.js";
import { fmtTime, printJson, printTable, say } from "../../../lib/output.js";
import { projectOf } from "../../../lib/scope.js";

interface ListOptions extends PagingOptions {
  url?: string;
  json?: boolean;
  tenant?: string;
  project?: string;
  q?: string;
}

export function finetuneTemplatesListCommand(): Command {
  return withProject(withPaging(withTenant(withConnection(new Command("list")))))
    .description("a project's fine-tuning job templates, newest first")
    .option("--q <text>", "only templates whose name or description contains this")
    .action(async (opts: ListOptions) => {
      const { client, stored } = connect(opts);
      const project = await projectOf(client, opts, stored);
      const page = await fetchRows(
        opts,
        (limit, cursor) => client.fineTuning.templates.list(project.id, { q: opts.q, limit, cursor }),
        (limit) => client.fineTuning.templates.iterate(project.id, { q: opts.q, limit }),
      );
      if (opts.json) return printJson(page);
      if (page.data.length === 0)
        return say("No templates: save one with `infera finetune templates create --from-file`.");
      printTable(
        ["name", "id", "base model", "method", "epochs", "description", "updated"],
        page.data.map((t) => [
          t.name,
          t.id,
          t.config.base_model.model_id ?? t.config.base_model.version_id ?? "",
          t.config.method ?? "",
          t.config.epochs ?? "",
          t.description,
          fmtTime(t.updated_at),
        ]),
      );
      hintMore(page);
    });
}
