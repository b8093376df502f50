import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { PROTOCOL_SCHEMA_PATH, renderProtocolJsonSchema } from "./json-schema.js";

const path = fileURLToPath(PROTOCOL_SCHEMA_PATH);
writeFileSync(path, renderProtocolJsonSchema());
execFileSync("npx", ["biome", "format", "--write", path], { stdio: "ignore" });
console.log(`wrote ${path}`);
