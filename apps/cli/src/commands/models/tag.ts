import type { InferaClient } from "@infera/client";
import type { TagMoveResult } from "@infera/contracts";
import { Command, InvalidArgumentError } from "commander";
import { usageError } from "../../lib/cli-error.js";
import { connect } from "../../lib/connection.js";
import { resolveModel } from "../../lib/model-ref.js";
import { withConnection, withTenant } from "../../lib/options.js";
import { printJson, say } from "../../lib/output.js";
import { projectRef } from "../../lib/scope.js";

interface ModelsTagOptions {
  url?: string;
  json?: boolean;
  tenant?: string;
  project?: string;
  force?: boolean;
  reason?: string;
  dryRun?: boolean;
  rollback?: boolean;
  steps?: number;
  delete?: boolean;
}

function parseSteps(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 1000)
    throw new InvalidArgumentError("must be an integer from 1 to 1000");
  return n;
}

/** `prod: mv_a → mv_b` and each gate's answer. */
function printMove(r: TagMoveResult, verb: string): void {
  const from = r.current_version_id ?? "(none)";
  if (!r.changed) say(`${r.tag}: already ${r.target_version_id}; nothing to do.`);
  else say(`${r.tag}: ${from} → ${r.target_version_id}${verb ? ` (${verb})` : ""}`);
  for (const g of r.gates) say(`  gate ${g.gate}: ${g.passed ? "passed" : "failed"} — ${g.reason}`);
  if (r.forced) say("  forced past the failed gate by an Owner; the reason is in the audit log");
}

async function moveTo(
  client: InferaClient,
  modelId: string,
  tag: string,
  ref: string,
  opts: ModelsTagOptions,
) {
  const target = /^mv_/.test(ref) ? { version_id: ref } : { ref };
  // Always show current → target and the gates first; the real move may then be refused.
  const plan = await client.models.tags.set(modelId, tag, { ...target, dry_run: true });
  if (opts.dryRun) {
    if (opts.json) return printJson(plan);
    printMove(plan, "dry run: nothing changed");
    const failed = plan.gates.filter((g) => !g.passed);
    if (failed.length && plan.changed)
      say("  the move would be refused unless an Owner forces it: --force --reason …");
    return;
  }
  if (!opts.json) printMove(plan, "plan");
  const moved = await client.models.tags.set(modelId, tag, {
    ...target,
    force: Boolean(opts.force),
    reason: opts.reason,
  });
  if (opts.json) return printJson(moved);
  say(
    moved.changed
      ? `Moved ${tag} to ${moved.target_version_id}.`
      : `${tag} stays on ${moved.target_version_id}.`,
  );
  if (moved.forced)
    say("Forced past the failed gate by an Owner; the reason is in the tag's history and the audit log.");
}

export function modelsTagCommand(): Command {
  return withTenant(withConnection(new Command("tag")))
    .description(
      "point a tag (latest, staging, prod, or your own) at a version, roll it back, or delete it; protected tags (prod) pass the release gates first",
    )
    .argument("<model>", "model id (mdl_…), or its name with --project")
    .argument("<tag>", "the tag")
    .argument("[ref]", "the target: a version id (mv_…) or another tag")
    .option(
      "--project <project>",
      "the project to find the model by name in (default: the one chosen with `infera use`)",
    )
    .option("--force", "move a protected tag past a failed gate (Owners only; needs --reason)")
    .option("--reason <text>", "why (kept in the tag's history and the audit log)")
    .option("--dry-run", "only show current → target and the gates")
    .option("--rollback", "move the tag back to where it pointed before")
    .option("--steps <n>", "with --rollback: how many moves back (default 1)", parseSteps)
    .option("--delete", "remove the tag")
    .addHelpText(
      "after",
      "\nExamples:\n  infera models tag mdl_… staging mv_…\n  infera models tag mdl_… prod staging --dry-run\n  infera models tag mdl_… prod mv_… --force --reason 'evaluated offline, ticket 123'\n  infera models tag mdl_… prod --rollback --steps 2",
    )
    .action(async (ref: string, tag: string, target: string | undefined, opts: ModelsTagOptions) => {
      const modes = [target !== undefined, Boolean(opts.rollback), Boolean(opts.delete)].filter(
        Boolean,
      ).length;
      if (modes !== 1)
        throw usageError("give exactly one of a target (version id or tag), --rollback or --delete");
      if (opts.steps !== undefined && !opts.rollback) throw usageError("--steps goes with --rollback");
      if (opts.force && !opts.reason) throw usageError("--force needs --reason: say why, for the audit log");
      const { client, stored } = connect(opts);
      const model = await resolveModel(client, ref, { ...opts, project: projectRef(opts, stored) });
      if (target !== undefined) return moveTo(client, model.id, tag, target, opts);
      if (opts.dryRun) throw usageError("--dry-run goes with a target");
      if (opts.delete) {
        const current = (await client.models.tags.list(model.id)).find((t) => t.tag === tag);
        await client.models.tags.delete(model.id, tag);
        if (opts.json)
          return printJson({
            deleted: true,
            model_id: model.id,
            tag,
            version_id: current?.version_id ?? null,
          });
        return say(
          `Deleted tag ${tag} of ${model.name}${current ? ` (it pointed to ${current.version_id})` : ""}.`,
        );
      }
      const moved = await client.models.tags.rollback(model.id, tag, {
        steps: opts.steps ?? 1,
        force: Boolean(opts.force),
        reason: opts.reason,
      });
      if (opts.json) return printJson(moved);
      printMove(moved, "rolled back");
    });
}
