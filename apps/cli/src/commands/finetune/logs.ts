import type { InferaClient } from "@infera/client";
import type { FineTuneJobEvent } from "@infera/contracts";
import { Command, Option } from "commander";
import { connect } from "../../lib/connection.js";
import { exitCodeOfOutcome, isFinished } from "../../lib/job-watch.js";
import { withConnection } from "../../lib/options.js";
import { say } from "../../lib/output.js";

const LEVELS = ["debug", "info", "warn", "error"] as const;
type Level = (typeof LEVELS)[number];

/** One entry as a log line: `time level [source] message`, a state change as `time state from → to (reason)`. */
export function logLine(e: FineTuneJobEvent): string {
  const d = e.data as Record<string, unknown>;
  const time = e.at.replace("T", " ").replace(/\.\d+Z$/, "Z");
  if (e.type === "status") return `${time} state ${d.from ?? "∅"} → ${d.to} (${d.reason})`;
  if (e.type === "failed")
    return `${time} error [${d.reason}] ${d.message}${d.suggestion ? ` — ${d.suggestion}` : ""}`;
  const source = d.source && d.source !== "protocol" ? ` [${d.source}]` : "";
  return `${time} ${String(d.level ?? "info").padEnd(5)}${source} ${d.message}`;
}

/** Whether a log entry is at or above `min` (state changes and failures always show). */
function atLeast(e: FineTuneJobEvent, min: Level): boolean {
  if (e.type !== "log") return true;
  return LEVELS.indexOf((e.data.level as Level) ?? "info") >= LEVELS.indexOf(min);
}

/**
 * Reads the job's log from the start (or the last `tail` entries' worth), page by page; with
 * `follow`, keeps asking every `intervalMs` for what was appended until the job has finished.
 */
async function* logEntries(
  client: Pick<InferaClient, "fineTuning">,
  jobId: string,
  opts: { follow: boolean; intervalMs: number },
): AsyncGenerator<FineTuneJobEvent> {
  let after = 0;
  for (;;) {
    const page = await client.fineTuning.jobs.events(jobId, {
      after,
      limit: 1000,
      types: ["log", "status", "failed"],
    });
    for (const e of page.data) yield e;
    if (page.data.length) after = page.data.at(-1)!.seq;
    if (page.next_after !== null) continue;
    if (!opts.follow) return;
    const job = await client.fineTuning.jobs.get(jobId);
    if (isFinished(job.status)) {
      // What was appended before it finished, then stop.
      const rest = await client.fineTuning.jobs.events(jobId, {
        after,
        limit: 1000,
        types: ["log", "status", "failed"],
      });
      for (const e of rest.data) yield e;
      if (rest.next_after === null) return;
      after = rest.data.at(-1)!.seq;
      continue;
    }
    await new Promise((r) => setTimeout(r, opts.intervalMs));
  }
}

export function finetuneLogsCommand(): Command {
  return withConnection(new Command("logs"))
    .description(
      "a job's log: its runtime's log lines and error output, its state changes and a failure's reason; --follow keeps printing until the job ends and then exits with its outcome (0 succeeded, 9 failed, 10 canceled)",
    )
    .argument("<job>", "job id (ftj_…)")
    .option("-f, --follow", "keep printing new lines until the job ends")
    .addOption(
      new Option("--level <level>", "only lines at this level or above").choices(LEVELS).default("debug"),
    )
    .option("--grep <text>", "only lines containing this text (case-insensitive)")
    .action(
      async (
        jobId: string,
        opts: { url?: string; json?: boolean; follow?: boolean; level: Level; grep?: string },
      ) => {
        const { client } = connect(opts);
        const needle = opts.grep?.toLowerCase();
        for await (const e of logEntries(client, jobId, { follow: Boolean(opts.follow), intervalMs: 1000 })) {
          if (!atLeast(e, opts.level)) continue;
          const line = logLine(e);
          if (needle && !line.toLowerCase().includes(needle)) continue;
          // --json: one entry per line (NDJSON).
          if (opts.json) process.stdout.write(`${JSON.stringify(e)}\n`);
          else say(line);
        }
        if (opts.follow)
          process.exitCode = exitCodeOfOutcome((await client.fineTuning.jobs.get(jobId)).status);
      },
    );
}
