import { type ResourceClass, ResourceClassName } from "@infera/contracts";
import { type Executor, eq, tables } from "@infera/db";
import { iso } from "../shared/pagination.js";

export type ResourceClassRow = typeof tables.resourceClasses.$inferSelect;

export function toResourceClass(row: ResourceClassRow): ResourceClass {
  return {
    name: row.name,
    display_name: row.displayName,
    cpus: row.cpus,
    memory_bytes: Number(row.memoryBytes),
    gpu_model: row.gpuModel,
    gpu_count: row.gpuCount,
    gpu_memory_bytes: row.gpuMemoryBytes === null ? null : Number(row.gpuMemoryBytes),
    hourly_price: Number(row.hourlyPrice),
    currency: row.currency,
    enabled: row.enabled,
    created_at: iso(row.createdAt),
    updated_at: iso(row.updatedAt),
  };
}

/** The class named `name`, or null (also for names no class could have, which never reach SQL). */
export async function findResourceClass(
  exec: Executor,
  name: string,
  opts: { forUpdate?: boolean } = {},
): Promise<ResourceClassRow | null> {
  if (!ResourceClassName.safeParse(name).success) return null;
  const q = exec.select().from(tables.resourceClasses).where(eq(tables.resourceClasses.name, name));
  const [row] = opts.forUpdate ? await q.for("update") : await q;
  return row ?? null;
}
