import type { FineTuneJob, FineTuneJobDetail, JobTransition } from "@infera/contracts";
import { fmtTime, printTable, say } from "./output.js";

/** `1h 02m`, `3m 05s`, `12s`: a duration for people. */
export function fmtDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${String(s % 60).padStart(2, "0")}s`;
  return `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, "0")}m`;
}

/** Where a queued job stands: `#3, ~2m 10s`, or empty when the scheduler has not said yet. */
export function queueText(job: FineTuneJob): string {
  if (job.status !== "queued" || job.queue_position === null) return "";
  return job.eta_seconds === null
    ? `#${job.queue_position}`
    : `#${job.queue_position}, ~${fmtDuration(job.eta_seconds * 1000)}`;
}

/** One transition as a line: `2026-… queued → canceled (canceled)`. */
export function transitionLine(
  t: Pick<JobTransition, "at" | "reason"> & { from: string | null; to: string },
): string {
  return `${fmtTime(t.at)}  ${t.from ? `${t.from} → ` : ""}${t.to}  (${t.reason})`;
}

/**
 * The timeline with how long the job stayed in each state: until the next transition, or until
 * now for the current state of a job that has not finished.
 */
export function printTimeline(job: FineTuneJobDetail, now = Date.now()): void {
  const finished = job.finished_at !== null && ["succeeded", "failed", "canceled"].includes(job.status);
  printTable(
    ["#", "at", "from", "to", "reason", "stayed"],
    job.transitions.map((t, i) => {
      const next = job.transitions[i + 1];
      const end = next ? Date.parse(next.at) : finished ? null : now;
      return [
        t.seq,
        fmtTime(t.at),
        t.from ?? "",
        t.to,
        t.reason,
        end === null ? "" : `${fmtDuration(end - Date.parse(t.at))}${next ? "" : " so far"}`,
      ];
    }),
  );
}

/** The job's failure with what to change, when it failed. */
export function printFailure(job: FineTuneJob): void {
  if (!job.failure) return;
  say(`failure      ${job.failure.reason}: ${job.failure.message}`);
  if (job.failure.suggestion) say(`suggestion   ${job.failure.suggestion}`);
}

/** The short summary printed after create, cancel, retry and clone. */
export function printJobSummary(job: FineTuneJob): void {
  const rows: [string, string][] = [
    ["job", `${job.name ? `${job.name} ` : ""}(${job.id})`],
    ["status", `${job.status}${queueText(job) ? ` (${queueText(job)})` : ""}`],
    ["base model", `${job.base_model_id} version ${job.base_model_version_id}`],
    ["dataset", `${job.dataset_id} version ${job.dataset_version_id}`],
    [
      "training",
      `${job.stage} ${job.method}${job.method === "lora" ? ` r=${job.config.lora.rank}` : ""}, ${job.config.epochs} epoch(s), batch ${job.config.batch_size}, lr ${job.config.learning_rate}`,
    ],
    [
      "resources",
      `${job.resource_class}${job.gpu_count ? ` × ${job.gpu_count} GPU` : ""}, priority ${job.priority}`,
    ],
    ["output", `${job.output_model_name ?? job.output_model_id ?? ""} (${job.artifact_type})`],
    ["attempt", String(job.attempt)],
  ];
  const w = Math.max(...rows.map(([k]) => k.length));
  for (const [k, v] of rows) say(`${k.padEnd(w)}  ${v}`);
  printFailure(job);
}
