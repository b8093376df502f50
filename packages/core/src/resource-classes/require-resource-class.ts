import { asc, type Executor, eq, tables } from "@infera/db";
import { DomainError } from "../shared/errors.js";
import { findResourceClass, type ResourceClassRow } from "./to-resource-class.js";

/**
 * The enabled class a job asks for, with room for its GPUs; otherwise 422 naming the classes that
 * exist (the class catalog is platform-wide and public to every signed-in caller).
 */
export async function requireResourceClass(
  exec: Executor,
  name: string,
  gpuCount: number,
): Promise<ResourceClassRow> {
  const row = await findResourceClass(exec, name);
  if (!row?.enabled) {
    const names = await exec
      .select({ name: tables.resourceClasses.name })
      .from(tables.resourceClasses)
      .where(eq(tables.resourceClasses.enabled, true))
      .orderBy(asc(tables.resourceClasses.name));
    throw new DomainError(
      "unprocessable_content",
      `resource class "${name}" ${row ? "is disabled" : "does not exist"} (classes: ${names.map((n) => n.name).join(", ") || "none"})`,
      { field: "resource_class", resource_classes: names.map((n) => n.name) },
    );
  }
  if (gpuCount > row.gpuCount)
    throw new DomainError(
      "unprocessable_content",
      `resource class "${name}" has ${row.gpuCount} GPU(s), the job asks for ${gpuCount}; pick a class with at least ${gpuCount}`,
      { field: "gpu_count", resource_class: name, class_gpu_count: row.gpuCount },
    );
  return row;
}
