import type { User } from "@infera/contracts";
import type { tables } from "@infera/db";
import { iso } from "../shared/pagination.js";

export function toUser(u: typeof tables.users.$inferSelect): User {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    is_platform_admin: u.isPlatformAdmin,
    status: u.status,
    last_login_at: iso(u.lastLoginAt),
    created_at: u.createdAt.toISOString(),
  };
}
