import { join, relative, resolve, sep } from "node:path";
import { Command } from "commander";
import { CliError } from "../../lib/cli-error.js";
import { connect } from "../../lib/connection.js";
import { type DownloadResult, downloadFile } from "../../lib/download-file.js";
import { withConnection } from "../../lib/options.js";
import { printJson, printTable, say } from "../../lib/output.js";
import { fmtBytes } from "../../lib/progress.js";

export function datasetsDownloadCommand(): Command {
  return withConnection(new Command("download"))
    .description(
      "download a version's files (HTTP Range: a partial file continues), each checked against its sha256",
    )
    .argument("<version>", "dataset version id (dsv_…)")
    .option("--out <dir>", "where to put the files (default: ./<version id>)")
    .option("--file <name>", "only this file of the version")
    .action(
      async (versionId: string, opts: { url?: string; json?: boolean; out?: string; file?: string }) => {
        const { client } = connect(opts);
        const version = await client.datasets.versions.get(versionId);
        const files = opts.file ? version.files.filter((f) => f.name === opts.file) : version.files;
        if (files.length === 0)
          throw new CliError(
            "not_found",
            `${version.id} has no file ${opts.file}; it has ${version.files.map((f) => f.name).join(", ")}`,
          );
        const out = resolve(opts.out ?? version.id);
        const results: DownloadResult[] = [];
        for (const f of files) {
          const dest = join(out, ...f.name.split("/"));
          if (relative(out, dest).startsWith(`..${sep}`))
            throw new CliError("internal", `unsafe file name ${f.name}`);
          results.push(
            await downloadFile({
              url: client.datasets.versions.fileUrl(version.id, f.name),
              token: client.token,
              dest,
              label: f.name,
              size: f.size,
              sha256: f.sha256,
            }),
          );
        }
        if (opts.json) return printJson({ version_id: version.id, out, files: results });
        printTable(
          ["file", "size", "sha256", "status"],
          results.map((r) => [r.path, fmtBytes(r.size), r.sha256, r.status]),
        );
        say(`${results.length} file(s) of ${version.id} in ${out}, each sha256 checked.`);
      },
    );
}
