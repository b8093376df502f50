export { type ExactMatchResult, exactMatch, type LossResult, lossOnSplit } from "./evaluate.js";
export { type EvalModel, loadEvalModel } from "./load.js";
