import { Command } from "commander";
import { connect } from "../../lib/connection.js";
import { findNode, nodeLines } from "../../lib/node-output.js";
import { withConnection } from "../../lib/options.js";
import { printJson, say } from "../../lib/output.js";

/**
 * `drain` (no new jobs on the node; those running finish) and `undrain` (back in service: the
 * scheduler places waiting jobs at once): the same PATCH with the flag set either way, audited.
 */
export function nodesDrainCommand(draining: boolean): Command {
  return withConnection(new Command(draining ? "drain" : "undrain"))
    .description(
      draining
        ? "place no new jobs on a node; the jobs on it run to their end (platform admin, audited)"
        : "put a drained node back in service (platform admin, audited)",
    )
    .argument("<node>", "node id or name")
    .action(async (ref: string, opts: { url?: string; json?: boolean }) => {
      const { client } = connect(opts);
      const node = await client.nodes.update((await findNode(client, ref)).id, { draining });
      if (opts.json) return printJson(node);
      const rows = nodeLines(node);
      const w = Math.max(...rows.map(([k]) => k.length));
      for (const [k, v] of rows) say(`${k.padEnd(w)}  ${v}`);
    });
}
