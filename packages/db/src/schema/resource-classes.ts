import { bigint, boolean, integer, numeric, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Sizes of machine a job may ask for, defined by the platform admin for every tenant, with an hourly
 * price for estimates. The migration seeds `cpu-2`, the default class.
 */
export const resourceClasses = pgTable("resource_classes", {
  name: text("name").primaryKey(),
  displayName: text("display_name").notNull(),
  cpus: integer("cpus").notNull(),
  memoryBytes: bigint("memory_bytes", { mode: "number" }).notNull(),
  gpuModel: text("gpu_model"),
  gpuCount: integer("gpu_count").notNull().default(0),
  gpuMemoryBytes: bigint("gpu_memory_bytes", { mode: "number" }),
  hourlyPrice: numeric("hourly_price", { precision: 14, scale: 4 }).notNull().default("0"),
  currency: text("currency").notNull().default("USD"),
  enabled: boolean("enabled").notNull().default(true),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
