import type { RuntimeEvent } from "@infera/contracts";
import { parseDurationSeconds } from "./durations.js";
import { compact, GIB, intStep, num, perplexityOf } from "./fields.js";

const SWIFT_KEYS = [
  "global_step/max_steps",
  "train_speed(iter/s)",
  "train_speed(s/it)",
  "memory(GiB)",
  "last_model_checkpoint",
];

/**
 * One record of ms-swift's `logging.jsonl`: loss, grad_norm, learning_rate, token_acc, epoch,
 * "global_step/max_steps" ("5/94"), percentage ("5.32%"), elapsed_time / remaining_time ("1m 39s"),
 * "memory(GiB)", "train_speed(iter/s)"; evaluation records eval_loss, eval_token_acc…; the final
 * record last_model_checkpoint, best_model_checkpoint, best_metric, global_step.
 */
export function fromMsSwiftRecord(record: Record<string, unknown>, time: string): RuntimeEvent[] {
  const events: RuntimeEvent[] = [];
  const [stepText, maxText] = String(record["global_step/max_steps"] ?? "").split("/");
  const step = intStep(stepText) ?? intStep(record.global_step) ?? 0;
  const totalSteps = intStep(maxText);
  const epoch = num(record.epoch);
  if (typeof record.last_model_checkpoint === "string") {
    events.push({ type: "checkpoint", time, path: record.last_model_checkpoint, step, reason: "final" });
    return events;
  }
  if (totalSteps !== undefined) {
    const percentage = num(record.percentage);
    events.push(
      compact({
        type: "progress" as const,
        time,
        step,
        total_steps: totalSteps,
        epoch: epoch ?? 0,
        eta_seconds: parseDurationSeconds(record.remaining_time) ?? null,
        percentage: percentage === undefined ? undefined : Math.min(100, Math.max(0, percentage)),
        elapsed_seconds: parseDurationSeconds(record.elapsed_time),
      }),
    );
  }
  const extra: Record<string, number> = {};
  for (const [key, value] of Object.entries(record)) {
    const n = num(value);
    if (n === undefined) continue;
    if (key === "token_acc" || (key.startsWith("eval_") && key !== "eval_loss")) extra[key] = n;
    if (key === "train_speed(iter/s)") extra.steps_per_second = n;
    if (key === "train_speed(s/it)" && n > 0) extra.steps_per_second = 1 / n;
  }
  const loss = num(record.loss);
  const evalLoss = num(record.eval_loss);
  const memory = num(record["memory(GiB)"]);
  if (loss !== undefined || evalLoss !== undefined || Object.keys(extra).length > 0) {
    events.push(
      compact({
        type: "metrics" as const,
        time,
        step,
        epoch,
        loss,
        eval_loss: evalLoss,
        perplexity: perplexityOf(evalLoss ?? loss),
        learning_rate: num(record.learning_rate),
        grad_norm: num(record.grad_norm),
        memory_bytes: memory === undefined ? undefined : Math.round(memory * GIB),
        extra: Object.keys(extra).length > 0 ? extra : undefined,
      }),
    );
  }
  return events;
}

export function looksLikeMsSwiftRecord(record: Record<string, unknown>): boolean {
  return SWIFT_KEYS.some((k) => k in record);
}
