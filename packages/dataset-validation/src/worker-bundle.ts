import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, rename, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Plugin } from "esbuild";

/** Bundles already written in this process, by tokenizer module (undefined: bundling failed). */
const bundles = new Map<string, Promise<string | undefined>>();

/**
 * The validation worker's task module and the tokenizer's module as one plain-JS file (esbuild), so that a worker
 * thread loads neither a TypeScript loader (~35 MB per thread under tsx) nor anything the worker
 * does not run. Written once in a private directory under the OS temp dir, named by a hash of its content; returns its
 * path, or undefined when it cannot be built (no esbuild, a module it cannot bundle): the caller then
 * starts the worker through the loader.
 */
export function validationWorkerBundle(tokenizerModule: string | undefined): Promise<string | undefined> {
  const key = tokenizerModule ?? "";
  let bundle = bundles.get(key);
  if (!bundle) {
    bundle = build(tokenizerModule).catch(() => undefined);
    bundles.set(key, bundle);
  }
  return bundle;
}

/**
 * piscina stays out of the bundle, imported by its file's absolute path: the thread runs piscina's
 * own worker, and `move` must be that same module's (it marks replies with a symbol of its own).
 */
const piscinaByPath: Plugin = {
  name: "piscina-by-path",
  setup(b) {
    b.onResolve({ filter: /^piscina$/ }, async (args) => {
      if (args.pluginData === "inner") return undefined;
      const found = await b.resolve(args.path, {
        kind: args.kind,
        resolveDir: args.resolveDir,
        pluginData: "inner",
      });
      if (found.errors.length > 0) return { errors: found.errors };
      return { path: found.path, external: true };
    });
  },
};

async function build(tokenizerModule: string | undefined): Promise<string> {
  const { build } = await import("esbuild");
  const serve = fileURLToPath(new URL("./serve-validation.ts", import.meta.url));
  const module = tokenizerModule ? fileURLToPath(tokenizerModule) : undefined;
  const contents = [
    `import { validationHandler } from ${JSON.stringify(serve)};`,
    module
      ? `import * as tokenizerModule from ${JSON.stringify(module)};`
      : "const tokenizerModule = undefined;",
    "export default validationHandler(tokenizerModule);",
  ].join("\n");
  const out = await build({
    stdin: { contents, resolveDir: fileURLToPath(new URL(".", import.meta.url)), loader: "ts" },
    bundle: true,
    plugins: [piscinaByPath],
    platform: "node",
    format: "esm",
    target: "node20",
    write: false,
    logLevel: "silent",
  });
  const code = out.outputFiles[0]!.contents;
  const hash = createHash("sha256").update(code).digest("hex").slice(0, 16);
  // A directory of this user's only: code is loaded from it, so no other user may place a file there.
  const dir = join(tmpdir(), `infera-validation-workers-${process.getuid?.() ?? "user"}`);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const info = await stat(dir);
  if ((process.getuid && info.uid !== process.getuid()) || (info.mode & 0o077) !== 0)
    throw new Error(`${dir} is not private to this user`);
  const path = join(dir, `${hash}.mjs`);
  if (!existsSync(path)) {
    const tmp = `${path}.${process.pid}.tmp`;
    await writeFile(tmp, code);
    await rename(tmp, path); // atomic: another process may be writing the same bundle
  }
  return path;
}
