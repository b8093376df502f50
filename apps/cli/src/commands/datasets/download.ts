import { Command } from "commander";
import { usageError } from "../../lib/cli-error.js";
import { connect } from "../../lib/connection.js";
import { downloadNormalized } from "../../lib/download-normalized.js";
import { downloadVersionFiles } from "../../lib/download-version.js";
import { withConnection } from "../../lib/options.js";

export function datasetsDownloadCommand(): Command {
  return withConnection(new Command("download"))
    .description(
      "download a version's files (HTTP Range: a partial file continues), each checked against its sha256; or, with --normalized, its records as the normalized JSONL the trainer reads",
    )
    .argument("<version>", "dataset version id (dsv_…)")
    .option("--out <dir>", "where to put the files (default: ./<version id>)")
    .option("--file <name>", "only this file of the version")
    .option(
      "--normalized",
      "the version's valid records in the internal form (chat messages, prompt/completion, text, preference) as one JSONL file, whatever shape and container was uploaded",
    )
    .action(
      async (
        versionId: string,
        opts: { url?: string; json?: boolean; out?: string; file?: string; normalized?: boolean },
      ) => {
        const { client } = connect(opts);
        if (opts.normalized) {
          if (opts.file)
            throw usageError("--file names an uploaded file; --normalized gives all records as one");
          return downloadNormalized({
            versionId,
            url: client.datasets.versions.normalizedUrl(versionId),
            token: client.token,
            out: opts.out,
            json: opts.json,
          });
        }
        const version = await client.datasets.versions.get(versionId);
        await downloadVersionFiles({
          versionId: version.id,
          files: version.files.map((f) => ({ path: f.name, size: f.size, sha256: f.sha256 })),
          fileUrl: (name) => client.datasets.versions.fileUrl(version.id, name),
          token: client.token,
          out: opts.out,
          only: opts.file,
          json: opts.json,
        });
      },
    );
}
