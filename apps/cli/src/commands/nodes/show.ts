import { Command } from "commander";
import { connect } from "../../lib/connection.js";
import { findNode, nodeLines } from "../../lib/node-output.js";
import { withConnection } from "../../lib/options.js";
import { printJson, say } from "../../lib/output.js";

export function nodesShowCommand(): Command {
  return withConnection(new Command("show"))
    .description("one node: status, roles, size and what is free, GPUs, labels (platform admin)")
    .argument("<node>", "node id or name")
    .action(async (ref: string, opts: { url?: string; json?: boolean }) => {
      const { client } = connect(opts);
      const node = await findNode(client, ref);
      if (opts.json) return printJson(node);
      const rows = nodeLines(node);
      const w = Math.max(...rows.map(([k]) => k.length));
      for (const [k, v] of rows) say(`${k.padEnd(w)}  ${v}`);
    });
}
