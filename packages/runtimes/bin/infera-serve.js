#!/usr/bin/env node
// node-llama-cpp and zod are plain JavaScript: imported before tsx registers its loader hooks, their
// hundreds of modules load at Node's own speed instead of each passing through the hooks (seconds of a cold
// start, docs/benchmarks.md). Then tsx runs the TypeScript entry point in this same process (the
// workspace has no build step), so SIGTERM reaches the replica directly.
import "node-llama-cpp";
import "zod";
import { register } from "tsx/esm/api";

register();
await import("./infera-serve.ts");
