import { Command } from "commander";
import { usageError } from "../../lib/cli-error.js";
import { connect } from "../../lib/connection.js";
import { withConnection, withProject, withTenant } from "../../lib/options.js";
import { printJson, say } from "../../lib/output.js";
import { trafficText } from "../../lib/service-output.js";
import { resolveRevision, resolveService } from "../../lib/service-ref.js";

export function servicesTrafficCommand(): Command {
  return withProject(withTenant(withConnection(new Command("traffic"))))
    .description(
      "set a service's traffic split: `r2=80 r3=20` (revision numbers or ids); revisions left out get 0%. Without a split, shows it",
    )
    .argument("<service>", "service id (svc_…) or name in --project")
    .argument("[split...]", "revision=percent pairs, summing to 100 (or --normalize)")
    .option("--normalize", "scale the weights to sum to 100")
    .action(
      async (
        ref: string,
        split: string[],
        opts: { url?: string; json?: boolean; project?: string; tenant?: string; normalize?: boolean },
      ) => {
        const { client, stored } = connect(opts);
        const service = await resolveService(client, ref, opts, stored);
        if (!split.length) {
          if (opts.json) return printJson(service.traffic);
          return say(trafficText(service));
        }
        const traffic = split.map((pair) => {
          const m = /^([^=]+)=(\d+)$/.exec(pair);
          if (!m) throw usageError(`"${pair}": give revision=percent, e.g. r2=80`);
          return { revision_id: resolveRevision(service, m[1]!).id, percent: Number(m[2]) };
        });
        const after = await client.services.setTraffic(service.id, {
          traffic,
          normalize: Boolean(opts.normalize),
        });
        if (opts.json) return printJson(after);
        const numbers = new Map(service.revisions.map((r) => [r.id, r.number]));
        say(
          `Traffic of ${after.name}: ${
            after.traffic
              .filter((t) => t.percent > 0)
              .map((t) => `r${numbers.get(t.revision_id)} ${t.percent}%`)
              .join(", ") || "none"
          }`,
        );
      },
    );
}
