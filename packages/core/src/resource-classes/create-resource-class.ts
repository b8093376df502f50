import type { CreateResourceClassInput, ResourceClass } from "@infera/contracts";
import { isUniqueViolation, tables } from "@infera/db";
import { recordAudit } from "../audit/record-audit.js";
import { authorize } from "../authz/authorize.js";
import type { ServiceContext } from "../shared/context.js";
import { conflict } from "../shared/errors.js";
import { withTransaction } from "../shared/transaction.js";
import { toResourceClass } from "./to-resource-class.js";

/** A new platform-wide resource class (platform admin). */
export async function createResourceClass({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: CreateResourceClassInput;
}): Promise<ResourceClass> {
  await authorize(ctx, "resource_class.create");
  try {
    return await withTransaction(ctx, async (tx) => {
      const [row] = await tx.db
        .insert(tables.resourceClasses)
        .values({
          name: input.name,
          displayName: input.display_name ?? input.name,
          cpus: input.cpus,
          memoryBytes: input.memory_bytes,
          gpuModel: input.gpu_model,
          gpuCount: input.gpu_count,
          gpuMemoryBytes: input.gpu_memory_bytes,
          hourlyPrice: String(input.hourly_price),
          currency: input.currency,
          enabled: input.enabled,
          createdAt: ctx.now(),
          updatedAt: ctx.now(),
        })
        .returning();
      const created = toResourceClass(row!);
      await recordAudit(tx, {
        action: "resource_class.create",
        resourceType: "resource_class",
        resourceId: created.name,
        tenantId: null,
        after: created,
      });
      return created;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict(`a resource class named "${input.name}" already exists`);
    throw err;
  }
}
