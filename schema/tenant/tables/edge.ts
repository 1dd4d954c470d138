import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * Counts of what the public edges let through, per bucket and window: SMS per address and
 * per county per day, wrong tracking attempts per case, failed logins per username and
 * address. Buckets name keyed hashes, never an address, phone or username in clear.
 */
export const edgeCounters = sqliteTable(
  "edge_counters",
  {
    tenantId: text("tenant_id").notNull(),
    bucket: text("bucket").notNull(),
    /** The day (YYYY-MM-DD, China time) or other window the count belongs to. */
    window: text("window").notNull(),
    count: integer("count").notNull(),
    /** A lock this bucket is under (login delays), if any. */
    lockedUntil: integer("locked_until", { mode: "timestamp_ms" }),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.bucket, t.window] }),
    // Housekeeping deletes stale counters of every county on the shard at once.
    index("edge_counters_updated_idx").on(t.updatedAt),
  ],
);

/** Proof-of-work challenges already used: each solves one request, until it expires. */
export const spentChallenges = sqliteTable(
  "spent_challenges",
  {
    tenantId: text("tenant_id").notNull(),
    signature: text("signature").notNull(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.signature] }),
    index("spent_challenges_expiry_idx").on(t.expiresAt),
  ],
);
