import type { RuntimeEvent } from "@infera/contracts";
import { parseDurationSeconds } from "./durations.js";
import { compact, GIB, intStep, num, perplexityOf } from "./fields.js";

/**
 * One record of LLaMA-Factory's `trainer_log.jsonl` (its LogCallback): current_steps, total_steps,
 * loss, eval_loss, predict_loss, reward, accuracy, lr, epoch, percentage, elapsed_time,
 * remaining_time, and when available throughput (tokens/s), total_tokens, vram_allocated/vram_reserved (GiB).
 */
export function fromLlamaFactoryRecord(record: Record<string, unknown>, time: string): RuntimeEvent[] {
  const step = intStep(record.current_steps) ?? 0;
  const totalSteps = intStep(record.total_steps) ?? 0;
  const epoch = num(record.epoch);
  const events: RuntimeEvent[] = [];
  const elapsed = parseDurationSeconds(record.elapsed_time);
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
      elapsed_seconds: elapsed,
    }),
  );
  const loss = num(record.loss);
  const evalLoss = num(record.eval_loss);
  const learningRate = num(record.lr);
  const extra: Record<string, number> = {};
  for (const key of ["predict_loss", "reward", "accuracy", "total_tokens", "vram_reserved"]) {
    const n = num(record[key]);
    if (n !== undefined) extra[key] = n;
  }
  if (
    loss !== undefined ||
    evalLoss !== undefined ||
    learningRate !== undefined ||
    Object.keys(extra).length
  ) {
    const vram = num(record.vram_allocated);
    events.push(
      compact({
        type: "metrics" as const,
        time,
        step,
        epoch,
        loss,
        eval_loss: evalLoss,
        perplexity: perplexityOf(evalLoss ?? loss),
        learning_rate: learningRate,
        tokens_per_second: num(record.throughput),
        memory_bytes: vram === undefined ? undefined : Math.round(vram * GIB),
        extra: Object.keys(extra).length > 0 ? extra : undefined,
      }),
    );
  }
  return events;
}

export function looksLikeLlamaFactoryRecord(record: Record<string, unknown>): boolean {
  return "current_steps" in record && "total_steps" in record;
}
