import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/**
 * Append-only, hash-chained audit log per tenant: every write and every read of
 * confidential data. An entry is written in the same batch as what it records, unsealed;
 * sealing then gives it the next `seq` of the county's chain and `hash` = SHA-256 of the
 * previous hash and the entry. Writers never wait on each other for the chain.
 */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    /** The place in the chain; null until sealed. */
    seq: integer("seq"),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
    actorId: text("actor_id"),
    action: text("action").notNull(),
    targetType: text("target_type").notNull(),
    targetId: text("target_id"),
    detail: text("detail", { mode: "json" }).$type<Record<string, unknown>>(),
    prevHash: text("prev_hash"),
    hash: text("hash"),
  },
  (t) => [
    uniqueIndex("audit_log_chain_uq").on(t.tenantId, t.seq),
    index("audit_log_unsealed_idx").on(t.tenantId, t.at).where(sql`${t.seq} is null`),
  ],
);

export type AuditRow = typeof auditLog.$inferSelect;
