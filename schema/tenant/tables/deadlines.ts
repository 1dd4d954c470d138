import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

export const alertMarks = ["near", "dueToday", "overdue", "expired"] as const;
export type AlertMark = (typeof alertMarks)[number];

/**
 * What the deadline scan has noticed on a case: one row per clock, due date and mark
 * (near at 70 % / 90 %, due today, overdue; an evaluation window expired). The primary key
 * makes a scan that runs twice notice nothing twice; overdue rows are the case's breaches.
 */
export const deadlineAlerts = sqliteTable(
  "deadline_alerts",
  {
    tenantId: text("tenant_id").notNull(),
    petitionId: text("petition_id").notNull(),
    deadlineKey: text("deadline_key").notNull(),
    due: text("due").notNull(),
    /** `near70`, `near90`, `dueToday`, `overdue`, `expired`. */
    mark: text("mark").notNull(),
    unitId: text("unit_id").notNull(),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.petitionId, t.deadlineKey, t.due, t.mark] }),
    index("deadline_alerts_tenant_at_idx").on(t.tenantId, t.at),
  ],
);

export type DeadlineAlertRow = typeof deadlineAlerts.$inferSelect;

/**
 * The daily digest's counters, kept by triggers on `petitions` (migration 0004): how many
 * open cases of a unit have their next deadline at `deadline_at` and turn near at
 * `near_at`. The digest reads the buckets that are near or later today, never the cases.
 */
export const deadlineCounts = sqliteTable(
  "deadline_counts",
  {
    tenantId: text("tenant_id").notNull(),
    nearAt: integer("near_at").notNull(),
    unitId: text("unit_id").notNull(),
    deadlineAt: integer("deadline_at").notNull(),
    cases: integer("cases").notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.nearAt, t.unitId, t.deadlineAt] })],
);

/** Once-a-day work of the scan (the daily digest), recorded so it runs once per day. */
export const scanRuns = sqliteTable(
  "scan_runs",
  {
    tenantId: text("tenant_id").notNull(),
    name: text("name").notNull(),
    day: text("day").notNull(),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.name, t.day] })],
);
