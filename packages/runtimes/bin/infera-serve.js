#!/usr/bin/env node
// Loads the TypeScript entry point through tsx in this same process (the workspace has no build
// step), so SIGTERM reaches the replica directly.
import { register } from "tsx/esm/api";

register();
await import("./infera-serve.ts");
