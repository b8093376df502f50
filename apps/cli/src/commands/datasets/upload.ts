import { writeFile } from "node:fs/promises";
import { InferaApiError, type InferaClient } from "@infera/client";
import {
  type ColumnMapping,
  type Dataset,
  DatasetContainer,
  DatasetFormat,
  DatasetShape,
  DatasetValidation,
} from "@infera/contracts";
import { Command, InvalidArgumentError, Option } from "commander";
import { CliError } from "../../lib/cli-error.js";
import { parseMapping } from "../../lib/column-mapping.js";
import { connect } from "../../lib/connection.js";
import { printDatasetVersion, printValidationErrors } from "../../lib/dataset-output.js";
import { findDatasetByName } from "../../lib/dataset-ref.js";
import { withConnection, withProject, withTenant } from "../../lib/options.js";
import { note, printJson, say } from "../../lib/output.js";
import { projectOf } from "../../lib/scope.js";
import { parseRate } from "../../lib/throttled-reader.js";
import { collectFiles, uploadFiles } from "../../lib/upload-files.js";

interface DatasetsUploadOptions {
  url?: string;
  json?: boolean;
  tenant?: string;
  project?: string;
  name: string;
  description?: string;
  format?: DatasetFormat;
  shape?: DatasetShape;
  container?: DatasetContainer;
  map?: ColumnMapping;
  baseVersion?: string;
  maxLength?: number;
  keepValidOnly?: boolean;
  report?: string;
  limitRate?: number;
}

function parseMaxLength(value: string): number {
  const v = Number(value);
  if (!Number.isInteger(v) || v < 1 || v > 10_000_000)
    throw new InvalidArgumentError("must be a number of tokens from 1 to 10000000");
  return v;
}

export function datasetsUploadCommand(): Command {
  return withProject(withTenant(withConnection(new Command("upload"))))
    .description(
      "upload files (read in the order given, as if concatenated) as a new version of a dataset, creating the dataset when the project has none of that name (a refused upload leaves none behind); every record is validated before anything is registered. Files may be JSONL, one JSON array, CSV or Parquet, each maybe gzipped; records may be chat, prompt/completion, text or preference records, or Alpaca, ShareGPT or OpenAI preference records",
    )
    .argument(
      "<files...>",
      "JSONL, JSON, CSV or Parquet files, maybe .gz (a folder: its files in name order)",
    )
    .requiredOption("--name <name>", "the dataset's name (created when missing)")
    .option("--description <text>", "the dataset's description, when it is created")
    .addOption(
      new Option("--format <format>", "expected record format (default: detected)").choices(
        DatasetFormat.options,
      ),
    )
    .addOption(
      new Option(
        "--shape <shape>",
        "the records' shape (default: the dataset's saved shape, else detected)",
      ).choices(DatasetShape.options),
    )
    .addOption(
      new Option("--container <container>", "every file's container (default: detected per file)").choices(
        DatasetContainer.options,
      ),
    )
    .option(
      "--map <mapping>",
      "column mapping, target=source: prompt=question,completion=answer, or @mapping.json (default: the mapping saved on the dataset; saved for later versions)",
      parseMapping,
    )
    .option("--base-version <versionId>", "count tokens with this model version's tokenizer (mv_…)")
    .option("--max-length <tokens>", "count the rows longer than this many tokens", parseMaxLength)
    .option("--keep-valid-only", "when some lines are invalid, keep the valid rows (recorded on the version)")
    .option("--report <file>", "when lines are invalid, save the full error report (JSONL) here")
    .option("--limit-rate <rate>", "upload at most this many bytes per second (500K, 8M, 1G)", parseRate)
    .addHelpText(
      "after",
      "\nExit status 2 when records are invalid: the first errors are printed with their line numbers (index for\nJSON arrays and Parquet); fix them and run again (the files already uploaded are not sent again), or add\n--keep-valid-only. Exit status 2 too when the mapping names a column a table lacks.",
    )
    .action(async (paths: string[], opts: DatasetsUploadOptions) => {
      const { client, url, stored } = connect(opts);
      const files = collectFiles(paths);
      const project = await projectOf(client, opts, stored);
      // A dataset of that name is reused, versions or not (an empty one left by an abandoned
      // wizard included); a new one is made only once the bytes are up, and removed again when
      // its first version is refused, so a refused or interrupted upload leaves no dataset behind.
      const found = await findDatasetByName(client, project.id, opts.name);
      const { uploaded, forget } = await uploadFiles(client, url, project.id, files, {
        rate: opts.limitRate,
      });
      const dataset =
        found ??
        (await client.datasets.create(project.id, {
          name: opts.name,
          description: opts.description,
          format: opts.format,
        }));
      let version: Awaited<ReturnType<typeof client.datasets.versions.create>>;
      try {
        version = await client.datasets.versions.create(dataset.id, {
          files: uploaded.map((u) => ({ upload_id: u.upload_id, name: u.path })),
          format: opts.format,
          shape: opts.shape,
          container: opts.container,
          mapping: opts.map,
          base_model_version_id: opts.baseVersion,
          max_length: opts.maxLength,
          keep_valid_only: Boolean(opts.keepValidOnly),
        });
      } catch (err) {
        const report = err instanceof InferaApiError ? DatasetValidation.safeParse(err.details) : null;
        // The report is saved before the dataset it belongs to may go.
        if (report?.success && opts.report && report.data.report_href)
          await writeFile(
            opts.report,
            await client.datasets.validationRuns.reportText(report.data.validation_run_id),
          );
        const kept = found ? true : !(await discardDataset(client, dataset));
        if (!report?.success || opts.json) throw err;
        // The uploads stay unused and remembered: a re-run after a fix sends only changed files.
        printValidationErrors(
          report.data,
          report.data.report_href && kept ? client.datasets.hrefUrl(report.data.report_href) : null,
        );
        if (opts.report) say(`Saved the full report to ${opts.report}.`);
        else if (!kept && report.data.report_href)
          say("Run again with --report <file> to save the full report (no file is uploaded twice).");
        if (!found && kept)
          note(
            `The empty dataset ${dataset.name} (${dataset.id}) stays; the next upload of this name fills it.`,
          );
        const { rows } = report.data;
        throw new CliError(
          "unprocessable_content",
          rows.valid === 0
            ? `no valid rows (${rows.invalid} invalid, ${rows.blank} blank); no version was created`
            : `${rows.invalid} of ${rows.total} record(s) are invalid; no version was created. Fix them and run again, or add --keep-valid-only`,
        );
      }
      await forget();
      if (opts.json)
        return printJson({ dataset_id: dataset.id, dataset_created: !found, version, uploads: uploaded });
      if (!found) say(`Created dataset ${dataset.name} (${dataset.id}) in ${project.name}.`);
      say(`Created version ${version.id} (v${version.number}) of ${dataset.name}.`);
      printDatasetVersion(version);
    });
}

/** Removes the dataset this run made for a refused version; false when it stays (deleting needs an Owner). */
async function discardDataset(client: InferaClient, dataset: Dataset): Promise<boolean> {
  try {
    await client.datasets.delete(dataset.id);
    return true;
  } catch {
    return false;
  }
}
