import type { RuntimeEvent } from "@infera/contracts";
import { compact, intStep, isRecord, num, perplexityOf } from "./fields.js";

export interface MapContext {
  time: string;
  totalSteps?: number;
}

const TRAIN_SUMMARY_KEYS = [
  "train_runtime",
  "train_samples_per_second",
  "train_steps_per_second",
  "total_flos",
];

/**
 * One entry of a Hugging Face Trainer `state.log_history` (trainer_state.json). Training entries carry
 * loss, learning_rate, grad_norm, epoch, step; evaluation entries eval_loss and eval_* figures; the
 * last entry train_runtime, train_loss and throughput.
 */
export function fromHfLogEntry(entry: Record<string, unknown>, ctx: MapContext): RuntimeEvent[] {
  const step = intStep(entry.step) ?? 0;
  const epoch = num(entry.epoch);
  const events: RuntimeEvent[] = [];
  const isSummary = TRAIN_SUMMARY_KEYS.some((k) => k in entry);
  const extra: Record<string, number> = {};
  for (const [key, value] of Object.entries(entry)) {
    const n = num(value);
    if (n === undefined) continue;
    if (key.startsWith("eval_") && key !== "eval_loss") extra[key] = n;
    if (isSummary && (TRAIN_SUMMARY_KEYS.includes(key) || key === "train_loss")) extra[key] = n;
    if (key === "num_input_tokens_seen") extra[key] = n;
  }
  const loss = isSummary ? num(entry.train_loss) : num(entry.loss);
  const evalLoss = num(entry.eval_loss);
  const learningRate = num(entry.learning_rate);
  const gradNorm = num(entry.grad_norm);
  const tokensPerSecond = num(entry.train_tokens_per_second);
  if (
    loss !== undefined ||
    evalLoss !== undefined ||
    learningRate !== undefined ||
    gradNorm !== undefined ||
    Object.keys(extra).length > 0
  ) {
    events.push(
      compact({
        type: "metrics" as const,
        time: ctx.time,
        step,
        epoch,
        loss,
        eval_loss: evalLoss,
        perplexity: perplexityOf(evalLoss ?? loss),
        learning_rate: learningRate,
        grad_norm: gradNorm,
        tokens_per_second: tokensPerSecond,
        extra: Object.keys(extra).length > 0 ? extra : undefined,
      }),
    );
  }
  if (ctx.totalSteps !== undefined && ctx.totalSteps > 0 && !isSummary && evalLoss === undefined) {
    events.push({
      type: "progress",
      time: ctx.time,
      step,
      total_steps: ctx.totalSteps,
      epoch: epoch ?? 0,
      eta_seconds: null,
      percentage: Math.min(100, (step / ctx.totalSteps) * 100),
    });
  }
  return events;
}

/** A whole trainer_state.json: its log_history mapped with max_steps as the total. */
export function fromHfTrainerState(state: Record<string, unknown>, time: string): RuntimeEvent[] {
  const history = Array.isArray(state.log_history) ? state.log_history : [];
  const totalSteps = intStep(state.max_steps);
  return history.filter(isRecord).flatMap((entry) => fromHfLogEntry(entry, { time, totalSteps }));
}

export function looksLikeHfLogEntry(record: Record<string, unknown>): boolean {
  return (
    "step" in record &&
    ["loss", "eval_loss", "learning_rate", "grad_norm", "train_runtime", "train_loss"].some(
      (k) => k in record,
    )
  );
}
