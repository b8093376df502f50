import { InferaApiError, type InferaClient } from "@infera/client";
import type { EvaluationRun, EvaluationStatus } from "@infera/contracts";
import { progressText } from "./eval-output.js";
import { EXIT_JOB_CANCELED, EXIT_JOB_FAILED } from "./exit-codes.js";
import { note, say } from "./output.js";

const FINISHED: readonly EvaluationStatus[] = ["succeeded", "failed", "canceled"];

/**
 * Polls the run until it ends, printing its progress (a line redrawn on a terminal, NDJSON with
 * --json); a server that cannot be reached for a while (restarting: the run resumes by itself) is
 * asked again for up to five minutes.
 */
export async function followEvaluation(
  client: Pick<InferaClient, "evaluations">,
  runId: string,
  opts: { json?: boolean; intervalMs?: number },
): Promise<EvaluationRun> {
  const tty = Boolean(process.stdout.isTTY) && !opts.json;
  let lostSince: number | null = null;
  let last = "";
  for (;;) {
    let run: EvaluationRun | undefined;
    try {
      run = await client.evaluations.get(runId);
    } catch (err) {
      if (!(err instanceof InferaApiError) || err.code !== "service_unavailable") throw err;
      if (lostSince === null) {
        lostSince = Date.now();
        note(`${err.message}; asking again for up to 5 minutes…`);
      } else if (Date.now() - lostSince > 300_000) throw err;
    }
    if (run) {
      lostSince = null;
      const line = `${run.status} ${progressText(run)}`.trim();
      if (line !== last) {
        if (opts.json)
          process.stdout.write(
            `${JSON.stringify({ type: "progress", status: run.status, samples_done: run.samples_done, samples_total: run.samples_total, eta_seconds: run.eta_seconds })}\n`,
          );
        else if (tty) process.stdout.write(`\r\x1b[K${line}`);
        else say(line);
        last = line;
      }
      if (FINISHED.includes(run.status)) {
        if (tty) process.stdout.write("\n");
        return run;
      }
    }
    await new Promise((r) => setTimeout(r, opts.intervalMs ?? 1000));
  }
}

/** succeeded 0 (or 6 when `requirePass` and the gate failed), failed 9, canceled 10. */
export function exitCodeOfRun(run: EvaluationRun, requirePass: boolean): number {
  if (run.status === "failed") return EXIT_JOB_FAILED;
  if (run.status === "canceled") return EXIT_JOB_CANCELED;
  if (requirePass && run.gate && !run.gate.passed) return 6;
  return 0;
}
