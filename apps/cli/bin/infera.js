#!/usr/bin/env node
// The `infera` command: the sources are TypeScript run as they are (no build step), so register tsx first.
import { register } from "tsx/esm/api";

register();
await import("../src/main.ts");
