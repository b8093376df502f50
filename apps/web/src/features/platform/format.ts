/** 17179869184 → "16 GiB". */
export function formatGiB(bytes: number): string {
  const gib = bytes / 1024 ** 3;
  return `${Number.isInteger(gib) ? gib : gib.toFixed(1)} GiB`;
}
