/**
 * `model` as a call names it: a service of the key's project (`support-bot`), or one revision of it
 * pinned (`support-bot@rev_…`). Service names have no `@`; the revision id is everything after the last one.
 */
export function parseModel(model: unknown): { name: string; revisionId: string | null } | null {
  if (typeof model !== "string") return null;
  const trimmed = model.trim();
  if (!trimmed || trimmed.length > 300) return null;
  const at = trimmed.lastIndexOf("@");
  if (at === -1) return { name: trimmed, revisionId: null };
  const name = trimmed.slice(0, at);
  const revisionId = trimmed.slice(at + 1);
  return name && revisionId ? { name, revisionId } : null;
}
