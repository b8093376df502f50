import type { AuditVerifyResult } from "@infera/contracts";
import { Command } from "commander";
import { connect } from "../../lib/connection.js";
import { withConnection, withTenant } from "../../lib/options.js";
import { fmtTime, printJson, say } from "../../lib/output.js";
import { resolveAuditChain } from "./chain.js";

/** Exit status when the chain is broken: 6, a conflict with the expected state. */
const EXIT_BROKEN = 6;

export function auditVerifyCommand(): Command {
  return withTenant(withConnection(new Command("verify")))
    .description(
      "recompute the tenant's audit hash chain and compare it with its signed anchor: intact, or the first broken link (exit 6); --tenant platform for the platform chain",
    )
    .action(async (opts: { url?: string; json?: boolean; tenant?: string }) => {
      const { client } = connect(opts);
      const tenant = await resolveAuditChain(client, opts.tenant);
      const result = await client.audit.verify(tenant.id);
      if (opts.json) printJson(result);
      else if (result.intact)
        say(
          `Audit log of ${tenant.name} is intact (${result.checked} events checked). ${anchorLine(result)}`,
        );
      else {
        const b = result.first_broken;
        say(`Audit log of ${tenant.name} is BROKEN at event ${b?.event_id} (#${b?.chain_seq}): ${b?.reason}`);
        const a = result.anchor;
        if (a && a.status !== "ok") say(`Anchor: ${a.status}. ${a.reason ?? ""}`);
      }
      if (!result.intact) process.exitCode = EXIT_BROKEN;
    });
}

function anchorLine({ anchor: a }: AuditVerifyResult): string {
  if (!a) return "";
  if (a.status === "missing")
    return `Not anchored yet${a.reason ? ` (${a.reason})` : ""}: ${a.not_yet_anchored} events are protected by the chain only.`;
  return `Matches its anchor of #${a.sequence} (${fmtTime(a.anchored_at ?? "")}, key ${a.key_id}); ${a.not_yet_anchored} later events not yet anchored.`;
}
