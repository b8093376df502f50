import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface RunningS3rver {
  endpoint: string;
  bucket: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  stop(): Promise<void>;
}

const require = createRequire(import.meta.url);

// Runs in the child: starts s3rver on a free loopback port with one bucket and prints the port.
const CHILD = `
const S3rver = require(process.env.S3RVER_MODULE);
const server = new S3rver({
  address: "127.0.0.1",
  port: 0,
  silent: true,
  directory: process.env.S3RVER_DIR,
  configureBuckets: [{ name: process.env.S3RVER_BUCKET }],
});
server.run().then(({ port }) => process.stdout.write(JSON.stringify({ port }) + "\\n"),
  (err) => { console.error(err); process.exit(1); });
process.on("SIGTERM", () => server.close().finally(() => process.exit(0)));
`;

/**
 * s3rver (a Node HTTP server implementing the S3 REST API over a directory) in a child process on
 * a free loopback port, so its memory is not counted as ours. `stop()` ends it and removes its data.
 */
export async function startS3rver(bucket = "infera-test"): Promise<RunningS3rver> {
  const dir = await mkdtemp(join(tmpdir(), "infera-s3rver-"));
  // s3rver makes its continuation tokens with DES, which OpenSSL 3 keeps in its legacy provider.
  const child = spawn(process.execPath, ["--openssl-legacy-provider", "-e", CHILD], {
    env: { ...process.env, S3RVER_MODULE: require.resolve("s3rver"), S3RVER_DIR: dir, S3RVER_BUCKET: bucket },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (d) => {
    stderr += String(d);
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (d) => {
      out += String(d);
      const line = out.split("\n")[0];
      if (out.includes("\n")) resolve(JSON.parse(line!).port);
    });
    child.once("exit", (code) => reject(new Error(`s3rver exited (${code}): ${stderr}`)));
  });
  return {
    endpoint: `http://127.0.0.1:${port}`,
    bucket,
    credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGTERM");
        await exited;
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}
