export * from "./gates/decide-gate.js";
export * from "./metrics/index.js";
export * from "./ratings/index.js";
export * from "./run/insert-evaluation-run.js";
