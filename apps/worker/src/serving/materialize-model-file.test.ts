import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import type { ServiceContext } from "@infera/core";
import { afterAll, describe, expect, it } from "vitest";
import { materializeModelFile } from "./materialize-model-file.js";

describe("materializeModelFile", () => {
  const dir = mkdtempSync(join(tmpdir(), "infera-model-cache-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("two loads of one digest at once in one process both end with the whole file (found by two evaluation runs of one base)", async () => {
    const bytes = Buffer.alloc(3 * 1024 * 1024, 7);
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    // The blob store port, serving the bytes in small chunks so that both copies are under way together.
    const blobs = {
      get: async () => ({
        stream: Readable.from(
          (function* () {
            for (let i = 0; i < bytes.length; i += 64 * 1024) yield bytes.subarray(i, i + 64 * 1024);
          })(),
        ),
      }),
    };
    const ctx = { blobs } as unknown as ServiceContext;
    const file = { sha256, size: bytes.length, path: "model.gguf" } as never;
    const paths = await Promise.all([1, 2, 3].map(() => materializeModelFile(ctx, dir, file)));
    expect(new Set(paths).size).toBe(1);
    expect(readFileSync(paths[0]!).equals(bytes)).toBe(true);
    expect(readdirSync(dir).filter((f) => f.endsWith(".part"))).toEqual([]);
  });
});
