export * from "./gates/decide-gate.js";
export * from "./metrics/index.js";
