import { Command } from "commander";
import { connect } from "../../../lib/connection.js";
import { readConfigFile } from "../../../lib/job-config-file.js";
import { withConnection, withProject, withTenant } from "../../../lib/options.js";
import { note, printJson, say } from "../../../lib/output.js";
import { projectOf } from "../../../lib/scope.js";

interface CreateOptions {
  url?: string;
  json?: boolean;
  tenant?: string;
  project?: string;
  fromFile: string;
  name: string;
  description?: string;
}

export function finetuneTemplatesCreateCommand(): Command {
  return withProject(withTenant(withConnection(new Command("create"))), "project of the template")
    .description(
      "save a job configuration as a template: a file as `infera finetune create --from-file` takes it (`infera finetune config <job> --json` exports one; its job name is left out)",
    )
    .requiredOption("--from-file <config.json>", "the job configuration as JSON")
    .requiredOption("--name <name>", "the template's name, unique in the project (2–64 characters)")
    .option("--description <text>", "what the template is for")
    .action(async (opts: CreateOptions) => {
      const { client, stored } = connect(opts);
      const project = await projectOf(client, opts, stored);
      // A template holds no job name: an exported configuration's name belongs to its job.
      const { name: _, ...config } = readConfigFile(opts.fromFile);
      const t = await client.fineTuning.templates.create(project.id, {
        name: opts.name,
        description: opts.description,
        config: config as never,
      });
      if (opts.json) return printJson(t);
      say(`Saved template ${t.name} (${t.id}).`);
      note(`Create a job from it: infera finetune create --template "${t.name}" --output-model-name <name>`);
    });
}
