export * from "./echo-inference-caller.js";
export * from "./queue-world.js";
export * from "./seed.js";
export * from "./seed-side-by-side-run.js";
export * from "./test-database.js";
export * from "./unwired-ports.js";
