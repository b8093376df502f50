import { DeployStrategy } from "@infera/contracts";
import { Command, InvalidArgumentError, Option } from "commander";
import { usageError } from "../../lib/cli-error.js";
import { connect } from "../../lib/connection.js";
import { withConnection, withProject, withTenant } from "../../lib/options.js";
import { note, printJson } from "../../lib/output.js";
import {
  configInputOf,
  type ServiceConfigOptions,
  serviceConfigOf,
  withServiceConfig,
} from "../../lib/service-config-flags.js";
import { printService } from "../../lib/service-output.js";
import { resolveService } from "../../lib/service-ref.js";
import { parseTimeout, waitForRevision } from "../../lib/service-wait.js";

interface DeployOptions extends ServiceConfigOptions {
  url?: string;
  json?: boolean;
  strategy: DeployStrategy;
  weight?: number;
  wait?: boolean;
  timeout: number;
}

export function servicesDeployCommand(): Command {
  return withServiceConfig(withProject(withTenant(withConnection(new Command("deploy")))))
    .description(
      "deploy a new revision: the current revision's configuration with the flags given changed (or --from-file); full moves all traffic to it, canary --weight N gives it N%, none leaves it without traffic",
    )
    .argument("<service>", "service id (svc_…) or name in --project")
    .addOption(
      new Option("--strategy <strategy>", "full, none or canary")
        .choices(DeployStrategy.options)
        .default("full"),
    )
    .option("--weight <percent>", "canary: the new revision's share, 1–99", (v: string) => {
      const n = Number(v);
      if (!Number.isInteger(n)) throw new InvalidArgumentError("must be a whole number");
      return n;
    })
    .option("--wait", "wait until the new revision is ready, printing each state change")
    .option("--timeout <duration>", "with --wait: give up after this long (exit 11)", parseTimeout, 600_000)
    .action(async (ref: string, opts: DeployOptions) => {
      if (opts.wait && opts.strategy === "none")
        throw usageError("--wait needs traffic: a revision deployed with --strategy none never starts");
      const { client, stored } = connect(opts);
      const service = await resolveService(client, ref, opts, stored);
      const current =
        service.revisions.find((r) => r.id === service.current_revision_id) ?? service.revisions.at(-1);
      const config = await serviceConfigOf(
        client,
        opts,
        service.project_id,
        opts.fromFile || !current ? undefined : configInputOf(current.config),
      );
      const revision = await client.services.deploy(service.id, {
        config,
        strategy: opts.strategy,
        weight: opts.weight,
      });
      if (!opts.json)
        note(`Deployed revision r${revision.number} (${revision.id}) of ${service.name}, ${opts.strategy}.`);
      if (opts.wait)
        await waitForRevision(client, revision.id, { timeoutMs: opts.timeout, quiet: opts.json });
      const after = await client.services.get(service.id);
      if (opts.json) return printJson(after.revisions.find((r) => r.id === revision.id) ?? revision);
      printService(after);
    });
}
