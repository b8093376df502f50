import type { Command } from "commander";
import { note, printJson } from "../../lib/output.js";
import { jobCommand } from "./create.js";

/** `infera finetune validate`: create's dry run, with the same flags; nothing is submitted. */
export function finetuneValidateCommand(): Command {
  return jobCommand(
    "validate",
    "check a fine-tuning job without submitting it (same flags and --from-file as create): the ids it resolves to, warnings, and the estimate",
    async (client, projectId, config, opts) => {
      // Bad fields answer exit 2 with their names, as create would.
      const dry = await client.fineTuning.jobs.validate(projectId, config);
      if (opts.json) return printJson(dry);
      const r = dry.resolved;
      const e = dry.estimate;
      const lines = [
        `base model        ${r.base_model_id} (version ${r.base_model_version_id})`,
        `dataset           ${r.dataset_id} (version ${r.dataset_version_id})`,
        ...(r.validation_dataset_version_id ? [`validation        ${r.validation_dataset_version_id}`] : []),
        `output model      ${r.output_model_id ?? `${r.output_model_name} (new)`}`,
        `records           ${e.train_records} train, ${e.validation_records} validation`,
        `steps             ${e.steps_per_epoch} per epoch, ${e.total_steps} in all`,
        ...(e.tokens_per_epoch !== null ? [`tokens per epoch  ${e.tokens_per_epoch}`] : []),
        `duration          ${e.duration_seconds === null ? "unknown until a job like it has succeeded" : `about ${Math.ceil(e.duration_seconds)} s (from ${e.based_on_jobs} jobs)`}`,
        ...(e.cost ? [`cost              about ${e.cost.amount} ${e.cost.currency}`] : []),
      ];
      process.stdout.write(`${lines.join("\n")}\n`);
      for (const w of dry.warnings) note(`warning [${w.code}]: ${w.message}`);
      note(
        dry.warnings.length
          ? "Valid, with warnings."
          : "Valid: `infera finetune create` with the same flags submits it.",
      );
    },
  );
}
