/** A Range header we cannot serve (416). */
export class RangeNotSatisfiable extends Error {}

/** `bytes=a-b`, `bytes=a-`, `bytes=-n` (one range); null for none or a form we ignore (several ranges). */
export function parseRange(header: string | undefined, size: number): { start: number; end: number } | null {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m) {
    if (/^bytes=/.test(header.trim()) && !header.includes(",")) throw new RangeNotSatisfiable();
    return null;
  }
  const [, a, b] = m;
  if (a === "" && b === "") throw new RangeNotSatisfiable();
  if (a === "") {
    const n = Number(b);
    if (n === 0 || size === 0) throw new RangeNotSatisfiable();
    return { start: Math.max(0, size - n), end: size - 1 };
  }
  const start = Number(a);
  const end = b === "" ? size - 1 : Math.min(Number(b), size - 1);
  if (start >= size || start > end) throw new RangeNotSatisfiable();
  return { start, end };
}
