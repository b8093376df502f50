import { Command } from "commander";
import { connect } from "../../lib/connection.js";
import { fetchRows, hintMore } from "../../lib/listing.js";
import { resolveModel } from "../../lib/model-ref.js";
import { type PagingOptions, withConnection, withPaging, withTenant } from "../../lib/options.js";
import { fmtTime, printJson, printTable, say } from "../../lib/output.js";
import { fmtBytes } from "../../lib/progress.js";
import { projectRef } from "../../lib/scope.js";

export function modelsVersionsCommand(): Command {
  return withPaging(withTenant(withConnection(new Command("versions"))))
    .description("a model's versions, newest first")
    .argument("<model>", "model id (mdl_…), or its name with --project")
    .option(
      "--project <project>",
      "the project to find the model by name in (default: the one chosen with `infera use`)",
    )
    .action(
      async (
        ref: string,
        opts: PagingOptions & { url?: string; json?: boolean; tenant?: string; project?: string },
      ) => {
        const { client, stored } = connect(opts);
        const model = await resolveModel(client, ref, { ...opts, project: projectRef(opts, stored) });
        const page = await fetchRows(
          opts,
          (limit, cursor) => client.models.versions.list(model.id, { limit, cursor }),
          (limit) => client.models.versions.iterate(model.id, { limit }),
        );
        if (opts.json) return printJson(page);
        if (page.data.length === 0)
          return say(`${model.name} has no versions yet: infera models upload ${model.id} <files>`);
        printTable(
          ["id", "type", "format", "size", "files", "tags", "source", "created"],
          page.data.map((v) => [
            v.id,
            v.artifact_type,
            v.format,
            fmtBytes(v.size),
            v.files.length,
            v.tags.join(", "),
            v.source,
            fmtTime(v.created_at),
          ]),
        );
        hintMore(page);
      },
    );
}
