import Table from "cli-table3";
import pc from "picocolors";

export type Cell = string | number | boolean | null | undefined;

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function say(line = ""): void {
  process.stdout.write(`${line}\n`);
}

/** Notes for people that scripts reading stdout should not see. */
export function note(line: string): void {
  process.stderr.write(`${pc.dim(line)}\n`);
}

/** A table for people; `widths` caps columns (null: as wide as the content), wrapping longer text. */
export function printTable(head: string[], rows: Cell[][], widths?: (number | null)[]): void {
  const table = new Table({
    head: head.map((h) => pc.bold(h)),
    style: { head: [], border: [] },
    wordWrap: true,
    ...(widths ? { colWidths: widths } : {}),
  });
  for (const row of rows) table.push(row.map((c) => (c === null || c === undefined ? "" : String(c))));
  say(table.toString());
}

/** `2026-01-31 12:34:56Z`: to the second, still UTC. */
export function fmtTime(iso: string | null | undefined): string {
  if (!iso) return "";
  return iso.replace("T", " ").replace(/\.\d+Z$/, "Z");
}
