import { Readable } from "node:stream";
import type { FineTuneJobEvent } from "@infera/contracts";
import type { ServiceContext } from "../../shared/context.js";
import { authorizeJob } from "../job-access.js";
import { loadJobEvents } from "./job-event-queries.js";

const LEVELS = ["debug", "info", "warn", "error"] as const;
export type LogLevel = (typeof LEVELS)[number];

/** One entry as a line of the log file: `time level [source] message`, or a state change. */
export function jobLogLine(e: FineTuneJobEvent): string {
  const d = e.data as Record<string, unknown>;
  if (e.type === "status") return `${e.at} state ${d.from ?? "-"} -> ${d.to} (${d.reason})`;
  if (e.type === "failed")
    return `${e.at} error [${d.reason}] ${d.message}${d.suggestion ? ` (suggestion: ${d.suggestion})` : ""}`;
  const source = d.source && d.source !== "protocol" ? ` [${d.source}]` : "";
  return `${e.at} ${String(d.level ?? "info")}${source} ${d.message}`;
}

/**
 * A job's log as a text file (the console's Download, `infera finetune download --logs`): its log
 * lines, state changes and failure, oldest first, read from the event log page by page while it
 * streams. `level` keeps lines at or above it (state changes and the failure always); `q` keeps lines
 * containing it (case-insensitive). Lines removed by retention are gone from it too.
 */
export async function downloadFineTuneJobLog({
  ctx,
  jobId,
  level,
  q,
}: {
  ctx: ServiceContext;
  jobId: string;
  level?: LogLevel;
  q?: string;
}): Promise<{ name: string; stream: Readable }> {
  const { job } = await authorizeJob(ctx, "fine_tuning.job.read", jobId);
  const min = LEVELS.indexOf(level ?? "debug");
  const needle = q?.toLowerCase();
  async function* lines() {
    let after = 0;
    for (;;) {
      const page = await loadJobEvents(ctx.db, jobId, {
        after,
        limit: 1000,
        types: ["log", "status", "failed"],
      });
      for (const e of page) {
        if (e.type === "log" && LEVELS.indexOf((e.data.level as LogLevel) ?? "info") < min) continue;
        const line = jobLogLine(e);
        if (needle && !line.toLowerCase().includes(needle)) continue;
        yield `${line}\n`;
      }
      if (page.length < 1000) return;
      after = page.at(-1)!.seq;
    }
  }
  const base = (job.name ?? job.id).replace(/[^\p{L}\p{N}._-]+/gu, "_").slice(0, 100);
  return { name: `${base}.log`, stream: Readable.from(lines()) };
}
