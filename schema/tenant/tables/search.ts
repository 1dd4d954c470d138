import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** `audience`: only the audience tokens of every case (0022), in larger SQL-only steps. */
export const reindexKinds = ["unit", "all", "audience"] as const;
export type ReindexKind = (typeof reindexKinds)[number];

/**
 * A re-index of cases' full-text rows, done by the cron in bounded steps (a unit renamed:
 * every case naming it; `all`: the whole county). The cursor is the last case done, in
 * (registered_at, rowid) order. Cases with no row at all (before 0006) need no job: the
 * cron finds them on `petitions_unindexed_idx`.
 */
export const searchReindexJobs = sqliteTable(
  "search_reindex_jobs",
  {
    tenantId: text("tenant_id").notNull(),
    id: text("id").notNull(),
    kind: text("kind", { enum: reindexKinds }).notNull(),
    /** The unit's id for `unit`. */
    target: text("target"),
    cursorAt: integer("cursor_at"),
    cursorRow: integer("cursor_row"),
    cases: integer("cases").notNull().default(0),
    requestedAt: integer("requested_at", { mode: "timestamp_ms" }).notNull(),
    requestedBy: text("requested_by"),
    finishedAt: integer("finished_at", { mode: "timestamp_ms" }),
    failures: integer("failures").notNull().default(0),
    lastError: text("last_error"),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("search_reindex_jobs_open_idx").on(t.tenantId, t.finishedAt, t.requestedAt),
  ],
);
export type SearchReindexJobRow = typeof searchReindexJobs.$inferSelect;
