export * from "./gates/create-gate-rule.js";
export * from "./gates/decide-gate.js";
export * from "./gates/delete-gate-rule.js";
export * from "./gates/list-gate-rules.js";
export * from "./gates/metric-range.js";
export * from "./gates/to-gate-rule.js";
export * from "./metrics/index.js";
export * from "./run/insert-evaluation-run.js";
