/** The rows of a raw `db.execute` result, whichever driver answered (postgres-js: an array; PGlite: `{ rows }`). */
export function rawRows<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : ((result as { rows?: T[] }).rows ?? [])) as T[];
}
