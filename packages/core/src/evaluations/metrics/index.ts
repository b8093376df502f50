export * from "./bootstrap.js";
export * from "./score-sample.js";
export * from "./summarize-metrics.js";
