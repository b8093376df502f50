import { Command } from "commander";
import { connect } from "../../lib/connection.js";
import { downloadVersionFiles } from "../../lib/download-version.js";
import { withConnection } from "../../lib/options.js";

export function modelsDownloadCommand(): Command {
  return withConnection(new Command("download"))
    .description(
      "download a version's files (HTTP Range: a partial file continues), each checked against its sha256",
    )
    .argument("<version>", "version id (mv_…)")
    .option("--out <dir>", "where to put the files (default: ./<version id>)")
    .option("--file <path>", "only this file of the version")
    .action(
      async (versionId: string, opts: { url?: string; json?: boolean; out?: string; file?: string }) => {
        const { client } = connect(opts);
        const version = await client.models.versions.get(versionId);
        await downloadVersionFiles({
          versionId: version.id,
          files: version.files,
          fileUrl: (path) => client.models.versions.fileUrl(version.id, path),
          token: client.token,
          out: opts.out,
          only: opts.file,
          json: opts.json,
        });
      },
    );
}
