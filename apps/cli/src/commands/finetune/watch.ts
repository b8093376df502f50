import { Command, InvalidArgumentError } from "commander";
import { connect } from "../../lib/connection.js";
import { printFailure } from "../../lib/job-output.js";
import { eventLine, exitCodeOfOutcome, followJob, pollingSource } from "../../lib/job-watch.js";
import { withConnection } from "../../lib/options.js";
import { note, say } from "../../lib/output.js";

function parseInterval(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0.2 || n > 60) throw new InvalidArgumentError("must be 0.2 to 60 seconds");
  return n;
}

export function finetuneWatchCommand(): Command {
  return withConnection(new Command("watch"))
    .description(
      "follow a job until it ends: each state change, its queue position, and step, loss and ETA when the job reports them; exits 0 when it succeeded, 9 when it failed, 10 when it was canceled",
    )
    .argument("<job>", "job id (ftj_…)")
    .option("--interval <seconds>", "how often to ask (default 1)", parseInterval, 1)
    .action(async (jobId: string, opts: { url?: string; json?: boolean; interval: number }) => {
      const { client } = connect(opts);
      const tty = Boolean(process.stdout.isTTY) && !opts.json;
      let progressShown = false;
      const source = pollingSource(client, opts.interval * 1000, {
        // A restarting server: keep asking (the job resumes by itself) and say so on stderr.
        onReach: (reachable, err) =>
          note(
            reachable ? "The server answers again." : `${err?.message}; asking again for up to 5 minutes…`,
          ),
      });
      const job = await followJob(source, jobId, (e) => {
        // --json: one event per line (NDJSON), the final job last.
        if (opts.json) return process.stdout.write(`${JSON.stringify(e)}\n`);
        // On a terminal the progress line redraws in place; elsewhere each is a plain line.
        if (tty && e.type === "progress") {
          process.stdout.write(`\r\x1b[K${eventLine(e)}`);
          progressShown = true;
          return;
        }
        if (progressShown) process.stdout.write("\n");
        progressShown = false;
        say(eventLine(e));
      });
      if (progressShown) process.stdout.write("\n");
      if (opts.json) process.stdout.write(`${JSON.stringify({ type: "done", job })}\n`);
      else {
        say(`Job ${job.id} ${job.status}.`);
        printFailure(job);
        if (job.result_model_version_id) say(`model version  ${job.result_model_version_id}`);
      }
      process.exitCode = exitCodeOfOutcome(job.status);
    });
}
