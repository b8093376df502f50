import { Command } from "commander";
import { usageError } from "../../lib/cli-error.js";
import { connect } from "../../lib/connection.js";
import { fmtMetric } from "../../lib/eval-output.js";
import { withConnection, withProject, withTenant } from "../../lib/options.js";
import { printJson, printTable } from "../../lib/output.js";
import { projectOf } from "../../lib/scope.js";

export function evalCompareCommand(): Command {
  return withProject(withTenant(withConnection(new Command("compare"))))
    .description(
      "metric deltas of runs against the first one, with intervals (paired when the runs share their samples)",
    )
    .argument("<runs...>", "two or more evaluation run ids (evr_…)")
    .action(
      async (runIds: string[], opts: { url?: string; json?: boolean; tenant?: string; project?: string }) => {
        if (runIds.length < 2) throw usageError("give at least two runs to compare");
        const { client, stored } = connect(opts);
        const project = await projectOf(client, opts, stored);
        const cmp = await client.evaluations.compare(project.id, runIds);
        if (opts.json) return printJson(cmp);
        const n = (v: number) => Number(v.toPrecision(3)).toString();
        printTable(
          ["metric", ...cmp.runs.map((r, i) => (i === 0 ? `${r.label} (base)` : r.label))],
          cmp.metrics.map((m) => [
            m.metric,
            ...m.values.map((v, i) => {
              const d = m.deltas[i];
              return d
                ? `${fmtMetric(v)}\nΔ ${d.delta >= 0 ? "+" : ""}${n(d.delta)} [${n(d.ci_low)}, ${n(d.ci_high)}]${d.paired ? " paired" : ""}`
                : fmtMetric(v);
            }),
          ]),
        );
      },
    );
}
