import { Command } from "commander";
import { usageError } from "../lib/cli-error.js";
import { note, say } from "../lib/output.js";
import { runServer } from "./up.js";

export const roles = ["api", "gateway", "worker"] as const;
export type Role = (typeof roles)[number];

/** What each role that has nothing to run yet will do once it ships. */
const notYet: Record<"gateway", string> = {
  gateway: "the OpenAI-compatible gateway (/v1) is not part of this version yet",
};

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
      "\nA process with the worker role runs the queue's jobs (housekeeping: upload sweep, ANALYZE on\nPGlite, audit anchoring, blob garbage collection). A worker without the api role opens no port.\nSeveral machines share one PostgreSQL (DATABASE_URL); with the embedded PGlite only one process\ncan open the data directory, so run every role there in one process (infera up).",
    )
    .action(async (opts: { role: string; json?: boolean }) => {
      const chosen = parseRoles(opts.role);
      if (chosen.includes("gateway")) note(`role gateway: nothing to run — ${notYet.gateway}.`);
      const running = chosen.filter((r): r is "api" | "worker" => r === "api" || r === "worker");
      if (!running.length) {
        if (opts.json) say(JSON.stringify({ event: "nothing_to_run", roles: chosen }));
        else say("Nothing to run for these roles in this version; exiting.");
        return;
      }
      await runServer({ json: opts.json, roles: running });
    });
}
