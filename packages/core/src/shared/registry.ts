import type { Dependant, GateResult } from "@infera/contracts";
import type { Executor } from "@infera/db";

/** Something a dependant can point at; later features add their own target types. */
export interface ReferenceTarget {
  type: "model" | "model_version" | "dataset" | "dataset_version" | "service";
  id: string;
}

/**
 * What keeps an asset from being deleted. Each feature that stores an asset's id (jobs, services,
 * evaluations, derived versions) registers a kind, so a delete answers resource_in_use with every
 * dependant without this file knowing any feature.
 */
export interface ReferenceKind {
  type: string;
  find(exec: Executor, target: ReferenceTarget): Promise<Dependant[]>;
}

/**
 * What a project holds that deleting it would destroy. Each feature registers a finder for its own
 * resources (service accounts now; models, datasets, jobs, services, keys later), so deleting a
 * project lists all of them without this file knowing any.
 */
export interface HoldingKind {
  type: string;
  find(exec: Executor, projectId: string): Promise<Dependant[]>;
  /** Called inside the delete transaction when cascade was requested. */
  remove(exec: Executor, projectId: string): Promise<void>;
}

/**
 * Something that keeps blobs alive. Each feature that stores digests (model version files, dataset
 * version files, …) registers a kind, so garbage collection knows what is referenced without this
 * file knowing any feature. With no kind registered, nothing is referenced.
 */
export interface BlobReferenceKind {
  type: string;
  /** Which of `sha256s` this kind references (any subset, in any order). */
  referenced(exec: Executor, sha256s: readonly string[]): Promise<Iterable<string>>;
}

export interface ReleaseGateInput {
  modelId: string;
  /** The project that manages the model (null for system models). */
  projectId: string | null;
  tag: string;
  versionId: string;
  /** The gate evaluation run the caller offers as evidence (`SetModelTagInput.evaluation_run_id`). */
  evaluationRunId?: string;
}

/**
 * A check a protected tag must pass before it moves. Evaluation registers its own gate later; the
 * built-in one reads the env policy "prod requires a passing evaluation" (on by default, in force
 * in Prod projects).
 */
export interface ReleaseGate {
  name: string;
  appliesTo(tag: string): boolean;
  check(exec: Executor, input: ReleaseGateInput, registry: CoreRegistry): Promise<GateResult | null>;
}

/**
 * Whether a version has a passing evaluation in its project (the evaluation feature registers one:
 * `evaluations/gates/find-gate-evidence.ts`). Null: no evaluation to speak of. A failing answer
 * carries the sentence the refusal quotes and the run it is about; an offered run that is not
 * usable evidence (another project's, another version's, not a finished gate run) throws.
 */
export type PassingEvaluationFinder = (
  exec: Executor,
  input: ReleaseGateInput,
) => Promise<{ passed: boolean; evaluationRunId: string; reason: string; evidence?: unknown } | null>;

/**
 * What features plug into shared rules: what references a model or dataset, what a project holds,
 * what keeps a blob alive, which gates a protected tag passes. Created by an app's main.ts, filled
 * by explicit register calls there (`registerCoreKinds` for the built-in ones), carried by every
 * ServiceContext (`ctx.registry`). No module-level state: two servers (or tests) never share one.
 */
export interface CoreRegistry {
  referenceKinds: Map<string, ReferenceKind>;
  holdingKinds: Map<string, HoldingKind>;
  blobReferenceKinds: Map<string, BlobReferenceKind>;
  releaseGates: Map<string, ReleaseGate>;
  passingEvaluationFinders: PassingEvaluationFinder[];
}

export function createRegistry(): CoreRegistry {
  return {
    referenceKinds: new Map(),
    holdingKinds: new Map(),
    blobReferenceKinds: new Map(),
    releaseGates: new Map(),
    passingEvaluationFinders: [],
  };
}
