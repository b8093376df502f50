import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { PROTOCOL_SCHEMA_PATH, renderProtocolJsonSchema } from "./json-schema.js";

describe("runtime protocol JSON schema", () => {
  it("the checked-in docs/runtime-protocol.schema.json equals the one generated from the zod contracts", () => {
    // Compared as JSON values (Biome owns the file's whitespace). Regenerate with:
    // npm run -w @infera/runtimes protocol-schema
    expect(JSON.parse(readFileSync(PROTOCOL_SCHEMA_PATH, "utf8"))).toEqual(
      JSON.parse(renderProtocolJsonSchema()),
    );
  });
});
