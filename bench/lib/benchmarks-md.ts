import { existsSync, readFileSync, writeFileSync } from "node:fs";

const HEADER =
  "# Benchmarks\n\nFigures written by the benchmarks in `bench/` (`npm run bench`). Each section belongs to one benchmark and is replaced when it runs again.\n";

/**
 * Replaces one `## ` section of docs/benchmarks.md (from its heading to the next `## ` heading),
 * or appends it, leaving every other section as it is.
 */
export function writeSection(file: string, heading: string, body: string): void {
  const text = existsSync(file) ? readFileSync(file, "utf8") : HEADER;
  const section = `${heading}\n\n${body.trim()}\n`;
  const lines = text.split("\n");
  const start = lines.findIndex((l) => l.trim() === heading.trim());
  if (start === -1) {
    writeFileSync(file, `${text.replace(/\n*$/, "\n\n")}${section}`);
    return;
  }
  let end = lines.findIndex((l, i) => i > start && l.startsWith("## "));
  if (end === -1) end = lines.length;
  const before = lines.slice(0, start).join("\n").replace(/\n*$/, "\n\n");
  const after = lines.slice(end).join("\n");
  writeFileSync(file, `${before}${section}${after ? `\n${after.replace(/^\n*/, "")}` : ""}`);
}
