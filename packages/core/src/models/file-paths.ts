import { ModelFilePath } from "@infera/contracts";
import { invalid } from "../shared/errors.js";

/** Checks every path (relative, no `..`, no backslash, no duplicates) — for callers that skip the HTTP schema too. */
export function checkFilePaths(paths: string[]): void {
  const seen = new Set<string>();
  for (const p of paths) {
    const parsed = ModelFilePath.safeParse(p);
    if (!parsed.success)
      throw invalid(
        `file path ${JSON.stringify(p.slice(0, 200))} ${parsed.error.issues[0]?.message ?? "is not valid"}`,
        {
          path: p.slice(0, 200),
        },
      );
    if (seen.has(p)) throw invalid(`file path ${JSON.stringify(p)} is given twice`, { path: p });
    seen.add(p);
  }
}
