#!/usr/bin/env node
// The `infera` command. Client commands run from a bundle of the sources, rebuilt when a source
// changed (bin/bundle.js, decision 0050); `up`, `serve` and `migrate`, which load the server, and any
// call whose bundle cannot be built, run the TypeScript sources through tsx, as before.
import { pathToFileURL } from "node:url";
import { cliBundle, freshBundle } from "./bundle.js";

const RUN_FROM_SOURCES = new Set(["up", "serve", "migrate"]);

async function bundled() {
  if (RUN_FROM_SOURCES.has(process.argv[2] ?? "") || process.env.INFERA_CLI_BUNDLE === "0") return null;
  try {
    return await freshBundle(cliBundle.entry, cliBundle.outFile);
  } catch (err) {
    if (process.env.INFERA_DEBUG) process.stderr.write(`infera: running the sources (no bundle: ${err})\n`);
    return null;
  }
}

const bundle = await bundled();
if (bundle) {
  if (process.env.INFERA_DEBUG) process.setSourceMapsEnabled(true); // traces name the src/ files
  await import(pathToFileURL(bundle).href);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import("../src/main.ts");
}
