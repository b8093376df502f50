import { type JobKindDefinition, jobCatalog } from "@infera/contracts";
import { invalid } from "../shared/errors.js";

export type JobKinds = ReadonlyMap<string, JobKindDefinition>;

/** The catalog's kinds plus `extra` ones (a test's slow job); a name given twice is refused. */
export function jobKindsOf(extra: readonly JobKindDefinition[] = []): JobKinds {
  const kinds = new Map<string, JobKindDefinition>(Object.entries(jobCatalog));
  for (const def of extra) {
    if (kinds.has(def.kind)) throw new Error(`job kind ${def.kind} is defined twice`);
    kinds.set(def.kind, def);
  }
  return kinds;
}

export function jobKindOf(kinds: JobKinds, kind: string): JobKindDefinition {
  const def = kinds.get(kind);
  if (!def) throw invalid(`unknown job kind ${JSON.stringify(kind)}`, { kinds: [...kinds.keys()] });
  return def;
}

/** The payload as the kind's schema parses it, or validation_error naming each bad field. */
export function parseJobPayload(kinds: JobKinds, kind: string, payload: unknown): unknown {
  const parsed = jobKindOf(kinds, kind).payload.safeParse(payload);
  if (parsed.success) return parsed.data;
  const fields = parsed.error.issues.map((i) => ({
    path: i.path.join("."),
    message: i.message,
    code: i.code,
  }));
  const first = fields[0];
  throw invalid(
    `payload of ${kind} is not valid: ${first ? `${first.path || "(payload)"} ${first.message}` : "rejected"}`,
    { fields },
  );
}
