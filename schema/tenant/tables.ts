import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/**
 * Every table here lives on a tenant-data shard shared by several counties, so every row
 * carries `tenant_id` (the county's GB/T 2260 code) and every index leads with it.
 */

export const unitKinds = ["county", "township", "bureau", "village"] as const;
export type UnitKind = (typeof unitKinds)[number];

export const units = sqliteTable(
  "units",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    parentId: text("parent_id"),
    kind: text("kind", { enum: unitKinds }).notNull(),
    name: text("name").notNull(),
    /** GB/T 2260 division code for townships and villages imported from the national list. */
    code: text("code"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    index("units_tenant_parent_idx").on(t.tenantId, t.parentId),
    uniqueIndex("units_tenant_code_uq").on(t.tenantId, t.code).where(sql`${t.code} is not null`),
  ],
);

export const staffRoles = [
  "tenant_admin",
  "clerk",
  "handler",
  "leader",
  "supervisor",
  "viewer",
] as const;
export type StaffRole = (typeof staffRoles)[number];

export const staff = sqliteTable(
  "staff",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    unitId: text("unit_id").notNull(),
    username: text("username").notNull(),
    displayName: text("display_name").notNull(),
    /** 工号, shown to visitors with name and position (三亮). */
    badgeNumber: text("badge_number"),
    position: text("position"),
    roles: text("roles", { mode: "json" }).$type<StaffRole[]>().notNull(),
    /** PBKDF2-SHA256; the iteration count is stored so it can be raised later. */
    passwordHash: text("password_hash").notNull(),
    passwordSalt: text("password_salt").notNull(),
    passwordIterations: integer("password_iterations").notNull(),
    failedLogins: integer("failed_logins").notNull().default(0),
    lockedUntil: integer("locked_until", { mode: "timestamp_ms" }),
    disabled: integer("disabled", { mode: "boolean" }).notNull().default(false),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    uniqueIndex("staff_tenant_username_uq").on(t.tenantId, t.username),
    index("staff_tenant_unit_idx").on(t.tenantId, t.unitId),
  ],
);

/** A login. Only the SHA-256 of the bearer token is stored. */
export const authSessions = sqliteTable(
  "auth_sessions",
  {
    tokenHash: text("token_hash").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    staffId: text("staff_id").notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    revokedAt: integer("revoked_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    index("auth_sessions_tenant_staff_idx").on(t.tenantId, t.staffId),
    index("auth_sessions_expires_idx").on(t.expiresAt),
  ],
);

export type UnitRow = typeof units.$inferSelect;
export type StaffRow = typeof staff.$inferSelect;
export type AuthSessionRow = typeof authSessions.$inferSelect;
