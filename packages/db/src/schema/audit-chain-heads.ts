import { bigint, pgTable, text } from "drizzle-orm/pg-core";

/** The tip of each audit chain; locked FOR UPDATE while appending so concurrent writes serialize. */
export const auditChainHeads = pgTable("audit_chain_heads", {
  chainKey: text("chain_key").primaryKey(),
  lastSeq: bigint("last_seq", { mode: "number" }).notNull(),
  lastHash: text("last_hash").notNull(),
});
