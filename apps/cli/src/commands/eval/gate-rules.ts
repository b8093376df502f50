import { MetricName } from "@infera/contracts";
import { Command, InvalidArgumentError, Option } from "commander";
import { usageError } from "../../lib/cli-error.js";
import { connect } from "../../lib/connection.js";
import { resolveModel } from "../../lib/model-ref.js";
import { withConnection, withProject, withTenant } from "../../lib/options.js";
import { fmtTime, printJson, printTable, say } from "../../lib/output.js";
import { projectOf, projectRef } from "../../lib/scope.js";

const number = (value: string) => {
  const n = Number(value);
  if (!Number.isFinite(n)) throw new InvalidArgumentError("must be a number");
  return n;
};

/** `infera eval gate-rules list|add|delete`: the rules a gate run checks before a version may become prod. */
export function evalGateRulesCommand(): Command {
  const cmd = new Command("gate-rules").description(
    "the project's gate rules: what a version must pass before it becomes prod",
  );
  cmd.addCommand(
    withProject(withTenant(withConnection(new Command("list"))))
      .description("every gate rule of the project")
      .action(async (opts: { url?: string; json?: boolean; tenant?: string; project?: string }) => {
        const { client, stored } = connect(opts);
        const project = await projectOf(client, opts, stored);
        const rules = [];
        for await (const r of client.evaluations.gateRules.iterate(project.id, { limit: 200 })) rules.push(r);
        if (opts.json) return printJson(rules);
        if (rules.length === 0)
          return say(`${project.name} has no gate rules: add one with \`infera eval gate-rules add\`.`);
        printTable(
          ["id", "model", "rule", "description", "created"],
          rules.map((r) => [
            r.id,
            r.model_id ?? "every model",
            r.comparator === "at_least"
              ? `${r.metric} ≥ ${r.threshold}`
              : `${r.metric} not worse than prod by more than ${r.margin ?? 0}`,
            r.description,
            fmtTime(r.created_at),
          ]),
        );
      }),
  );
  cmd.addCommand(
    withProject(withTenant(withConnection(new Command("add"))))
      .description(
        "add a rule: --min for a threshold (a maximum for lower-is-better metrics), or --margin to compare with the prod version",
      )
      .addOption(
        new Option("--metric <name>", "the metric").choices(MetricName.options).makeOptionMandatory(),
      )
      .option("--min <value>", "the threshold the value must reach", number)
      .option("--margin <value>", "how much worse than the prod version it may be", number)
      .option("--model <ref>", "only for this model (name or id; default every model of the project)")
      .option("--description <text>", "why the rule exists")
      .action(
        async (opts: {
          url?: string;
          json?: boolean;
          tenant?: string;
          project?: string;
          metric: MetricName;
          min?: number;
          margin?: number;
          model?: string;
          description?: string;
        }) => {
          if ((opts.min === undefined) === (opts.margin === undefined))
            throw usageError("give exactly one of --min or --margin");
          const { client, stored } = connect(opts);
          const project = await projectOf(client, opts, stored);
          const modelId = opts.model
            ? (
                await resolveModel(client, opts.model, {
                  project: projectRef(opts, stored),
                  tenant: opts.tenant,
                })
              ).id
            : null;
          const rule = await client.evaluations.gateRules.create(project.id, {
            model_id: modelId,
            metric: opts.metric,
            ...(opts.min !== undefined
              ? { comparator: "at_least" as const, threshold: opts.min }
              : { comparator: "not_worse_than_prod" as const, margin: opts.margin }),
            ...(opts.description ? { description: opts.description } : {}),
          });
          if (opts.json) return printJson(rule);
          say(`Added gate rule ${rule.id}.`);
        },
      ),
  );
  cmd.addCommand(
    withConnection(new Command("delete"))
      .description("remove a gate rule")
      .argument("<rule>", "gate rule id (egr_…)")
      .action(async (ruleId: string, opts: { url?: string; json?: boolean }) => {
        const { client } = connect(opts);
        await client.evaluations.gateRules.delete(ruleId);
        if (opts.json) return printJson({ deleted: ruleId });
        say(`Deleted gate rule ${ruleId}.`);
      }),
  );
  return cmd;
}
