import { Command } from "commander";
import { usageError } from "../lib/cli-error.js";
import { runServer } from "./up.js";

export const roles = ["api", "gateway", "worker"] as const;
export type Role = (typeof roles)[number];

export function parseRoles(value: string): Role[] {
  const asked = [
    ...new Set(
      value
        .split(",")
        .map((r) => r.trim())
        .filter(Boolean),
    ),
  ];
  const unknown = asked.filter((r) => !(roles as readonly string[]).includes(r));
  if (unknown.length) throw usageError(`unknown role ${unknown.join(", ")}: choose from ${roles.join(", ")}`);
  if (asked.length === 0) throw usageError(`--role needs at least one of ${roles.join(", ")}`);
  return asked as Role[];
}

export function serveCommand(): Command {
  return new Command("serve")
    .description("run some of Infera's roles in this process, for clusters (api, gateway, worker)")
    .option("--role <roles>", "comma-separated roles: api, gateway, worker", "api,gateway,worker")
    .option("--json", "print JSON lines instead of the banner")
    .addHelpText(
      "after",
      "\nThe gateway role serves the OpenAI-compatible /v1 (on the API's port when both run; alone, with\n/healthz, /readyz and /metrics). A process with the worker role runs the queue's jobs and the\nreplicas of services; a worker without the api or gateway role opens no port.\nSeveral machines share one PostgreSQL (DATABASE_URL); with the embedded PGlite only one process\ncan open the data directory, so run every role there in one process (infera up).",
    )
    .action(async (opts: { role: string; json?: boolean }) => {
      await runServer({ json: opts.json, roles: parseRoles(opts.role) });
    });
}
