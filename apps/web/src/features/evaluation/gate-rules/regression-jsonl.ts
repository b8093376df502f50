import { MAX_REGRESSION_PROMPTS, type RegressionCheck, RegressionPrompt } from "@infera/contracts";

/** What is wrong with one line of a pasted regression prompt set (1-based, as an editor counts). */
export interface LineProblem {
  line: number;
  /** The field of the line's object, e.g. `checks.0.pattern` (empty: the line as a whole). */
  path: string;
  kind: "not_json" | "not_object" | "schema" | "setting";
  /** The contract's message (English, as the API and CLI say it) for `schema` and `setting`. */
  detail: string;
}

export type ParsedPrompts =
  | { ok: true; prompts: RegressionPrompt[]; lines: number[] }
  | { ok: false; problems: LineProblem[]; tooMany?: number; empty?: boolean };

/** How many problems are reported at once: enough to fix a batch, few enough to read. */
const MAX_PROBLEMS = 10;

/** Which check kinds take which settings (as the server checks them, decision 0049). */
const SETTINGS: Record<RegressionCheck["kind"], readonly string[]> = {
  contains: ["text", "normalization"],
  not_contains: ["text", "normalization"],
  exact: ["text", "normalization"],
  regex: ["pattern", "flags"],
  json_valid: [],
  json_schema: ["schema"],
};

/**
 * The settings a check's kind needs, checked before anything is sent: a missing text or pattern, a
 * pattern that does not compile, a setting another kind takes. The server checks again (and checks
 * a schema against the supported subset), naming `prompts[i].checks[j].…`.
 */
function checkSettings(c: RegressionCheck, at: string): Omit<LineProblem, "line"> | null {
  const allowed = new Set(["kind", ...SETTINGS[c.kind]]);
  const extra = Object.keys(c).find((k) => !allowed.has(k) && c[k as keyof RegressionCheck] !== undefined);
  if (extra)
    return { path: `${at}.${extra}`, kind: "setting", detail: `a ${c.kind} check takes no ${extra}` };
  if (c.kind === "contains" || c.kind === "not_contains" || c.kind === "exact") {
    if (c.text === undefined || (c.kind !== "exact" && !c.text.trim()))
      return { path: `${at}.text`, kind: "setting", detail: `a ${c.kind} check needs a non-empty text` };
  }
  if (c.kind === "regex") {
    if (!c.pattern) return { path: `${at}.pattern`, kind: "setting", detail: "a regex check needs pattern" };
    if (c.flags && !/^[imsu]*$/.test(c.flags))
      return { path: `${at}.flags`, kind: "setting", detail: "flags are among i, m, s and u" };
    try {
      new RegExp(c.pattern, c.flags ?? "");
    } catch (e) {
      return {
        path: `${at}.pattern`,
        kind: "setting",
        detail: `the pattern does not compile: ${(e as Error).message}`,
      };
    }
  }
  if (c.kind === "json_schema" && c.schema === undefined)
    return { path: `${at}.schema`, kind: "setting", detail: "a json_schema check needs schema" };
  return null;
}

/**
 * A regression prompt set as pasted or uploaded: one `{prompt, checks}` JSON object a line (blank
 * lines skipped), each line checked against the API's contract (`RegressionPrompt`) and its check
 * kind's settings. Answers the prompts with the line each came from (so a server error naming
 * `prompts[3]` can point at its line), or the first problems by line number.
 */
export function parseRegressionJsonl(text: string): ParsedPrompts {
  const prompts: RegressionPrompt[] = [];
  const lines: number[] = [];
  const problems: LineProblem[] = [];
  for (const [i, raw] of text.split(/\r?\n/).entries()) {
    if (problems.length >= MAX_PROBLEMS) break;
    if (!raw.trim()) continue;
    const line = i + 1;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      problems.push({ line, path: "", kind: "not_json", detail: "" });
      continue;
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      problems.push({ line, path: "", kind: "not_object", detail: "" });
      continue;
    }
    const parsed = RegressionPrompt.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      problems.push({ line, path: issue.path.join("."), kind: "schema", detail: issue.message });
      continue;
    }
    if (!parsed.data.prompt.trim()) {
      problems.push({ line, path: "prompt", kind: "setting", detail: "the prompt is empty" });
      continue;
    }
    const bad = parsed.data.checks.map((c, j) => checkSettings(c, `checks.${j}`)).find(Boolean);
    if (bad) {
      problems.push({ line, ...bad });
      continue;
    }
    prompts.push(parsed.data);
    lines.push(line);
  }
  if (problems.length) return { ok: false, problems };
  if (!prompts.length) return { ok: false, problems, empty: true };
  if (prompts.length > MAX_REGRESSION_PROMPTS) return { ok: false, problems, tooMany: prompts.length };
  return { ok: true, prompts, lines };
}

/**
 * Where a server error's field points in a pasted set: `prompts[3].checks[0].pattern` (the domain's
 * spelling) or `prompts.3.checks.0.pattern` (a schema issue's) → the 4th prompt's line and the rest
 * of the path. Null for a field outside the prompts.
 */
export function promptLineOf(field: string, lines: readonly number[]): { line: number; path: string } | null {
  const m = /^prompts\.(\d+)(?:\.(.*))?$/.exec(field.replace(/\[(\d+)\]/g, ".$1"));
  if (!m) return null;
  const line = lines[Number(m[1])];
  return line === undefined ? null : { line, path: m[2] ?? "" };
}
