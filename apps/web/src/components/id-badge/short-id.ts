/** `proj_01hx4k9…` → prefix plus the first 8 characters of the body; plain hashes keep 12. */
export function shortId(id: string): string {
  const sep = id.indexOf("_");
  if (sep > 0 && sep <= 6) {
    const body = id.slice(sep + 1);
    return body.length > 8 ? `${id.slice(0, sep + 1)}${body.slice(0, 8)}…` : id;
  }
  const hash = id.startsWith("sha256:") ? id.slice(7) : id;
  return hash.length > 12 ? `${hash.slice(0, 12)}…` : hash;
}
