import { Env, ServiceExposure } from "@infera/contracts";
import { Command, Option } from "commander";
import { usageError } from "../../lib/cli-error.js";
import { connect } from "../../lib/connection.js";
import { withConnection, withProject, withTenant } from "../../lib/options.js";
import { note, printJson } from "../../lib/output.js";
import { projectOf } from "../../lib/scope.js";
import {
  type ServiceConfigOptions,
  serviceConfigOf,
  withServiceConfig,
} from "../../lib/service-config-flags.js";
import { printService } from "../../lib/service-output.js";
import { parseTimeout, waitForRevision } from "../../lib/service-wait.js";

interface CreateOptions extends ServiceConfigOptions {
  url?: string;
  json?: boolean;
  description?: string;
  env?: Env;
  exposure: ServiceExposure;
  allow?: string[];
  traffic: boolean;
  wait?: boolean;
  timeout: number;
}

export function servicesCreateCommand(): Command {
  return withServiceConfig(withProject(withTenant(withConnection(new Command("create")))))
    .description(
      "create an inference service and its revision 1 (it takes all traffic unless --no-traffic); --wait follows it until it is ready",
    )
    .argument("<name>", "2–64 lower-case letters, digits and '-'")
    .option("--description <text>", "what it is for")
    .addOption(new Option("--env <env>", "the service's env (default: the project's)").choices(Env.options))
    .addOption(
      new Option("--exposure <exposure>", "public or private")
        .choices(ServiceExposure.options)
        .default("private"),
    )
    .option("--allow <cidr...>", "IP allow-list (CIDRs)")
    .option("--no-traffic", "create revision 1 with 0% traffic (it stays pending)")
    .option("--wait", "wait until revision 1 is ready, printing each state change")
    .option("--timeout <duration>", "with --wait: give up after this long (exit 11)", parseTimeout, 600_000)
    .action(async (name: string, opts: CreateOptions) => {
      if (opts.wait && !opts.traffic)
        throw usageError("--wait needs traffic: a revision without traffic never starts");
      const { client, stored } = connect(opts);
      const project = await projectOf(client, opts, stored);
      const config = await serviceConfigOf(client, opts, project.id);
      let service = await client.services.create(project.id, {
        name,
        description: opts.description,
        env: opts.env,
        exposure: opts.exposure,
        ip_allow_list: opts.allow,
        config,
        strategy: opts.traffic ? "full" : "none",
      });
      if (!opts.json) note(`Created service ${service.name} (${service.id}), revision r1.`);
      if (opts.wait) {
        await waitForRevision(client, service.revisions[0]!.id, {
          timeoutMs: opts.timeout,
          quiet: opts.json,
        });
        service = await client.services.get(service.id);
      }
      if (opts.json) return printJson(service);
      printService(service);
    });
}
