import { boolean, pgTable, text, timestamp } from "drizzle-orm/pg-core";

export const tenants = pgTable("tenants", {
  id: text("id").primaryKey(),
  name: text("name").notNull().unique(),
  membersCanCreateProjects: boolean("members_can_create_projects").notNull().default(false),
  /** ISO 4217 code of the tenant's price table and of every cost estimate (issue 12 item 5). */
  currency: text("currency").notNull().default("USD"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
