import { Command } from "commander";
import { connect } from "../../lib/connection.js";
import { withConnection, withTenant } from "../../lib/options.js";
import { printJson, say } from "../../lib/output.js";
import { resolveTenant } from "../../lib/scope.js";

/** Exit status when the chain is broken: 6, a conflict with the expected state. */
const EXIT_BROKEN = 6;

export function auditVerifyCommand(): Command {
  return withTenant(withConnection(new Command("verify")))
    .description("recompute the tenant's audit hash chain: intact, or the first broken link (exit 6)")
    .action(async (opts: { url?: string; json?: boolean; tenant?: string }) => {
      const { client } = connect(opts);
      const tenant = await resolveTenant(client, opts.tenant);
      const result = await client.audit.verify(tenant.id);
      if (opts.json) printJson(result);
      else if (result.intact)
        say(`Audit log of ${tenant.name} is intact (${result.checked} events checked).`);
      else {
        const b = result.first_broken;
        say(`Audit log of ${tenant.name} is BROKEN at event ${b?.event_id} (#${b?.chain_seq}): ${b?.reason}`);
      }
      if (!result.intact) process.exitCode = EXIT_BROKEN;
    });
}
