import { ArtifactType } from "@infera/contracts";
import { Command, Option } from "commander";
import { usageError } from "../../lib/cli-error.js";
import { connect } from "../../lib/connection.js";
import { printVersion } from "../../lib/model-output.js";
import { resolveModel } from "../../lib/model-ref.js";
import { withConnection, withTenant } from "../../lib/options.js";
import { printJson, say } from "../../lib/output.js";
import { resolveProject } from "../../lib/scope.js";
import { parseRate } from "../../lib/throttled-reader.js";
import { collectFiles, uploadFiles } from "../../lib/upload-files.js";

interface ModelsUploadOptions {
  url?: string;
  json?: boolean;
  tenant?: string;
  project?: string;
  artifactType: ArtifactType;
  baseVersion?: string;
  notes?: string;
  license?: string;
  latest: boolean;
  limitRate?: number;
}

export function modelsUploadCommand(): Command {
  return withTenant(withConnection(new Command("upload")))
    .description(
      "upload files (a folder keeps its relative paths) and create a new immutable version of the model; an interrupted upload continues where it stopped when you run the same command again",
    )
    .argument("<model>", "model id (mdl_…), or its name with --project")
    .argument("<paths...>", "files and folders")
    .option("--project <project>", "the project that uploads (default: the model's own)")
    .addOption(
      new Option("--artifact-type <type>", "full weights, an adapter, or merged weights")
        .choices(ArtifactType.options)
        .default("full"),
    )
    .option("--base-version <versionId>", "the version this one derives from (mv_…)")
    .option("--notes <text>", "release notes")
    .option("--license <license>", "license of this version")
    .option("--no-latest", "leave the latest tag where it is")
    .option("--limit-rate <rate>", "upload at most this many bytes per second (500K, 8M, 1G)", parseRate)
    .addHelpText(
      "after",
      "\nExamples:\n  infera models upload mdl_… ./my-model            # config.json, model.safetensors, tokenizer/…\n  infera models upload mdl_… adapter.safetensors adapter_config.json --artifact-type adapter --base-version mv_…",
    )
    .action(async (ref: string, paths: string[], opts: ModelsUploadOptions) => {
      const { client, url } = connect(opts);
      const files = collectFiles(paths);
      const model = await resolveModel(client, ref, opts);
      const projectId = opts.project
        ? (await resolveProject(client, opts.project, opts.tenant)).id
        : model.project_id;
      if (!projectId)
        throw usageError(`${model.name} is a system model: say which project uploads with --project`);
      const { uploaded, forget } = await uploadFiles(client, url, projectId, files, { rate: opts.limitRate });
      const version = await client.models.versions.create(model.id, {
        artifact_type: opts.artifactType,
        files: uploaded.map((u) => ({ path: u.path, upload_id: u.upload_id })),
        base_model_version_id: opts.baseVersion,
        notes: opts.notes,
        license: opts.license,
        tag_latest: opts.latest,
      });
      await forget();
      if (opts.json) return printJson({ version, uploads: uploaded });
      say(`Created version ${version.id} of ${model.name}.`);
      printVersion(version);
    });
}
