import { readFileSync } from "node:fs";
import { usageError } from "./cli-error.js";

/** The configuration file (what `infera finetune config <job>` prints), as an object. */
export function readConfigFile(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    throw usageError(`cannot read ${path}: ${(err as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw usageError(`${path} is not JSON: ${(err as Error).message}`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
    throw usageError(`${path} must hold one JSON object (a job's configuration)`);
  // `infera finetune config --json` wraps nothing, but a saved job detail has the config inside.
  const obj = parsed as Record<string, unknown>;
  return typeof obj.config === "object" && obj.config !== null && "id" in obj
    ? (obj.config as Record<string, unknown>)
    : obj;
}
