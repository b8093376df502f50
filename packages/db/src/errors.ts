/** PostgreSQL error codes the domain reacts to, read without importing a driver there. */
export function isUniqueViolation(err: unknown): boolean {
  return pgCode(err) === "23505";
}

export function isSerializationFailure(err: unknown): boolean {
  const code = pgCode(err);
  return code === "40001" || code === "40P01";
}

function pgCode(err: unknown): string | undefined {
  let e: unknown = err;
  for (let depth = 0; e && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}
