export { AdamW, clipByGlobalNorm } from "./adamw.js";
export { type BaseModel, loadBaseModel, sha256Of } from "./base-model.js";
export { type CheckpointState, listCheckpoints, readCheckpoint } from "./checkpoint.js";
export { TrainerFailure } from "./errors.js";
export { estimateMemory, type MemoryEstimate, memorySuggestion } from "./memory.js";
export { deriveRng, Rng } from "./rng.js";
export { emitFailure, loadSpec, runJob } from "./run-job.js";
export { learningRateAt } from "./schedule.js";
export { RUNTIME_NAME, RUNTIME_VERSION, type TrainOptions, type TrainResult, train } from "./train.js";
