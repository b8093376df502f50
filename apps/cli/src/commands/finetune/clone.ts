import type { CloneFineTuneJobInput } from "@infera/contracts";
import { Command } from "commander";
import { usageError } from "../../lib/cli-error.js";
import { connect } from "../../lib/connection.js";
import { printJobSummary } from "../../lib/job-output.js";
import { withConnection } from "../../lib/options.js";
import { note, printJson } from "../../lib/output.js";

/** `key=value`: the value as JSON when it reads as JSON (numbers, true, arrays), else as text. */
function parseSetting(raw: string): [string[], unknown] {
  const eq = raw.indexOf("=");
  if (eq <= 0) throw usageError(`--set ${raw}: write key=value (e.g. learning_rate=5e-4, lora.rank=16)`);
  const path = raw.slice(0, eq).split(".");
  if (path.some((p) => p === "")) throw usageError(`--set ${raw}: the key has an empty part`);
  const text = raw.slice(eq + 1);
  try {
    return [path, JSON.parse(text)];
  } catch {
    return [path, text];
  }
}

const collect = (value: string, previous: string[]) => [...previous, value];

export function finetuneCloneCommand(): Command {
  return withConnection(new Command("clone"))
    .description(
      "a new job from another's configuration, with fields replaced: --set learning_rate=5e-4 --set lora.rank=16 (a dotted key changes one field of lora, output or budget and keeps the rest)",
    )
    .argument("<job>", "the job to copy (ftj_…)")
    .option("--set <key=value>", "a field to replace (repeatable)", collect, [] as string[])
    .option(
      "--fix",
      "fix and clone: apply the failed job's suggested fix (e.g. out of memory: half the batch, twice the accumulation) before any --set",
    )
    .action(async (jobId: string, opts: { url?: string; json?: boolean; set: string[]; fix?: boolean }) => {
      const { client } = connect(opts);
      const overrides: Record<string, unknown> = {};
      if (opts.fix) {
        const failed = await client.fineTuning.jobs.get(jobId);
        const fix = failed.failure?.fix;
        if (!fix)
          throw usageError(
            failed.failure
              ? `${jobId} failed with ${failed.failure.reason}, which has no mechanical fix: ${failed.failure.suggestion ?? "see its logs"}`
              : `${jobId} is ${failed.status}: only a failed job has a fix to apply`,
          );
        Object.assign(overrides, structuredClone(fix.patch));
        for (const c of fix.changes)
          note(`fix: ${c.field} ${JSON.stringify(c.from)} → ${JSON.stringify(c.to)}`);
      }
      const settings = opts.set.map(parseSetting);
      // The API replaces nested objects whole, so a dotted key starts from the source's object.
      const source = settings.some(([p]) => p.length > 1) ? await client.fineTuning.jobs.config(jobId) : null;
      for (const [path, value] of settings) {
        if (path.length === 1) {
          overrides[path[0]!] = value;
          continue;
        }
        let node = overrides;
        let from = source as Record<string, unknown> | null;
        for (const key of path.slice(0, -1)) {
          const base = from?.[key];
          if (typeof node[key] !== "object" || node[key] === null)
            node[key] = typeof base === "object" && base !== null ? structuredClone(base) : {};
          node = node[key] as Record<string, unknown>;
          from = typeof base === "object" && base !== null ? (base as Record<string, unknown>) : null;
        }
        node[path.at(-1)!] = value;
      }
      // A new output model name replaces the source's output target rather than adding a second.
      const out = overrides.output as Record<string, unknown> | undefined;
      if (out && opts.set.some((s) => s.startsWith("output.model_name="))) delete out.model_id;
      if (out && opts.set.some((s) => s.startsWith("output.model_id="))) delete out.model_name;
      // The server checks each field and names a bad one (exit 2).
      const job = await client.fineTuning.jobs.clone(jobId, overrides as CloneFineTuneJobInput);
      if (opts.json) return printJson(job);
      printJobSummary(job);
      note(`Follow it: infera finetune watch ${job.id}`);
    });
}
