export * from "./export-evaluation-preferences.js";
export * from "./get-evaluation-win-rate.js";
export * from "./list-evaluation-ratings.js";
export * from "./prompt-outcomes.js";
export * from "./rate-evaluation-sample.js";
