import { Command } from "commander";
import { connect } from "../../lib/connection.js";
import { printVersion } from "../../lib/model-output.js";
import { resolveModel } from "../../lib/model-ref.js";
import { withConnection, withTenant } from "../../lib/options.js";
import { fmtTime, printJson, printTable, say } from "../../lib/output.js";
import { projectRef } from "../../lib/scope.js";

export function modelsShowCommand(): Command {
  return withTenant(withConnection(new Command("show")))
    .description("a model (with its tags), or one version (mv_…) with its files and detected metadata")
    .argument("<ref>", "model id (mdl_…) or name with --project, or a version id (mv_…)")
    .option(
      "--project <project>",
      "the project to find the model by name in (default: the one chosen with `infera use`)",
    )
    .action(
      async (ref: string, opts: { url?: string; json?: boolean; tenant?: string; project?: string }) => {
        const { client, stored } = connect(opts);
        if (/^mv_/.test(ref)) {
          const version = await client.models.versions.get(ref);
          if (opts.json) return printJson(version);
          return printVersion(version);
        }
        const model = await resolveModel(client, ref, { ...opts, project: projectRef(opts, stored) });
        const tags = await client.models.tags.list(model.id);
        if (opts.json) return printJson({ ...model, tag_details: tags });
        const rows: [string, string][] = [
          ["model", `${model.name} (${model.id})`],
          [
            "owner",
            model.owner_type === "platform"
              ? "platform (system model)"
              : `tenant ${model.tenant_id}, project ${model.project_id}`,
          ],
          ["visibility", model.visibility],
          ["versions", String(model.version_count)],
          ["latest version", model.latest_version_id ?? "—"],
        ];
        if (model.license) rows.push(["license", model.license]);
        if (model.source) rows.push(["source", model.source]);
        if (model.description) rows.push(["description", model.description]);
        rows.push(["created", fmtTime(model.created_at)]);
        const w = Math.max(...rows.map(([k]) => k.length));
        for (const [k, v] of rows) say(`${k.padEnd(w)}  ${v}`);
        if (tags.length)
          printTable(
            ["tag", "version", "protected", "updated"],
            tags.map((t) => [t.tag, t.version_id, t.protected ? "yes" : "", fmtTime(t.updated_at)]),
          );
      },
    );
}
