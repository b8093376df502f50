import { readFileSync } from "node:fs";
import { ColumnMapping } from "@infera/contracts";
import { InvalidArgumentError } from "commander";

/**
 * One `--map` value merged into the ones before it: `prompt=question,completion=answer` (target =
 * source column, comma-separated), or `@mapping.json` (a JSON object of target → source, for
 * column names holding `,` or `=`). Checked against the contract, so a bad mapping fails here.
 */
export function parseMapping(value: string, previous: ColumnMapping | undefined): ColumnMapping {
  let pairs: Record<string, unknown>;
  if (value.startsWith("@")) {
    let text: string;
    try {
      text = readFileSync(value.slice(1), "utf8");
    } catch (err) {
      throw new InvalidArgumentError(`cannot read ${value.slice(1)}: ${(err as Error).message}`);
    }
    try {
      pairs = JSON.parse(text) as Record<string, unknown>;
    } catch (err) {
      throw new InvalidArgumentError(`${value.slice(1)} is not JSON: ${(err as Error).message}`);
    }
    if (typeof pairs !== "object" || pairs === null || Array.isArray(pairs))
      throw new InvalidArgumentError(
        `${value.slice(1)} must hold a JSON object of target field → source column`,
      );
  } else {
    pairs = {};
    for (const part of value.split(",")) {
      const at = part.indexOf("=");
      if (at <= 0 || at === part.length - 1)
        throw new InvalidArgumentError(
          `"${part}" must be target=source, e.g. prompt=question (use @file.json for names with , or =)`,
        );
      pairs[part.slice(0, at).trim()] = part.slice(at + 1).trim();
    }
  }
  const parsed = ColumnMapping.safeParse({ ...previous, ...pairs });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length ? `${issue.path.join(".")}: ` : "";
    throw new InvalidArgumentError(`${where}${issue.message}`);
  }
  return parsed.data;
}

/** `prompt ← question, completion ← answer`. */
export const mappingText = (m: ColumnMapping): string =>
  Object.entries(m)
    .map(([target, source]) => `${target} ← ${source}`)
    .join(", ");
