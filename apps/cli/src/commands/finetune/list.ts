import { FineTuneJobStatus, TrainingMethod } from "@infera/contracts";
import { Command, Option } from "commander";
import { connect } from "../../lib/connection.js";
import { queueText } from "../../lib/job-output.js";
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

interface ListOptions extends PagingOptions {
  url?: string;
  json?: boolean;
  tenant?: string;
  project?: string;
  status?: FineTuneJobStatus;
  method?: TrainingMethod;
  mine?: boolean;
  createdBy?: string;
  createdAfter?: string;
  createdBefore?: string;
  format?: "csv" | "json";
}

export function finetuneListCommand(): Command {
  return withProject(withPaging(withTenant(withConnection(new Command("list")))))
    .description("a project's fine-tuning jobs, newest first, with queue position and ETA of queued ones")
    .addOption(new Option("--status <status>", "only jobs in this state").choices(FineTuneJobStatus.options))
    .addOption(new Option("--method <method>", "only lora or full").choices(TrainingMethod.options))
    .option("--mine", "only the jobs you submitted")
    .option("--created-by <user>", "only the jobs of this user or service account id")
    .option("--created-after <time>", "submitted at or after this RFC 3339 time or date")
    .option("--created-before <time>", "submitted before this RFC 3339 time or date")
    .addOption(
      new Option("--format <format>", "export the whole filter (csv, or json like --all --json)").choices([
        "csv",
        "json",
      ]),
    )
    .action(async (opts: ListOptions) => {
      const { client, stored } = connect(opts);
      const project = await projectOf(client, opts, stored);
      const filter = {
        status: opts.status,
        method: opts.method,
        created_by: opts.mine ? "me" : opts.createdBy,
        created_after: opts.createdAfter,
        created_before: opts.createdBefore,
      };
      if (opts.format === "csv") {
        process.stdout.write(await client.fineTuning.jobs.exportCsv(project.id, filter));
        return;
      }
      const page = await fetchRows(
        opts.format === "json" ? { ...opts, all: true } : opts,
        (limit, cursor) => client.fineTuning.jobs.list(project.id, { ...filter, limit, cursor }),
        (limit) => client.fineTuning.jobs.iterate(project.id, { ...filter, limit }),
      );
      if (opts.json || opts.format === "json") return printJson(page);
      if (page.data.length === 0) return say(`No fine-tuning jobs in ${project.name} match.`);
      printTable(
        ["id", "name", "status", "queue", "method", "base version", "output", "created"],
        page.data.map((j) => [
          j.id,
          j.name,
          j.status,
          queueText(j),
          j.method,
          j.base_model_version_id,
          j.output_model_name ?? j.output_model_id,
          fmtTime(j.created_at),
        ]),
      );
      hintMore(page);
    });
}
