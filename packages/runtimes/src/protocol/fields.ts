/** Small readers shared by the family mappers: the Python trainers log numbers, numeric strings and "12.5%". */
export function num(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  if (typeof value === "string" && value.trim() !== "") {
    const n = Number(value.trim().replace(/%$/, ""));
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

export function intStep(value: unknown): number | undefined {
  const n = num(value);
  return n === undefined || n < 0 ? undefined : Math.round(n);
}

export const GIB = 1024 ** 3;

export function perplexityOf(loss: number | undefined): number | undefined {
  if (loss === undefined) return undefined;
  const p = Math.exp(loss);
  return Number.isFinite(p) ? p : undefined;
}

/** Drops undefined values so the result validates against schemas with optional (not nullable) fields. */
export function compact<T extends Record<string, unknown>>(obj: T): T {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as T;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
