import { readFileSync, statSync } from "node:fs";
import { dirname } from "node:path";
import { describe, expect, it } from "vitest";
import { validationWorkerBundle } from "./worker-bundle.js";

describe("validationWorkerBundle", () => {
  it("writes the worker as one plain-JS file, in a directory private to this user, named by its content", async () => {
    const path = await validationWorkerBundle(undefined);
    expect(path).toMatch(/[0-9a-f]{16}\.mjs$/);
    const dir = statSync(dirname(path!));
    expect(dir.mode & 0o077).toBe(0);
    if (process.getuid) expect(dir.uid).toBe(process.getuid());
    const code = readFileSync(path!, "utf8");
    // Only Node's own modules and piscina's file are imported: a worker needs no loader and no package resolution.
    const imports = [...code.matchAll(/^import .* from "([^"]+)";$/gm)].map((m) => m[1]!);
    for (const m of imports) expect(m).toMatch(/^node:|^\/.*\/node_modules\/piscina\/.*\.mjs$/);
    expect(imports.some((m) => m.includes("piscina"))).toBe(true);
    expect(code).toContain("validationHandler");
    expect(await validationWorkerBundle(undefined)).toBe(path);
  });
});
