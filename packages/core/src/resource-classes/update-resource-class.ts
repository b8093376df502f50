import type { ResourceClass, UpdateResourceClassInput } from "@infera/contracts";
import { eq, tables } from "@infera/db";
import { recordAudit } from "../audit/record-audit.js";
import { authorize } from "../authz/authorize.js";
import { ALL_TENANTS, notifyPricesChanged } from "../prices/price-changes.js";
import type { ServiceContext } from "../shared/context.js";
import { invalid, notFound } from "../shared/errors.js";
import { withTransaction } from "../shared/transaction.js";
import { findResourceClass, toResourceClass } from "./to-resource-class.js";

/**
 * Changes a class's size, price or availability (platform admin). Jobs already placed keep what
 * they were given; a disabled class takes no new jobs.
 */
export async function updateResourceClass({
  ctx,
  name,
  input,
}: {
  ctx: ServiceContext;
  name: string;
  input: UpdateResourceClassInput;
}): Promise<ResourceClass> {
  await authorize(ctx, "resource_class.update");
  return withTransaction(ctx, async (tx) => {
    const row = await findResourceClass(tx.db, name, { forUpdate: true });
    if (!row) throw notFound("resource class");
    const gpuCount = input.gpu_count ?? row.gpuCount;
    const gpuModel = input.gpu_model === undefined ? row.gpuModel : input.gpu_model;
    if (gpuCount > 0 && !gpuModel) throw invalid("a class with GPUs names their model (gpu_model)");
    const before = toResourceClass(row);
    const [updated] = await tx.db
      .update(tables.resourceClasses)
      .set({
        ...(input.display_name !== undefined ? { displayName: input.display_name } : {}),
        ...(input.cpus !== undefined ? { cpus: input.cpus } : {}),
        ...(input.memory_bytes !== undefined ? { memoryBytes: input.memory_bytes } : {}),
        ...(input.gpu_memory_bytes !== undefined ? { gpuMemoryBytes: input.gpu_memory_bytes } : {}),
        ...(input.hourly_price !== undefined ? { hourlyPrice: String(input.hourly_price) } : {}),
        ...(input.currency !== undefined ? { currency: input.currency } : {}),
        ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
        gpuCount,
        gpuModel,
        updatedAt: ctx.now(),
      })
      .where(eq(tables.resourceClasses.name, row.name))
      .returning();
    const after = toResourceClass(updated!);
    await recordAudit(tx, {
      action: "resource_class.update",
      resourceType: "resource_class",
      resourceId: row.name,
      tenantId: null,
      before,
      after,
    });
    // Every tenant without its own price for this class estimates with its hourly price.
    await notifyPricesChanged(tx, ALL_TENANTS);
    return after;
  });
}
