import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Spawn → "loaded" of a bare Node script that imports node-llama-cpp (the workspace's hoisted copy,
 * the one @infera/runtimes loads), loads the GGUF and creates a context: the floor of any replica's
 * cold start on this machine.
 */
export async function bareColdStart(gguf: string, contextSize: number): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), "infera-bench-bare-"));
  const script = join(dir, "bare.mjs");
  const nlc = join(
    fileURLToPath(new URL("../..", import.meta.url)),
    "node_modules",
    "node-llama-cpp",
    "dist",
    "index.js",
  );
  writeFileSync(
    script,
    `import { getLlama } from ${JSON.stringify(nlc)};
const llama = await getLlama({ gpu: false, build: "never", logLevel: "error" });
const model = await llama.loadModel({ modelPath: ${JSON.stringify(gguf)} });
await model.createContext({ contextSize: ${contextSize}, sequences: 1, threads: 1 });
process.stdout.write("loaded\\n");
process.exit(0);
`,
  );
  const t0 = performance.now();
  const child = spawn(process.execPath, [script], { stdio: ["ignore", "pipe", "inherit"] });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (d: Buffer) => d.toString().includes("loaded") && resolve());
    child.on("exit", (code) => code !== 0 && reject(new Error(`bare script exited ${code}`)));
  });
  const ms = performance.now() - t0;
  await new Promise((r) => child.on("exit", r));
  rmSync(dir, { recursive: true, force: true });
  return ms;
}
