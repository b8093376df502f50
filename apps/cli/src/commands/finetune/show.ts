import { Command } from "commander";
import { connect } from "../../lib/connection.js";
import { fmtDuration, printFailure, printTimeline, queueText } from "../../lib/job-output.js";
import { progressLine, progressOf } from "../../lib/job-watch.js";
import { withConnection } from "../../lib/options.js";
import { fmtTime, printJson, say } from "../../lib/output.js";

export function finetuneShowCommand(): Command {
  return withConnection(new Command("show"))
    .description(
      "a job: its configuration, the base model version its tag resolved to, the timeline with how long each state lasted, and a failure's reason with what to change",
    )
    .argument("<job>", "job id (ftj_…)")
    .action(async (jobId: string, opts: { url?: string; json?: boolean }) => {
      const { client } = connect(opts);
      const job = await client.fineTuning.jobs.get(jobId);
      if (opts.json) return printJson(job);
      const c = job.config;
      const base =
        "version_id" in c.base_model && c.base_model.version_id
          ? `version ${c.base_model.version_id}`
          : `${job.base_model_id}:${c.base_model.tag ?? "latest"} → version ${job.base_model_version_id}`;
      const rows: [string, string][] = [
        ["job", `${job.name ? `${job.name} ` : ""}(${job.id})`],
        ["project", job.project_id],
        [
          "status",
          `${job.status}${queueText(job) ? ` (queue ${queueText(job)})` : ""}, attempt ${job.attempt}`,
        ],
        ["base model", base],
        [
          "dataset",
          `version ${job.dataset_version_id}${
            job.validation_dataset_version_id
              ? `, validation version ${job.validation_dataset_version_id}`
              : `, validation split ${c.validation_split ?? 0.1}`
          }`,
        ],
        [
          "method",
          `${c.stage} ${c.method}${
            c.method === "lora"
              ? ` (rank ${c.lora.rank}, alpha ${c.lora.alpha}, dropout ${c.lora.dropout}, ${c.lora.target_modules.join(", ")})`
              : ""
          }`,
        ],
        [
          "training",
          `${c.epochs} epoch(s), batch ${c.batch_size} × ${c.gradient_accumulation_steps} accumulation, lr ${c.learning_rate}, max length ${c.max_length}, ${c.precision}, seed ${c.seed}`,
        ],
        [
          "resources",
          `${job.resource_class}${job.gpu_count ? `, ${job.gpu_count} GPU${c.ddp ? " (DDP)" : ""}` : ""}, runtime ${job.runtime}, priority ${job.priority}, checkpoint every ${c.checkpoint_interval_minutes} min`,
        ],
      ];
      if (c.budget)
        rows.push([
          "budget",
          c.budget.gpu_hours !== undefined
            ? `${c.budget.gpu_hours} GPU-hours`
            : `${c.budget.amount} ${c.budget.currency}`,
        ]);
      rows.push(["output", `${job.output_model_name ?? job.output_model_id ?? ""} (${job.artifact_type})`]);
      if (job.result_model_version_id) rows.push(["result version", job.result_model_version_id]);
      const m = job.final_metrics;
      if (m) {
        const n = (v: number | null) => (v === null ? "-" : Number(v.toPrecision(4)).toString());
        rows.push(["final loss", `${n(m.train_loss)} after ${m.steps} steps`]);
        if (m.eval_loss !== null)
          rows.push(["validation", `loss ${n(m.eval_loss)}, perplexity ${n(m.perplexity)}`]);
      }
      const progress = progressOf(job);
      if (progress) rows.push(["progress", progressLine(progress)]);
      rows.push(["created", `${fmtTime(job.created_at)}${job.created_by ? ` by ${job.created_by}` : ""}`]);
      if (job.started_at) rows.push(["started", fmtTime(job.started_at)]);
      if (job.finished_at)
        rows.push([
          "finished",
          `${fmtTime(job.finished_at)} (${fmtDuration(Date.parse(job.finished_at) - Date.parse(job.created_at))} after submission)`,
        ]);
      const w = Math.max(...rows.map(([k]) => k.length));
      for (const [k, v] of rows) say(`${k.padEnd(w)}  ${v}`);
      printFailure(job);
      printTimeline(job);
    });
}
