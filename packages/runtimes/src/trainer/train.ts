import { createHash } from "node:crypto";
import { closeSync, openSync, readSync } from "node:fs";
import { freemem } from "node:os";
import { join } from "node:path";
import type { TrainJobSpec } from "@infera/contracts";
import * as tf from "@tensorflow/tfjs";
import { DataOrder, type DataPosition, type Example, makeMicroBatch } from "../data/batches.js";
import { type EncodedDataset, encodeDataset } from "../data/encode.js";
import { readDataset } from "../data/records.js";
import { initLora, type LoraSpec } from "../model/index.js";
import type { Emitter } from "../protocol/emitter.js";
import { AdamW, clipByGlobalNorm } from "./adamw.js";
import { type BaseModel, loadBaseModel } from "./base-model.js";
import {
  type CheckpointState,
  listCheckpoints,
  readCheckpoint,
  removeStaleTemporaries,
  writeCheckpoint,
} from "./checkpoint.js";
import { TrainerFailure } from "./errors.js";
import { estimateMemory, memorySuggestion } from "./memory.js";
import { exportOutputs } from "./outputs.js";
import { deriveRng, Rng } from "./rng.js";
import { RUNTIME_NAME, RUNTIME_VERSION } from "./runtime-identity.js";
import { learningRateAt, warmupStepsOf } from "./schedule.js";
import { accumulateGradients, evaluateLoss, type TrainModel } from "./step.js";

export { RUNTIME_NAME, RUNTIME_VERSION };

export interface TrainOptions {
  spec: TrainJobSpec;
  emitter: Emitter;
  /** Polled between steps; true after SIGTERM. */
  shouldStop?: () => boolean;
  now?: () => number;
}

export interface TrainResult {
  step: number;
  finalLoss?: number;
  bestEvalLoss?: number;
  stoppedEarly: boolean;
  outputDir: string;
}

const GPU_RUNTIMES = "the Hugging Face + PEFT, ms-swift and LLaMA-Factory GPU runtimes";

function checkSupported(spec: TrainJobSpec): void {
  if (spec.precision !== "fp32") {
    throw new TrainerFailure(
      "unsupported",
      `precision ${spec.precision} is not supported by the reference runtime, which trains in fp32 on the CPU`,
      `Use precision fp32 here, or run the job on ${GPU_RUNTIMES}, which support bf16 and fp16.`,
    );
  }
}

function splitValidation(spec: TrainJobSpec, train: Example[]): { train: Example[]; validation: Example[] } {
  if (!spec.data.validation_split) return { train, validation: [] };
  const order = deriveRng(spec.seed, 2).permutation(train.length);
  const n = Math.max(1, Math.round(train.length * spec.data.validation_split));
  if (n >= train.length)
    throw new TrainerFailure(
      "data_format",
      "validation_split leaves no training records",
      "Lower validation_split.",
    );
  const held = new Set(order.slice(0, n));
  return { train: train.filter((_, i) => !held.has(i)), validation: train.filter((_, i) => held.has(i)) };
}

function encodeFile(path: string, spec: TrainJobSpec, base: BaseModel): EncodedDataset {
  return encodeDataset(readDataset(path, spec.stage), {
    stage: spec.stage,
    tokenizer: base.tokenizer,
    maxLength: Math.min(spec.max_length, base.config.maxSeqLen),
    systemPrompt: spec.system_prompt,
    file: path.split("/").pop() ?? path,
  });
}

/**
 * Hyper-parameters and data that must not change across a resume, or the curve would not be the
 * same run. Paths are left out: a job resumed on another node lays out the same files in another
 * folder. The data files count by their content; the base model by its digest (checked beside).
 */
function specFingerprint(spec: TrainJobSpec): string {
  const {
    checkpoint: _c,
    resume_from: _r,
    memory_budget_bytes: _m,
    output_dir: _o,
    log_every_steps: _l,
    base_model: _b,
    data: { train, validation, ...data },
    ...rest
  } = spec;
  const files = {
    train_sha256: fileSha256(train),
    validation_sha256: validation ? fileSha256(validation) : null,
  };
  return createHash("sha256")
    .update(JSON.stringify({ ...rest, data: { ...data, ...files } }))
    .digest("hex");
}

/** The fingerprint of checkpoints written before paths were left out: resumable where they were written. */
function pathFingerprint(spec: TrainJobSpec): string {
  const {
    checkpoint: _c,
    resume_from: _r,
    memory_budget_bytes: _m,
    output_dir: _o,
    log_every_steps: _l,
    ...rest
  } = spec;
  return createHash("sha256").update(JSON.stringify(rest)).digest("hex");
}

function fileSha256(path: string): string {
  const hash = createHash("sha256");
  const fd = openSync(path, "r");
  const buf = Buffer.alloc(1 << 20);
  try {
    for (let n = readSync(fd, buf); n > 0; n = readSync(fd, buf)) hash.update(buf.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return hash.digest("hex");
}

function resolveResume(spec: TrainJobSpec, checkpointDir: string): string | undefined {
  if (!spec.resume_from) return undefined;
  if (spec.resume_from !== "latest") return spec.resume_from;
  return listCheckpoints(checkpointDir).pop();
}

export async function train(opts: TrainOptions): Promise<TrainResult> {
  const { spec } = opts;
  checkSupported(spec);

  const base = await loadBaseModel(spec.base_model);
  const owned: Record<string, tf.Variable>[] = [base.weights];
  try {
    return await trainWith(opts, base, owned);
  } finally {
    for (const vars of owned) for (const v of Object.values(vars)) v.dispose();
  }
}

async function trainWith(
  opts: TrainOptions,
  base: BaseModel,
  owned: Record<string, tf.Variable>[],
): Promise<TrainResult> {
  const { spec, emitter } = opts;
  const now = opts.now ?? (() => Date.now());
  if (spec.tokenizer_sha256 && spec.tokenizer_sha256 !== base.tokenizerSha256) {
    throw new TrainerFailure(
      "tokenizer_mismatch",
      `the dataset was prepared for tokenizer ${spec.tokenizer_sha256.slice(0, 12)}…, but the base model's tokenizer is ${base.tokenizerSha256.slice(0, 12)}…`,
      "Prepare the dataset with the base model's tokenizer (or pick the base model it was prepared for), then update tokenizer_sha256.",
    );
  }

  const trainSet = encodeFile(spec.data.train, spec, base);
  let validation: Example[] = [];
  let train = trainSet.examples;
  if (spec.data.validation) validation = encodeFile(spec.data.validation, spec, base).examples;
  else ({ train, validation } = splitValidation(spec, train));
  if (train.length === 0)
    throw new TrainerFailure(
      "data_format",
      "no trainable records after tokenization",
      "Check max_length and the records.",
    );
  if (trainSet.truncated > 0) {
    emitter.emit({
      type: "log",
      level: "warn",
      message: `${trainSet.truncated} of ${trainSet.examples.length + trainSet.dropped} records were longer than max_length ${spec.max_length} and were truncated${trainSet.dropped ? `; ${trainSet.dropped} had nothing left to learn and were skipped` : ""}`,
    });
  }

  if (
    validation.length === 0 &&
    (spec.eval_steps !== undefined || spec.early_stopping_patience !== undefined)
  ) {
    emitter.emit({
      type: "log",
      level: "warn",
      message:
        "eval_steps / early_stopping_patience need validation data (data.validation or data.validation_split); evaluation is off",
    });
  }
  const order = new DataOrder(train.length, spec.seed);
  const microPerStep = spec.gradient_accumulation_steps;
  const totalSteps =
    spec.max_steps ??
    Math.max(1, Math.ceil((spec.epochs * order.batchesPerEpoch(spec.batch_size)) / microPerStep));
  const stepsPerEpoch = order.batchesPerEpoch(spec.batch_size) / microPerStep;
  const schedule = {
    learningRate: spec.learning_rate,
    totalSteps,
    warmupSteps: warmupStepsOf(spec, totalSteps),
    scheduler: spec.scheduler,
  };

  const loraSpec: LoraSpec | undefined =
    spec.method === "lora"
      ? {
          rank: spec.lora.rank,
          alpha: spec.lora.alpha,
          dropout: spec.lora.dropout,
          targetModules: [...spec.lora.target_modules],
        }
      : undefined;
  const loraWeights = loraSpec ? initLora(base.config, loraSpec, spec.seed) : undefined;
  if (loraWeights) owned.push(loraWeights);
  const model: TrainModel = {
    config: base.config,
    base: base.weights,
    lora: loraSpec && loraWeights ? { weights: loraWeights, spec: loraSpec } : undefined,
    trainable: loraWeights ?? base.weights,
  };
  const countOf = (vars: Record<string, tf.Variable>) => Object.values(vars).reduce((s, v) => s + v.size, 0);
  const totalParams = countOf(base.weights) + (loraWeights ? countOf(loraWeights) : 0);
  const trainableParams = countOf(model.trainable);

  const seqLen = Math.min(spec.max_length, Math.max(...train.map((e) => e.ids.length)));
  const estimate = estimateMemory({
    model: base.config,
    totalParams,
    trainableParams,
    batchSize: spec.batch_size,
    seqLen,
    baselineBytes: process.memoryUsage().rss,
    budgetBytes: spec.memory_budget_bytes,
    availableBytes: freemem() + process.memoryUsage().rss,
  });
  emitter.emit({ type: "estimate", ...estimate });
  const oomSuggestion = memorySuggestion({ method: spec.method, batchSize: spec.batch_size, seqLen });
  if (estimate.verdict === "will_not_fit") {
    throw new TrainerFailure("out_of_memory", `refused before training: ${estimate.summary}`, oomSuggestion);
  }

  const optimizer = new AdamW(model.trainable, {
    beta1: spec.adam_beta1,
    beta2: spec.adam_beta2,
    epsilon: spec.adam_epsilon,
    weightDecay: spec.weight_decay,
    noDecay: (name) => name.endsWith("norm.weight"),
  });
  owned.push(Object.fromEntries([...optimizer.m, ...optimizer.v].map(([k, v], i) => [`${i}:${k}`, v])));

  const checkpointDir = join(spec.output_dir, "checkpoints");
  removeStaleTemporaries(checkpointDir);
  const fingerprint = specFingerprint(spec);
  let step = 0;
  let rng = new Rng(spec.seed);
  let position: DataPosition = { epoch: 0, index: 0 };
  let bestLoss: number | null = null;
  let bestEvalLoss: number | null = null;
  let evalsWithoutImprovement = 0;
  let tokensSeen = 0;
  const resumePath = resolveResume(spec, checkpointDir);
  if (spec.resume_from && !resumePath) {
    emitter.emit({
      type: "log",
      level: "warn",
      message: `no checkpoint in ${checkpointDir}: starting from step 0`,
    });
  }
  if (resumePath) {
    const ckpt = readCheckpoint(resumePath);
    const sameRun =
      ckpt.state.spec_fingerprint === fingerprint || ckpt.state.spec_fingerprint === pathFingerprint(spec);
    if (!sameRun || ckpt.state.base_model_sha256 !== base.modelSha256) {
      throw new TrainerFailure(
        "invalid_spec",
        `checkpoint ${resumePath} was written by a run with different hyper-parameters, data or base model`,
        "Resume with the same job spec (only checkpoint settings, memory budget and resume_from may change), or start a new run.",
      );
    }
    for (const [name, v] of Object.entries(model.trainable)) {
      const t = ckpt.weights[name];
      if (!t) throw new TrainerFailure("internal", `checkpoint lacks tensor ${name}`);
      tf.tidy(() => {
        v.assign(tf.tensor(t.data, t.shape));
        optimizer.m.get(name)!.assign(tf.tensor(ckpt.moments[`m/${name}`]!.data, t.shape));
        optimizer.v.get(name)!.assign(tf.tensor(ckpt.moments[`v/${name}`]!.data, t.shape));
      });
    }
    optimizer.step = ckpt.state.optimizer_step;
    step = ckpt.state.step;
    rng = new Rng(ckpt.state.rng);
    position = ckpt.state.data;
    bestLoss = ckpt.state.best_loss;
    bestEvalLoss = ckpt.state.best_eval_loss;
    evalsWithoutImprovement = ckpt.state.evals_without_improvement;
    tokensSeen = ckpt.state.tokens_seen;
  }

  emitter.emit({
    type: "started",
    protocol_version: 1,
    runtime: RUNTIME_NAME,
    runtime_version: RUNTIME_VERSION,
    stage: spec.stage,
    method: spec.method,
    total_steps: totalSteps,
    ...(resumePath ? { resumed_from_step: step } : {}),
    pid: process.pid,
  });
  emitter.emit({
    type: "log",
    level: "info",
    message: `${train.length} training and ${validation.length} validation examples; ${trainableParams.toLocaleString("en-US")} trainable of ${totalParams.toLocaleString("en-US")} parameters; ${totalSteps} steps`,
  });

  const state = (): CheckpointState => ({
    format: "infera-checkpoint/1",
    step,
    optimizer_step: optimizer.step,
    rng: rng.state(),
    data: position,
    best_loss: bestLoss,
    best_eval_loss: bestEvalLoss,
    evals_without_improvement: evalsWithoutImprovement,
    tokens_seen: tokensSeen,
    method: spec.method,
    base_model_sha256: base.modelSha256,
    spec_fingerprint: fingerprint,
  });
  const checkpoint = async (reason: "steps" | "minutes" | "final" | "canceled") => {
    const path = await writeCheckpoint({
      dir: checkpointDir,
      state: state(),
      trainable: model.trainable,
      optimizer,
      keepLast: spec.checkpoint.keep_last,
    });
    emitter.emit({ type: "checkpoint", path, step, reason });
    lastCheckpointAt = now();
  };

  const evaluate = () => {
    const { loss } = evaluateLoss(model, validation, spec.batch_size, base.tokenizer.eosId);
    return loss;
  };

  const sessionStart = now();
  const sessionStartStep = step;
  let lastCheckpointAt = now();
  let finalLoss: number | undefined;
  let stoppedEarly = false;

  while (step < totalSteps) {
    if (opts.shouldStop?.()) {
      await checkpoint("canceled");
      throw new TrainerFailure(
        "canceled",
        `canceled at step ${step} of ${totalSteps}; a checkpoint was written`,
        'Resume with resume_from: "latest" to continue.',
        step,
      );
    }
    const t0 = now();
    const microBatches = [];
    const seeds = [];
    for (let i = 0; i < microPerStep; i++) {
      const next = order.next(position, spec.batch_size);
      position = next.position;
      microBatches.push(
        makeMicroBatch(
          next.indices.map((j) => train[j]!),
          base.tokenizer.eosId,
        ),
      );
      seeds.push(rng.nextUint32());
    }
    const { loss, grads } = accumulateGradients(model, microBatches, seeds);
    const clipped = clipByGlobalNorm(grads, spec.max_grad_norm);
    const lr = learningRateAt(step + 1, schedule);
    const diverged = !Number.isFinite(loss) || !Number.isFinite(clipped.norm);
    if (!diverged) optimizer.apply(clipped.grads, lr);
    for (const g of Object.values(clipped.grads)) g.dispose();
    step += 1;
    finalLoss = loss;
    const stepTokens = microBatches.reduce((s, mb) => s + mb.tokens, 0);
    tokensSeen += stepTokens;
    const seconds = Math.max(1e-9, (now() - t0) / 1000);

    if (
      diverged ||
      (bestLoss !== null && step > schedule.warmupSteps && loss > spec.divergence_factor * bestLoss)
    ) {
      throw new TrainerFailure(
        "diverged",
        diverged
          ? `the loss became ${loss} at step ${step} (grad norm ${clipped.norm})`
          : `the loss ${loss.toFixed(4)} at step ${step} exceeds ${spec.divergence_factor}× the best loss so far (${bestLoss!.toFixed(4)})`,
        `Lower the learning rate (e.g. ${(spec.learning_rate / 10).toPrecision(2)}), add warmup steps, or set max_grad_norm to clip gradients.`,
        step,
      );
    }
    bestLoss = bestLoss === null ? loss : Math.min(bestLoss, loss);

    const rss = process.memoryUsage().rss;
    if (spec.memory_budget_bytes !== undefined && rss > spec.memory_budget_bytes) {
      throw new TrainerFailure(
        "out_of_memory",
        `resident memory ${rss} bytes exceeded the budget of ${spec.memory_budget_bytes} bytes at step ${step}`,
        oomSuggestion,
        step,
      );
    }
    const epoch = step / stepsPerEpoch;
    const elapsed = (now() - sessionStart) / 1000;
    const done = step - sessionStartStep;
    if (step % spec.log_every_steps === 0 || step === totalSteps) {
      emitter.emit({
        type: "progress",
        step,
        total_steps: totalSteps,
        epoch,
        eta_seconds: done > 0 ? (elapsed / done) * (totalSteps - step) : null,
        percentage: (100 * step) / totalSteps,
        elapsed_seconds: elapsed,
      });
      emitter.emit({
        type: "metrics",
        step,
        epoch,
        loss,
        perplexity: Math.exp(loss),
        learning_rate: lr,
        grad_norm: clipped.norm,
        tokens_per_second: stepTokens / seconds,
        memory_bytes: rss,
        ...(step === 1 || step === sessionStartStep + 1 ? { truncated_records: trainSet.truncated } : {}),
      });
    }

    const evalNow =
      validation.length > 0 &&
      spec.eval_steps !== undefined &&
      (step % spec.eval_steps === 0 || step === totalSteps);
    if (evalNow) {
      const evalLoss = evaluate();
      emitter.emit({ type: "metrics", step, epoch, eval_loss: evalLoss, perplexity: Math.exp(evalLoss) });
      if (!Number.isFinite(evalLoss)) {
        throw new TrainerFailure(
          "diverged",
          `the validation loss became ${evalLoss} at step ${step}`,
          `Lower the learning rate (e.g. ${(spec.learning_rate / 10).toPrecision(2)}).`,
          step,
        );
      }
      if (bestEvalLoss === null || evalLoss < bestEvalLoss) {
        bestEvalLoss = evalLoss;
        evalsWithoutImprovement = 0;
      } else {
        evalsWithoutImprovement += 1;
        if (
          spec.early_stopping_patience !== undefined &&
          evalsWithoutImprovement >= spec.early_stopping_patience
        ) {
          emitter.emit({
            type: "log",
            level: "info",
            message: `early stopping at step ${step}: no validation improvement in ${evalsWithoutImprovement} evaluations (best ${bestEvalLoss.toFixed(4)})`,
          });
          stoppedEarly = true;
        }
      }
    }

    if (stoppedEarly || step === totalSteps) break;
    if (spec.checkpoint.every_steps !== undefined && step % spec.checkpoint.every_steps === 0)
      await checkpoint("steps");
    else if (now() - lastCheckpointAt >= spec.checkpoint.every_minutes * 60_000) await checkpoint("minutes");
    // Let signal handlers run between steps.
    await new Promise((resolve) => setImmediate(resolve));
  }

  await checkpoint("final");
  if (validation.length > 0 && spec.eval_steps === undefined) {
    const evalLoss = evaluate();
    bestEvalLoss = bestEvalLoss === null ? evalLoss : Math.min(bestEvalLoss, evalLoss);
    emitter.emit({ type: "metrics", step, eval_loss: evalLoss, perplexity: Math.exp(evalLoss) });
  }
  await exportOutputs({ spec, base, model, emitter, summary: { step, finalLoss, bestEvalLoss } });
  return {
    step,
    finalLoss,
    bestEvalLoss: bestEvalLoss ?? undefined,
    stoppedEarly,
    outputDir: spec.output_dir,
  };
}
