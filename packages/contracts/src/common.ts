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

/** Names may hold any printable text; they are stored verbatim and escaped by whoever renders them. */
export function nameField(min: number, max: number) {
  return z
    .string()
    .trim()
    .min(min, `must be at least ${min} characters`)
    .max(max, `must be at most ${max} characters`)
    .refine(
      (s) => ![...s].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f),
      "must not contain control characters",
    );
}
