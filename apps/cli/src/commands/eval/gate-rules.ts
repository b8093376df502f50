import { readFile } from "node:fs/promises";
import { MAX_REGRESSION_PROMPTS, MetricName, RegressionPrompt } from "@infera/contracts";
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

/**
 * A JSONL file of `{prompt, checks}` lines: each line checked here, so a mistake is reported at its
 * line before anything is sent (the server checks each check's settings again, by field).
 */
async function readPromptsFile(path: string): Promise<RegressionPrompt[]> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    throw usageError(`cannot read ${path}: ${(err as Error).message}`);
  }
  const prompts: RegressionPrompt[] = [];
  for (const [i, line] of text.split(/\r?\n/).entries()) {
    if (!line.trim()) continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw usageError(`${path}:${i + 1}: not a JSON object`);
    }
    const parsed = RegressionPrompt.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw usageError(`${path}:${i + 1}: ${issue.path.join(".") || "line"}: ${issue.message}`);
    }
    prompts.push(parsed.data);
  }
  if (!prompts.length) throw usageError(`${path} has no prompt`);
  if (prompts.length > MAX_REGRESSION_PROMPTS)
    throw usageError(`${path} has ${prompts.length} prompts; a rule holds at most ${MAX_REGRESSION_PROMPTS}`);
  return prompts;
}

function ruleText(r: {
  comparator: string;
  metric: string;
  threshold: number | null;
  margin: number | null;
  prompt_count?: number | null;
}): string {
  if (r.comparator === "at_least") return `${r.metric} ≥ ${r.threshold}`;
  if (r.comparator === "pass_rate_at_least")
    return `pass rate of ${r.prompt_count ?? 0} regression prompts ≥ ${r.threshold}`;
  return `${r.metric} not worse than prod by more than ${r.margin ?? 0}`;
}

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
            ruleText(r),
            r.description,
            fmtTime(r.created_at),
          ]),
        );
      }),
  );
  cmd.addCommand(
    withProject(withTenant(withConnection(new Command("add"))))
      .alias("create")
      .description(
        "add a rule: --metric with --min for a threshold (a maximum for lower-is-better metrics) or --margin to compare with the prod version; or --pass-rate with --prompts-file for regression prompts",
      )
      .addOption(new Option("--metric <name>", "the metric").choices(MetricName.options))
      .option("--min <value>", "the threshold the value must reach", number)
      .option("--margin <value>", "how much worse than the prod version it may be", number)
      .option("--pass-rate <value>", "the share (0–1) of the regression prompts that must pass", number)
      .option(
        "--prompts-file <file.jsonl>",
        "regression prompts, one {prompt, checks} a line (with --pass-rate)",
      )
      .option("--model <ref>", "only for this model (name or id; default every model of the project)")
      .option("--description <text>", "why the rule exists")
      .action(
        async (opts: {
          url?: string;
          json?: boolean;
          tenant?: string;
          project?: string;
          metric?: MetricName;
          min?: number;
          margin?: number;
          passRate?: number;
          promptsFile?: string;
          model?: string;
          description?: string;
        }) => {
          const passRate = opts.passRate !== undefined;
          if ([opts.min, opts.margin, opts.passRate].filter((x) => x !== undefined).length !== 1)
            throw usageError("give exactly one of --min, --margin or --pass-rate");
          if (passRate !== (opts.promptsFile !== undefined))
            throw usageError("--pass-rate and --prompts-file go together");
          if (!passRate && !opts.metric) throw usageError("--min and --margin need --metric");
          if (passRate && opts.metric)
            throw usageError("--pass-rate measures the regression prompts: leave out --metric");
          const prompts = opts.promptsFile ? await readPromptsFile(opts.promptsFile) : undefined;
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
            ...(opts.metric ? { metric: opts.metric } : {}),
            ...(prompts
              ? { comparator: "pass_rate_at_least" as const, threshold: opts.passRate, prompts }
              : opts.min !== undefined
                ? { comparator: "at_least" as const, threshold: opts.min }
                : { comparator: "not_worse_than_prod" as const, margin: opts.margin }),
            ...(opts.description ? { description: opts.description } : {}),
          });
          if (opts.json) return printJson(rule);
          say(`Added gate rule ${rule.id}: ${ruleText(rule)}.`);
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
