import { sql } from "drizzle-orm";
import {
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";
import type { StaffRole } from "../../reference/roles.ts";
import { type UnitKind, unitKinds } from "../../reference/unit-kinds.ts";

export type { UnitKind };

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

/** The county's settings: deadline policy overrides (every statutory number is a setting). */
export const tenantSettings = sqliteTable("tenant_settings", {
  tenantId: text("tenant_id").primaryKey(),
  deadlinePolicy: text("deadline_policy", { mode: "json" }).$type<Record<string, unknown>>(),
  /** Backlog days and assessment weights (see OversightSettings; migration 0012). */
  oversightPolicy: text("oversight_policy", { mode: "json" }).$type<Record<string, unknown>>(),
  /** Booking limits and queue rules of reception days (see ReceptionPolicy). */
  receptionPolicy: text("reception_policy", { mode: "json" }).$type<Record<string, unknown>>(),
  /** Evidence-file limits: size, count, kinds (see FilePolicy). */
  filePolicy: text("file_policy", { mode: "json" }).$type<Record<string, unknown>>(),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
});

/**
 * A stamp replaced by triggers (migration 0005) whenever the county's units, settings,
 * calendar or local categories change: a cached county context is current while it matches.
 */
export const contextVersions = sqliteTable("context_versions", {
  tenantId: text("tenant_id").primaryKey(),
  stamp: text("stamp").notNull(),
});

/**
 * The county's holiday calendar: official days off and make-up working days. Seeded with
 * the State Council's schedules at onboarding; the county admin adds each new year.
 */
export const calendarDays = sqliteTable(
  "calendar_days",
  {
    tenantId: text("tenant_id").notNull(),
    date: text("date").notNull(),
    kind: text("kind", { enum: ["holiday", "workday"] }).notNull(),
    name: text("name").notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.date] })],
);

/** Categories a county adds to the national taxonomy (codes `L.…`, never renumbered). */
export const localCategories = sqliteTable(
  "local_categories",
  {
    tenantId: text("tenant_id").notNull(),
    code: text("code").notNull(),
    name: text("name").notNull(),
    parentCode: text("parent_code"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.code] })],
);
