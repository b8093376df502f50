import { Command } from "commander";
import { connect } from "../../lib/connection.js";
import { withConnection } from "../../lib/options.js";
import { fmtTime, printJson, printTable, say } from "../../lib/output.js";

export function auditShowCommand(): Command {
  return withConnection(new Command("show"))
    .description("one audit event with its full before and after")
    .argument("<eventId>", "the event's id (aud_…)")
    .action(async (eventId: string, opts: { url?: string; json?: boolean }) => {
      const { client } = connect(opts);
      const e = await client.audit.get(eventId);
      if (opts.json) return printJson(e);
      printTable(
        ["field", "value"],
        [
          ["id", e.id],
          ["time", fmtTime(e.created_at)],
          ["actor", `${e.actor_type} ${e.actor_label ?? ""} ${e.actor_id ?? ""}`.trim()],
          ["action", e.action],
          ["resource", `${e.resource_type} ${e.resource_id}`],
          ["tenant", e.tenant_id],
          ["project", e.project_id],
          ["address", e.ip],
          ["user agent", e.user_agent],
          ["request id", e.request_id],
          ["chain", `#${e.chain_seq} ${e.hash}`],
        ],
      );
      say("before:");
      say(JSON.stringify(e.before, null, 2));
      say("after:");
      say(JSON.stringify(e.after, null, 2));
    });
}
