export * from "./seed.js";
export * from "./test-database.js";
export * from "./unwired-ports.js";
