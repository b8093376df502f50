// The client commands as one prebuilt ES module, rebuilt whenever a file it was built from changed.
//
// Run through tsx, every `infera` call spent about a second starting (0.9–1.6 s here): tsx's loader
// thread and its hooks over ~180 TypeScript modules, on each call. One bundle of the same sources
// starts in about 0.35 s (decision 0050, docs/benchmarks.md "CLI start-up"). The bundle is a cache, never a release artefact: it records the files it
// was built from and the time the build started, and any of them newer than that rebuilds it, so an
// edit in src/ is in the very next call, as with tsx.
import { mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { basename, dirname, join, relative, resolve } from "node:path";

/**
 * Which imports go into the bundle: the workspace's own TypeScript packages do, except the server
 * and the database (only `up`, `serve` and `migrate` load them, and those run from the sources);
 * packages from npm stay imports, loaded from node_modules as they are.
 */
const bundledPackage = (path) => path.startsWith("@infera/") && !/^@infera\/(server|db)(\/|$)/.test(path);

/** The manifest beside a bundle: when its build started and the files it read, relative to it. */
const manifestOf = (outFile) => `${outFile}.inputs.json`;

/** Where this process writes `path` before renaming it into place. */
const tempOf = (path) => `${path}.${process.pid}.tmp`;

/** True when the bundle and its manifest exist and no file it was built from changed since. */
async function isFresh(outFile) {
  try {
    const manifest = JSON.parse(await readFile(manifestOf(outFile), "utf8"));
    await stat(outFile);
    const base = dirname(outFile);
    const times = await Promise.all(manifest.inputs.map(async (p) => (await stat(resolve(base, p))).mtimeMs));
    return times.every((t) => t < manifest.startedAt);
  } catch {
    return false; // no bundle, no manifest, a file gone: build again
  }
}

/**
 * Builds `entry` into `outFile` (and its source map) and writes its manifest. Other `infera` calls
 * may build at the same moment (a test suite runs many), so each writes files of its own and renames
 * them into place.
 */
async function build(entry, outFile) {
  const esbuild = await import("esbuild");
  const startedAt = Date.now();
  await mkdir(dirname(outFile), { recursive: true });
  const result = await esbuild.build({
    entryPoints: [entry],
    outfile: outFile,
    write: false, // written below, under temporary names first
    bundle: true,
    platform: "node",
    format: "esm",
    target: `node${process.versions.node.split(".")[0]}`,
    metafile: true,
    sourcemap: "external", // read only with INFERA_DEBUG set (bin/infera.js), so traces name src/ files
    absWorkingDir: dirname(outFile), // so the manifest's paths are relative to the bundle
    logLevel: "silent",
    plugins: [
      {
        name: "npm-packages-stay-imports",
        setup(b) {
          b.onResolve({ filter: /^[^./]/ }, (args) =>
            bundledPackage(args.path) ? undefined : { path: args.path, external: true },
          );
        },
      },
    ],
  });
  const code = result.outputFiles.find((f) => f.path === outFile);
  const map = result.outputFiles.find((f) => f.path === `${outFile}.map`);
  // This file too: a change in how the bundle is built rebuilds it.
  const inputs = [...Object.keys(result.metafile.inputs), relative(dirname(outFile), import.meta.filename)];
  const files = [
    [`${outFile}.map`, map.text],
    [outFile, `${code.text}//# sourceMappingURL=${basename(outFile)}.map\n`],
    [manifestOf(outFile), JSON.stringify({ startedAt, inputs })], // last: it vouches for the others
  ];
  for (const [path, text] of files) await writeFile(tempOf(path), text);
  for (const [path] of files) await rename(tempOf(path), path);
}

/**
 * The path of a bundle of `entry` at `outFile` that is up to date with its sources, building it
 * first when it is missing or stale. Rejects when it cannot be built (the caller runs the sources).
 */
export async function freshBundle(entry, outFile) {
  if (await isFresh(outFile)) return outFile;
  try {
    await build(entry, outFile);
  } finally {
    for (const path of [outFile, `${outFile}.map`, manifestOf(outFile)])
      await rm(tempOf(path), { force: true });
  }
  return outFile;
}

export const cliBundle = {
  entry: join(import.meta.dirname, "../src/main.ts"),
  outFile: join(import.meta.dirname, "../dist/infera.mjs"),
};
