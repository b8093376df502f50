/**
 * A real server in a process of its own, for tests that kill it (`kill -9`) and start another on
 * the same database and folders. Configured by the environment like production; prints
 * `LISTENING <url>` once it serves. Run: `node --import tsx server-process.ts`.
 */
import pino from "pino";
import { loadConfig } from "../config.js";
import { startServer } from "../main.js";
import { testPasswordCost } from "./test-server.js";

const server = await startServer(loadConfig(process.env), {
  log: pino({ level: process.env.INFERA_TEST_LOG ?? "warn" }),
  settings: { passwordHashCost: testPasswordCost },
  systemModelDir: null,
});
console.log(`LISTENING ${server.url}`);
process.on("SIGTERM", () => void server.stop().then(() => process.exit(0)));
