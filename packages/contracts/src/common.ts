import { z } from "zod";

export const Timestamp = z.string().describe("RFC 3339 timestamp (UTC)");

/** Query parameters every list accepts (API.md "Lists"). */
export const ListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
  sort: z.string().max(64).optional(),
  q: z.string().max(200).optional(),
  format: z.enum(["json", "csv"]).optional(),
});
export type ListQuery = z.infer<typeof ListQuery>;

export function listOf<T extends z.ZodTypeAny>(item: T) {
  return z.object({ data: z.array(item), next_cursor: z.string().nullable() });
}

export function single<T extends z.ZodTypeAny>(item: T) {
  return z.object({ data: item });
}

export const Env = z.enum(["dev", "test", "prod"]);
export type Env = z.infer<typeof Env>;
export const TenantRole = z.enum(["tenant_admin", "member", "finance"]);
export type TenantRole = z.infer<typeof TenantRole>;
export const ProjectRole = z.enum(["owner", "developer", "viewer"]);
export type ProjectRole = z.infer<typeof ProjectRole>;
export const ActorType = z.enum(["user", "service_account", "api_key", "system"]);
export type ActorType = z.infer<typeof ActorType>;

/** Bidirectional embeddings, overrides and isolates: they reorder what is shown ("Trojan Source"). */
const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/;
/** A UTF-16 surrogate without its partner: not a character at all (the `u` flag pairs the valid ones). */
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * Why a piece of text a person typed is refused, or null. Everywhere: NUL and the other C0 controls
 * and DEL (a single line also refuses tab and newlines), unpaired surrogates, and the bidirectional
 * controls U+202A–U+202E and U+2066–U+2069. The marks U+200E/U+200F stay allowed: mixed right-to-left
 * text needs them and they reorder nothing beyond themselves.
 */
export function unsafeTextReason(s: string, opts: { multiline: boolean }): string | null {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0) return "must not contain NUL (\\u0000) characters";
    const allowed = opts.multiline && (c === 0x09 || c === 0x0a || c === 0x0d);
    if ((c < 0x20 || c === 0x7f) && !allowed) return "must not contain control characters";
  }
  if (BIDI_CONTROL.test(s))
    return "must not contain bidirectional control characters (U+202A–U+202E, U+2066–U+2069)";
  if (LONE_SURROGATE.test(s)) return "must be valid Unicode (it holds an unpaired surrogate)";
  return null;
}

/** A `superRefine` that refuses what `unsafeTextReason` refuses. */
export function refuseUnsafe(multiline: boolean) {
  return (s: string, ctx: z.RefinementCtx) => {
    const reason = unsafeTextReason(s, { multiline });
    if (reason) ctx.addIssue({ code: "custom", message: reason });
  };
}

/** Names may hold any printable text; they are stored verbatim and escaped by whoever renders them. */
export function nameField(min: number, max: number) {
  return z
    .string()
    .trim()
    .min(min, `must be at least ${min} characters`)
    .max(max, `must be at most ${max} characters`)
    .superRefine(refuseUnsafe(false));
}

/** One line of text that is not a name (a tag, a licence, an address): no controls of any kind. */
export function lineField(max: number, opts: { trim?: boolean } = {}) {
  const s = opts.trim ? z.string().trim() : z.string();
  return s.max(max, `must be at most ${max} characters`).superRefine(refuseUnsafe(false));
}

/** Free text (a description, a note, a reason): tabs and newlines allowed, other controls not. */
export function freeText(max: number, opts: { trim?: boolean } = {}) {
  const s = opts.trim ? z.string().trim() : z.string();
  return s.max(max, `must be at most ${max} characters`).superRefine(refuseUnsafe(true));
}
