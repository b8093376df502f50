import { sql } from "drizzle-orm";
import { index, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { projects } from "./projects.js";

/**
 * A project's API key for the gateway (seed 000 §4.3.8). Only the sha256 of the secret is kept
 * (`secret_digest`, decision 0026); `prefix` is its first characters, shown so people can tell keys
 * apart. A rotation makes a new row (`rotated_from_id`) so the old key can live on until revoked.
 * Status is not stored: revoked when `revoked_at` is set, expired when `expires_at` has passed.
 */
export const apiKeys = pgTable(
  "api_keys",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    projectId: text("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    note: text("note").notNull().default(""),
    scopes: text("scopes").array().notNull().default(sql`'{}'::text[]`),
    secretDigest: text("secret_digest").notNull().unique(),
    prefix: text("prefix").notNull(),
    /** Requests per minute; null = no limit. */
    rpmLimit: integer("rpm_limit"),
    /** Prompt + completion tokens per UTC day; null = no limit. */
    dailyTokenLimit: integer("daily_token_limit"),
    expiresAt: timestamp("expires_at", { withTimezone: true, precision: 3 }),
    revokedAt: timestamp("revoked_at", { withTimezone: true, precision: 3 }),
    revokedBy: text("revoked_by"),
    rotatedFromId: text("rotated_from_id"),
    /** Written in batches by the gateway's verifier, never once per call. */
    lastUsedAt: timestamp("last_used_at", { withTimezone: true, precision: 3 }),
    createdBy: text("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [index("api_keys_project_created_idx").on(t.projectId, t.createdAt, t.id)],
);
