import type { ListQuery, ProjectMember } from "@infera/contracts";
import { and, eq, type SQL, sql, tables } from "@infera/db";
import { authorize } from "../authz/authorize.js";
import type { ServiceContext } from "../shared/context.js";
import { invalid } from "../shared/errors.js";
import { keyset, type Page } from "../shared/pagination.js";
import { toMember } from "./member-queries.js";

export async function listMembers({
  ctx,
  projectId,
  query,
}: {
  ctx: ServiceContext;
  projectId: string;
  query: ListQuery & { role?: "owner" | "developer" | "viewer" };
}): Promise<Page<ProjectMember>> {
  await authorize(ctx, "project.member.list", { projectId });
  const m = tables.projectMembers;
  const where: SQL[] = [eq(m.projectId, projectId)];
  if (query.role) where.push(eq(m.role, query.role));
  if (query.q) {
    const pattern = `%${query.q.replace(/[%_\\]/g, "\\$&")}%`;
    where.push(sql`(${tables.users.email} ILIKE ${pattern} OR ${tables.users.name} ILIKE ${pattern})`);
  }
  if (query.sort && query.sort !== "email") throw invalid("members sort only by email");
  const ks = keyset(query, {
    key: sql`lower(${tables.users.email})`,
    id: m.userId,
    type: "text",
    direction: "asc",
    cursorOf: (r: { m: typeof m.$inferSelect; email: string }) => [r.email.toLowerCase(), r.m.userId],
  });
  const rows = await ctx.db
    .select({ m, email: tables.users.email, name: tables.users.name })
    .from(m)
    .innerJoin(tables.users, eq(tables.users.id, m.userId))
    .where(and(...where, ks.where))
    .orderBy(...ks.orderBy)
    .limit(ks.limit);
  return ks.page(rows, toMember);
}
