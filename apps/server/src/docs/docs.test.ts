import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { renderDocs } from "./render-docs.js";

const root = join(import.meta.dirname, "..", "..", "..", "..");

describe("generated reference documents", () => {
  for (const [path, content] of Object.entries(renderDocs())) {
    it(`${path} is current (run \`npm run docs\` after changing routes, contracts or the matrix)`, () => {
      expect(readFileSync(join(root, path), "utf8")).toBe(content);
    });
  }
});
