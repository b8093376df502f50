import { Command } from "commander";
import { connect } from "../../lib/connection.js";
import { listNodes, NODE_HEAD, nodeRow } from "../../lib/node-output.js";
import { withConnection } from "../../lib/options.js";
import { printJson, printTable, say } from "../../lib/output.js";

export function nodesListCommand(): Command {
  return withConnection(new Command("list"))
    .description(
      "the nodes that run work: roles, size, GPUs, online or offline, draining, jobs running, last seen (platform admin)",
    )
    .action(async (opts: { url?: string; json?: boolean }) => {
      const { client } = connect(opts);
      const nodes = await listNodes(client);
      // Not paginated: one row per machine, as the API answers them.
      if (opts.json) return printJson({ data: nodes });
      if (nodes.length === 0) return say("No nodes yet: a node registers when its worker starts.");
      printTable(NODE_HEAD, nodes.map(nodeRow));
    });
}
