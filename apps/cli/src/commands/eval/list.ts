import { EvaluationKind, EvaluationStatus } from "@infera/contracts";
import { Command, Option } from "commander";
import { resolveBenchmark } from "../../lib/benchmark-ref.js";
import { connect } from "../../lib/connection.js";
import { gateText, metricsLine, progressText } from "../../lib/eval-output.js";
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
  kind?: EvaluationKind;
  status?: EvaluationStatus;
  gate?: "passed" | "failed";
  modelVersion?: string;
  benchmark?: string;
  format?: "csv" | "json";
}

export function evalListCommand(): Command {
  return withProject(withPaging(withTenant(withConnection(new Command("list")))))
    .description("a project's evaluation runs, newest first, with progress, the first metrics and the gate")
    .addOption(new Option("--kind <kind>", "only runs of this kind").choices(EvaluationKind.options))
    .addOption(new Option("--status <status>", "only runs in this state").choices(EvaluationStatus.options))
    .addOption(
      new Option("--gate <outcome>", "only gate runs that passed or failed").choices(["passed", "failed"]),
    )
    .option("--model-version <id>", "only runs that evaluated this model version (mv_…)")
    .option("--benchmark <ref>", "only runs made from this benchmark (name or ebm_…)")
    .addOption(new Option("--format <format>", "export the whole filter").choices(["csv", "json"]))
    .action(async (opts: ListOptions) => {
      const { client, stored } = connect(opts);
      const project = await projectOf(client, opts, stored);
      const filter = {
        kind: opts.kind,
        status: opts.status,
        gate: opts.gate,
        model_version_id: opts.modelVersion,
        benchmark_id: opts.benchmark
          ? (await resolveBenchmark(client, project.id, opts.benchmark)).id
          : undefined,
      };
      if (opts.format === "csv") {
        process.stdout.write(await client.evaluations.exportCsv(project.id, filter));
        return;
      }
      const page = await fetchRows(
        opts.format === "json" ? { ...opts, all: true } : opts,
        (limit, cursor) => client.evaluations.list(project.id, { ...filter, limit, cursor }),
        (limit) => client.evaluations.iterate(project.id, { ...filter, limit }),
      );
      if (opts.json || opts.format === "json") return printJson(page);
      if (page.data.length === 0) return say(`No evaluation runs in ${project.name} match.`);
      printTable(
        ["id", "kind", "status", "targets", "metrics", "gate", "created"],
        page.data.map((r) => [
          r.id,
          r.kind,
          `${r.status}${r.status === "running" ? ` ${progressText(r)}` : ""}`,
          r.targets.map((t) => t.label).join(" vs "),
          metricsLine(r),
          gateText(r),
          fmtTime(r.created_at),
        ]),
      );
      hintMore(page);
    });
}
