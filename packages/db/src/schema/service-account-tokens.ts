import { index, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { serviceAccounts } from "./service-accounts.js";

export const serviceAccountTokens = pgTable(
  "service_account_tokens",
  {
    id: text("id").primaryKey(),
    serviceAccountId: text("service_account_id")
      .notNull()
      .references(() => serviceAccounts.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull().unique(),
    prefix: text("prefix").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [index("sa_tokens_account_idx").on(t.serviceAccountId)],
);
