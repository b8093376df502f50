import type { Command } from "commander";
import { note, printJson } from "../../lib/output.js";
import { jobCommand } from "./create.js";

const gib = (bytes: number) => `${(bytes / 1024 ** 3).toFixed(1)} GiB`;

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
        ...(e.gpu_hours !== null ? [`GPU-hours         about ${e.gpu_hours}`] : []),
        ...(e.cost ? [`cost              ${e.cost.low} to ${e.cost.high} ${e.cost.currency}`] : []),
        ...(e.memory.length
          ? [
              "memory",
              ...e.memory.map(
                (m) =>
                  `  ${m.resource_class.padEnd(16)}${gib(m.estimated_bytes)} of ${gib(m.available_bytes)}: ${m.verdict.replace(/_/g, " ")}`,
              ),
            ]
          : ["memory            unknown (the base version's headers give no parameter count)"]),
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
