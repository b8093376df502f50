import { Command, Option } from "commander";
import { resolveApiKey } from "../../lib/api-key-output.js";
import { connect } from "../../lib/connection.js";
import { withConnection, withProject, withTenant } from "../../lib/options.js";
import { printJson, printTable, say } from "../../lib/output.js";
import { projectOf } from "../../lib/scope.js";
import { resolveService } from "../../lib/service-ref.js";
import { parseWhen, USAGE_HEAD, usageFootnote, usageRow } from "../../lib/usage-output.js";

interface UsageOptions {
  url?: string;
  json?: boolean;
  tenant?: string;
  project?: string;
  groupBy: "service" | "revision" | "api_key" | "model_version" | "status_code";
  from?: string;
  to?: string;
  granularity: "hour" | "day";
  service?: string;
  key?: string;
  modelVersion?: string;
  status?: "2xx" | "4xx" | "5xx";
  csv?: boolean;
}

export function usageCommand(): Command {
  return withProject(withTenant(withConnection(new Command("usage"))))
    .description(
      "a project's calls through the gateway: tokens, latency, success and estimated cost, grouped",
    )
    .addOption(
      new Option("--group-by <dimension>", "one row per")
        .choices(["service", "revision", "api_key", "model_version", "status_code"])
        .default("service"),
    )
    .option(
      "--from <when>",
      "start: an ISO date or time, or an age such as 7d (default: 24 hours before --to)",
      (v) => parseWhen(v),
    )
    .option("--to <when>", "end (exclusive): an ISO date or time, or an age (default: now)", (v) =>
      parseWhen(v),
    )
    .addOption(
      new Option("--granularity <bucket>", "bucket of the series").choices(["hour", "day"]).default("hour"),
    )
    .option("--service <service>", "only this service (id or name)")
    .option("--key <key>", "only this API key (id or name)")
    .option("--model-version <id>", "only this model version (mv_…)")
    .addOption(
      new Option("--status <class>", "only calls answered with this class").choices(["2xx", "4xx", "5xx"]),
    )
    .option("--csv", "print the series as CSV (one row per bucket and group) for a spreadsheet")
    .action(async (opts: UsageOptions) => {
      const { client, stored } = connect(opts);
      const project = await projectOf(client, opts, stored);
      const query = {
        group_by: opts.groupBy,
        from: opts.from,
        to: opts.to,
        granularity: opts.granularity,
        service_id: opts.service ? (await resolveService(client, opts.service, opts, stored)).id : undefined,
        api_key_id: opts.key ? (await resolveApiKey(client, opts.key, opts, stored)).id : undefined,
        model_version_id: opts.modelVersion,
        status_class: opts.status,
      };
      if (opts.csv) return void process.stdout.write(await client.usage.reportCsv(project.id, query));
      const report = await client.usage.report(project.id, query);
      if (opts.json) return printJson(report);
      if (report.totals.requests === 0) return say(`No calls in ${usageFootnote(report)}.`);
      printTable(USAGE_HEAD, [
        ...report.groups.map((g) => usageRow(g.label, g, report.currency)),
        usageRow("total", report.totals, report.currency),
      ]);
      say(usageFootnote(report));
    });
}
