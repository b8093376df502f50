import { Env, ServiceDesiredState, ServiceRevisionState } from "@infera/contracts";
import { Command, Option } from "commander";
import { connect } from "../../lib/connection.js";
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
  state?: ServiceRevisionState;
  desiredState?: ServiceDesiredState;
  env?: Env;
  model?: string;
  q?: string;
}

export function servicesListCommand(): Command {
  return withProject(withPaging(withTenant(withConnection(new Command("list")))))
    .description("a project's inference services, newest first")
    .addOption(
      new Option("--state <state>", "only services in this state").choices(ServiceRevisionState.options),
    )
    .addOption(
      new Option("--desired-state <state>", "only started or stopped services").choices(
        ServiceDesiredState.options,
      ),
    )
    .addOption(new Option("--env <env>", "only this env").choices(Env.options))
    .option("--model <id>", "only services with a revision of this model (mdl_…) or version (mv_…)")
    .option("-q, --q <text>", "name contains")
    .action(async (opts: ListOptions) => {
      const { client, stored } = connect(opts);
      const project = await projectOf(client, opts, stored);
      const filter = {
        state: opts.state,
        desired_state: opts.desiredState,
        env: opts.env,
        model: opts.model,
        q: opts.q,
      };
      const page = await fetchRows(
        opts,
        (limit, cursor) => client.services.list(project.id, { ...filter, limit, cursor }),
        (limit) => client.services.iterate(project.id, { ...filter, limit }),
      );
      if (opts.json) return printJson(page);
      if (page.data.length === 0) return say(`No services in ${project.name} match.`);
      printTable(
        ["id", "name", "state", "desired", "env", "runtime", "traffic", "created"],
        page.data.map((s) => [
          s.id,
          s.name,
          s.current_state,
          s.desired_state,
          s.env,
          s.runtime,
          // The split's shares (the revisions' numbers are in `show`).
          s.traffic
            .filter((t) => t.percent > 0)
            .map((t) => `${t.percent}%`)
            .join(" / ") || "none",
          fmtTime(s.created_at),
        ]),
      );
      hintMore(page);
    });
}
