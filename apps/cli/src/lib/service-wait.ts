import type { InferaClient } from "@infera/client";
import type { ServiceRevisionDetail } from "@infera/contracts";
import { InvalidArgumentError } from "commander";
import { CliError } from "./cli-error.js";
import { EXIT_REVISION_FAILED, EXIT_WAIT_TIMEOUT } from "./exit-codes.js";
import { fmtDuration } from "./job-output.js";
import { note } from "./output.js";

/** `90s`, `10m`, `1h`, or plain seconds: a --timeout. */
export function parseTimeout(value: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(value.trim());
  if (!m) throw new InvalidArgumentError("a duration: 90s, 10m, 1h (or seconds)");
  const scale = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] ?? "s"]!;
  return Number(m[1]) * scale;
}

/**
 * Waits until the revision is ready, printing (on stderr) each state it leaves with how long it
 * stayed there. Throws (exit 9) with its failure reason when it fails, or (exit 11) after `timeoutMs`.
 */
export async function waitForRevision(
  client: Pick<InferaClient, "services">,
  revisionId: string,
  opts: { timeoutMs: number; intervalMs?: number; quiet?: boolean },
): Promise<ServiceRevisionDetail> {
  const started = Date.now();
  let printed = 0;
  const say = (line: string) => {
    if (!opts.quiet) note(line);
  };
  for (;;) {
    const r = await client.services.revisions.get(revisionId);
    // Every state it has left since the last look, with how long it stayed.
    for (; printed < r.durations.length - 1; printed++) {
      const d = r.durations[printed]!;
      say(
        `r${r.number} ${d.state} → ${r.durations[printed + 1]!.state} after ${fmtDuration(d.seconds * 1000)}`,
      );
    }
    if (r.current_state === "ready") {
      say(`r${r.number} ready (${fmtDuration(Date.now() - started)} waited)`);
      return r;
    }
    if (r.current_state === "failed")
      // Exit 9 with the runtime's own words.
      throw new CliError(
        "conflict",
        `revision r${r.number} failed: ${r.failure_reason ?? "no reason given"}`,
        { revision_id: r.id, failure_reason: r.failure_reason },
        EXIT_REVISION_FAILED,
      );
    if (Date.now() - started >= opts.timeoutMs)
      // Exit 11, with why it still waits.
      throw new CliError(
        "service_unavailable",
        `revision r${r.number} is still ${r.current_state} after ${fmtDuration(opts.timeoutMs)}${r.wait_reason ? `: ${r.wait_reason}` : ""}`,
        { revision_id: r.id, state: r.current_state, wait_reason: r.wait_reason },
        EXIT_WAIT_TIMEOUT,
      );
    await new Promise((done) => setTimeout(done, Math.min(opts.intervalMs ?? 500, opts.timeoutMs)));
  }
}
