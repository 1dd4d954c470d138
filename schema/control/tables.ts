import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import type { TenantContact } from "../api/tenants.ts";

/**
 * A county onboarded as a tenant, and where its data lives. `status` is `provisioning`
 * while its first rows are written to the shard, so a half-created county is never served.
 */
export const tenants = sqliteTable(
  "tenants",
  {
    code: text("code").primaryKey(),
    name: text("name").notNull(),
    shard: text("shard").notNull(),
    status: text("status", { enum: ["provisioning", "active"] }).notNull(),
    /** Published contact details (§18). */
    contact: text("contact", { mode: "json" }).$type<TenantContact>().notNull().default(sql`'{}'`),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("tenants_shard_idx").on(t.shard)],
);

export type TenantRow = typeof tenants.$inferSelect;
