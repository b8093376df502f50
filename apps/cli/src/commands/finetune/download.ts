import { join, resolve } from "node:path";
import type { FineTuneJobCheckpoint } from "@infera/contracts";
import { Command } from "commander";
import { CliError, usageError } from "../../lib/cli-error.js";
import { connect } from "../../lib/connection.js";
import type { DownloadResult } from "../../lib/download-file.js";
import { fetchVersionFiles, printDownloads } from "../../lib/download-version.js";
import { openDownload, saveStream } from "../../lib/open-download.js";
import { withConnection } from "../../lib/options.js";
import { printJson, say } from "../../lib/output.js";

/**
 * The newest checkpoint still in the job's workspace (by time, then step: a retry's steps can start
 * over). None at all and all removed are different errors, the second with the API's reason.
 */
export function latestCheckpoint(jobId: string, checkpoints: FineTuneJobCheckpoint[]): string {
  if (checkpoints.length === 0)
    throw new CliError("not_found", `job ${jobId} has no checkpoints (it has not written one yet)`);
  const available = checkpoints
    .filter((c) => c.available)
    .sort((a, b) => a.time.localeCompare(b.time) || a.step - b.step);
  if (available.length === 0)
    throw new CliError(
      "not_found",
      `every checkpoint of job ${jobId} was removed (the runtime keeps only the last few; retention removes the workspace)`,
      { reason: "checkpoint_removed" },
    );
  return available.at(-1)!.name;
}

export function finetuneDownloadCommand(): Command {
  return withConnection(new Command("download"))
    .description(
      "download what a job produced into a folder: its output model version's files (the default; each checked against its sha256), a checkpoint as a tar archive, its log",
    )
    .argument("<job>", "job id (ftj_…)")
    .option("--artifacts", "the output model version's files (the default when nothing else is asked for)")
    .option(
      "--checkpoint <name>",
      "a checkpoint's folder as <job>-<name>.tar (not extracted): its name (step-00000060) or `latest`, the newest still in the workspace",
    )
    .option("--logs", "the job's log as <job>.log (the lines of `finetune logs`)")
    .option("-o, --out <dir>", "where to put them (default: ./<job id>)")
    .action(
      async (
        jobId: string,
        opts: {
          url?: string;
          json?: boolean;
          artifacts?: boolean;
          checkpoint?: string;
          logs?: boolean;
          out?: string;
        },
      ) => {
        if (opts.checkpoint !== undefined && !/^[\w.-]+$/.test(opts.checkpoint))
          throw usageError(`--checkpoint takes a checkpoint's name (step-00000060) or latest`);
        const { client } = connect(opts);
        const job = await client.fineTuning.jobs.get(jobId);
        const out = resolve(opts.out ?? job.id);
        const results: DownloadResult[] = [];
        let versionId: string | null = null;
        if (opts.artifacts || (!opts.checkpoint && !opts.logs)) {
          const artifacts = await client.fineTuning.jobs.artifacts(job.id);
          const mv = artifacts.model_version_id;
          if (!mv)
            throw new CliError(
              "conflict",
              `job ${job.id} is ${job.status}: it has artifacts only once it succeeded${job.status === "failed" || job.status === "canceled" ? " (its checkpoints and log may still be there: --checkpoint latest, --logs)" : ""}`,
            );
          versionId = mv;
          const fetched = await fetchVersionFiles({
            versionId: mv,
            files: artifacts.files.map((f) => ({ path: f.path, size: f.size_bytes, sha256: f.sha256 })),
            fileUrl: (path) => client.models.versions.fileUrl(mv, path),
            token: client.token,
            out,
          });
          results.push(...fetched.results);
        }
        // Streamed answers: no size or digest up front, so no Range to continue; the sha256 printed is
        // of what arrived.
        const stream = async (url: string, file: string) => {
          const saved = await saveStream(await openDownload(url, client.token), join(out, file), {
            label: file,
          });
          results.push({
            path: file,
            size: saved.size,
            sha256: saved.sha256,
            status: "downloaded",
            received: saved.size,
          });
        };
        if (opts.checkpoint) {
          const name =
            opts.checkpoint === "latest"
              ? latestCheckpoint(job.id, await client.fineTuning.jobs.checkpoints(job.id))
              : opts.checkpoint;
          await stream(client.fineTuning.jobs.checkpointDownloadUrl(job.id, name), `${job.id}-${name}.tar`);
        }
        if (opts.logs) await stream(client.fineTuning.jobs.logDownloadUrl(job.id), `${job.id}.log`);
        if (opts.json) return printJson({ job_id: job.id, out, model_version_id: versionId, files: results });
        printDownloads(results);
        say(`${results.length} file(s) of job ${job.id} in ${out}.`);
      },
    );
}
