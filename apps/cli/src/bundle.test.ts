import { mkdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { mkdtemp, readdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshBundle } from "../bin/bundle.js";

// A small program of its own, built with the real esbuild into a folder under apps/cli/dist (so that
// npm packages resolve from the workspace's node_modules), the way bin/infera.js builds the CLI.
describe("the CLI bundle (bin/bundle.js)", () => {
  let dir = "";
  let entry = "";
  let outFile = "";
  let loads = 0;
  const write = (name: string, text: string) => writeFileSync(join(dir, name), text);
  /** The bundle's `answer`, from a fresh import (a query string per load defeats the module cache). */
  const answer = async (): Promise<unknown> =>
    (await import(`${pathToFileURL(outFile).href}?load=${++loads}`)).answer;

  beforeAll(async () => {
    const dist = resolve(import.meta.dirname, "../dist");
    mkdirSync(dist, { recursive: true });
    dir = await mkdtemp(join(dist, "bundle-test-"));
    entry = join(dir, "main.ts");
    outFile = join(dir, "out", "program.mjs"); // its folder made by the first build
    write("value.ts", "export const value: number = 41;\n");
    write(
      "main.ts",
      [
        'import pc from "picocolors";',
        'import { value } from "./value.ts";',
        "export const answer = value + 1;",
        "export const paint = pc.red;",
        "",
      ].join("\n"),
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("builds on the first call, into a folder it makes, with npm packages left as imports and a manifest of its sources", async () => {
    expect(await freshBundle(entry, outFile)).toBe(outFile);
    expect(await answer()).toBe(42);
    const text = readFileSync(outFile, "utf8");
    expect(text).toMatch(/from "picocolors"/);
    expect(text).not.toContain("export const value");
    const manifest = JSON.parse(readFileSync(`${outFile}.inputs.json`, "utf8"));
    expect(manifest.inputs.map((p: string) => resolve(dir, "out", p)).sort()).toEqual(
      [entry, join(dir, "value.ts"), resolve(import.meta.dirname, "../bin/bundle.js")].sort(),
    );
    expect(typeof manifest.startedAt).toBe("number");
  });

  it("reuses the bundle while no source changed", async () => {
    const before = statSync(outFile);
    expect(await freshBundle(entry, outFile)).toBe(outFile);
    const after = statSync(outFile);
    expect(after.ino).toBe(before.ino);
    expect(after.mtimeMs).toBe(before.mtimeMs);
  });

  it("rebuilds when a module it imports changed, and the next load has the change", async () => {
    write("value.ts", "export const value: number = 99;\n");
    const later = new Date(Date.now() + 2_000); // past the build's start, whatever the clock's grain
    utimesSync(join(dir, "value.ts"), later, later);
    await freshBundle(entry, outFile);
    expect(await answer()).toBe(100);
  });

  it("rebuilds when its manifest is missing or unreadable", async () => {
    const before = statSync(outFile).ino;
    writeFileSync(`${outFile}.inputs.json`, "{ not json");
    await freshBundle(entry, outFile);
    expect(statSync(outFile).ino).not.toBe(before);
    expect(JSON.parse(readFileSync(`${outFile}.inputs.json`, "utf8")).inputs).toHaveLength(3);
  });

  it("rejects a source that does not build, keeps the last bundle, and leaves no temporary files", async () => {
    write("value.ts", "export const value: number = ;\n");
    const later = new Date(Date.now() + 4_000);
    utimesSync(join(dir, "value.ts"), later, later);
    await expect(freshBundle(entry, outFile)).rejects.toThrow();
    expect(await answer()).toBe(100);
    expect((await readdir(join(dir, "out"))).sort()).toEqual([
      "program.mjs",
      "program.mjs.inputs.json",
      "program.mjs.map",
    ]);
  });
});
