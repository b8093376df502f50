export * from "./seed.js";
export * from "./test-database.js";
