import { Command } from "commander";
import { connect } from "../../lib/connection.js";
import { withConnection, withTenant } from "../../lib/options.js";
import { fmtTime, printJson, say } from "../../lib/output.js";
import { resolveAuditChain } from "./chain.js";

export function auditAnchorCommand(): Command {
  return withTenant(withConnection(new Command("anchor")))
    .description(
      "sign the audit chain's head into the server's anchor file now (also done every few minutes); --tenant platform for the platform chain",
    )
    .action(async (opts: { url?: string; json?: boolean; tenant?: string }) => {
      const { client } = connect(opts);
      const tenant = await resolveAuditChain(client, opts.tenant);
      const a = await client.audit.anchor(tenant.id);
      if (opts.json) return printJson(a);
      say(
        `Anchored ${tenant.name} at event #${a.sequence} (${a.event_id}), ${fmtTime(a.anchored_at)}, key ${a.key_id}.`,
      );
    });
}
