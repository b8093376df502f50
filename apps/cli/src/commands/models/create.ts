import { Command, Option } from "commander";
import { connect } from "../../lib/connection.js";
import { withConnection, withProject, withTenant } from "../../lib/options.js";
import { printJson, say } from "../../lib/output.js";
import { projectOf } from "../../lib/scope.js";

export function modelsCreateCommand(): Command {
  return withProject(withTenant(withConnection(new Command("create"))))
    .description("register a model in a project (its versions come with `infera models upload`)")
    .requiredOption("--name <name>", "the model's name, 1–128 characters")
    .addOption(
      new Option(
        "--visibility <visibility>",
        "private: this project; tenant_shared: every project of the tenant",
      )
        .choices(["private", "tenant_shared"])
        .default("private"),
    )
    .option("--license <license>", "e.g. apache-2.0")
    .option("--description <text>", "up to 2000 characters")
    .option("--source <text>", "where the weights come from (a hub id, a URL)")
    .action(
      async (opts: {
        url?: string;
        json?: boolean;
        tenant?: string;
        project?: string;
        name: string;
        visibility: "private" | "tenant_shared";
        license?: string;
        description?: string;
        source?: string;
      }) => {
        const { client, stored } = connect(opts);
        const project = await projectOf(client, opts, stored);
        const model = await client.models.create(project.id, {
          name: opts.name,
          visibility: opts.visibility,
          license: opts.license,
          description: opts.description,
          source: opts.source,
        });
        if (opts.json) return printJson(model);
        say(`Created model ${model.name} (${model.id}) in ${project.name}, ${model.visibility}.`);
        say(`Upload a version: infera models upload ${model.id} <files or a folder>`);
      },
    );
}
