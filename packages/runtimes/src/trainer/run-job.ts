import { readFileSync } from "node:fs";
import { dirname, isAbsolute, resolve } from "node:path";
import { TrainJobSpec } from "@infera/contracts";
import type { Emitter } from "../protocol/emitter.js";
import { TrainerFailure } from "./errors.js";
import { type TrainResult, train } from "./train.js";

/** Reads and validates a spec file; relative paths are relative to the spec file. */
export function loadSpec(
  path: string,
  overrides: { output_dir?: string; resume_from?: string } = {},
): TrainJobSpec {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new TrainerFailure(
      "invalid_spec",
      `cannot read job spec ${path}: ${(error as Error).message}`,
      "Pass a JSON job spec with --spec.",
    );
  }
  const parsed = TrainJobSpec.safeParse({ ...(raw as object), ...overrides });
  if (!parsed.success) {
    throw new TrainerFailure(
      "invalid_spec",
      `invalid job spec: ${parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ")}`,
      "See docs/runtime-protocol.md for the job spec fields.",
    );
  }
  const spec = parsed.data;
  const dir = dirname(resolve(path));
  const abs = (p: string) => (isAbsolute(p) ? p : resolve(dir, p));
  return {
    ...spec,
    base_model: abs(spec.base_model),
    output_dir: overrides.output_dir ? resolve(overrides.output_dir) : abs(spec.output_dir),
    data: {
      ...spec.data,
      train: abs(spec.data.train),
      validation: spec.data.validation ? abs(spec.data.validation) : undefined,
    },
    // A path given on the command line is relative to the working directory, one in the file to the file.
    resume_from:
      spec.resume_from && spec.resume_from !== "latest"
        ? overrides.resume_from
          ? resolve(overrides.resume_from)
          : abs(spec.resume_from)
        : spec.resume_from,
  };
}

/**
 * Runs a job and reports its end on the protocol: `completed`, or `failed` with a classified reason.
 * Returns the process exit code (0 completed, 1 failed, 143 canceled).
 */
export async function runJob(opts: {
  spec: TrainJobSpec;
  emitter: Emitter;
  shouldStop?: () => boolean;
}): Promise<{ exitCode: number; result?: TrainResult }> {
  try {
    const result = await train(opts);
    opts.emitter.emit({
      type: "completed",
      step: result.step,
      ...(result.finalLoss !== undefined ? { final_loss: result.finalLoss } : {}),
      ...(result.bestEvalLoss !== undefined ? { best_eval_loss: result.bestEvalLoss } : {}),
      stopped_early: result.stoppedEarly,
      output_dir: result.outputDir,
    });
    return { exitCode: 0, result };
  } catch (error) {
    emitFailure(opts.emitter, error);
    return { exitCode: error instanceof TrainerFailure && error.reason === "canceled" ? 143 : 1 };
  }
}

export function emitFailure(emitter: Emitter, error: unknown): void {
  if (error instanceof TrainerFailure) {
    emitter.emit({
      type: "failed",
      reason: error.reason,
      message: error.message,
      ...(error.suggestion ? { suggestion: error.suggestion } : {}),
      ...(error.step !== undefined ? { step: error.step } : {}),
    });
    return;
  }
  const message = error instanceof Error ? error.message : String(error);
  // TF.js/WASM allocation failures surface as plain errors.
  if (
    /out of memory|Cannot allocate|memory access out of bounds|Array buffer allocation failed/i.test(message)
  ) {
    emitter.emit({
      type: "failed",
      reason: "out_of_memory",
      message,
      suggestion: "Lower batch_size or max_length, or use method lora.",
    });
    return;
  }
  emitter.emit({
    type: "failed",
    reason: "internal",
    message,
    suggestion: "This is a bug in the runtime; report it with the log.",
  });
}
