import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * What the county's figures read of each case, one row per case, kept by triggers on
 * `petitions` (migration 0007; text in `workers/storage/statistics/rollup-sql.ts`). Besides
 * copies of the case's columns it keeps what the case forgets as it moves on: when the
 * route decision was due (`accept_due`) and made (`accept_on`), when the reply was due.
 */
export const petitionStats = sqliteTable(
  "petition_stats",
  {
    tenantId: text("tenant_id").notNull(),
    petitionId: text("petition_id").notNull(),
    /** The unit holding the case, and the two units above it (scopes of the figures). */
    unitId: text("unit_id").notNull(),
    unitParent: text("unit_parent"),
    unitGrand: text("unit_grand"),
    receivedOn: text("received_on").notNull(),
    channel: text("channel").notNull(),
    purpose: text("purpose").notNull(),
    categoryCode: text("category_code").notNull(),
    headcount: integer("headcount").notNull(),
    /** `county` or `skip` (越级); see LEVEL_EXPRESSION. */
    level: text("level").notNull(),
    repeat: integer("repeat").notNull(),
    firstPetition: integer("first_petition").notNull(),
    ownerLeaderId: text("owner_leader_id"),
    acceptDue: text("accept_due"),
    acceptOn: text("accept_on"),
    replyDue: text("reply_due"),
    repliedOn: text("replied_on"),
    evaluatedOn: text("evaluated_on"),
    /** '1' 满意 or 基本满意, '0' 不满意. */
    unitSatisfied: text("unit_satisfied"),
    officeSatisfied: text("office_satisfied"),
    closedOn: text("closed_on"),
    reviewed: integer("reviewed").notNull(),
    /** Bumped by the rebuild: its trigger adds the row's contribution again. */
    rebuildGen: integer("rebuild_gen").notNull().default(0),
    // Migration 0012 (analysis): the backlog's two flags, and what the §41 report and the
    // monthly 研判 split by.
    /** 1 until the case is closed or declined. */
    openCase: integer("open_case").notNull().default(1),
    /** 1 when the matter was petitioned again after its re-review (§36, `flags.final`). */
    afterReview: integer("after_review").notNull().default(0),
    subjectUnit: text("subject_unit"),
    routeKind: text("route_kind"),
    routeOn: text("route_on"),
    replyOutcome: text("reply_outcome"),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.petitionId] }),
    index("petition_stats_received_idx").on(t.tenantId, t.receivedOn, t.petitionId),
    index("petition_stats_accept_idx").on(t.tenantId, t.acceptDue, t.petitionId),
    index("petition_stats_reply_due_idx").on(t.tenantId, t.replyDue, t.petitionId),
    index("petition_stats_replied_idx").on(t.tenantId, t.repliedOn, t.petitionId),
    index("petition_stats_evaluated_idx").on(t.tenantId, t.evaluatedOn, t.petitionId),
    index("petition_stats_closed_idx").on(t.tenantId, t.closedOn, t.petitionId),
    // The backlog (积案): open cases oldest first, and those petitioned after re-review; the
    // unit columns make a unit's count a covering read.
    index("petition_stats_backlog_idx")
      .on(t.tenantId, t.receivedOn, t.petitionId, t.unitId, t.unitParent, t.unitGrand)
      .where(sql`${t.openCase} = 1`),
    index("petition_stats_backlog_final_idx")
      .on(t.tenantId, t.receivedOn, t.petitionId, t.unitId, t.unitParent, t.unitGrand)
      .where(sql`${t.openCase} = 1 AND ${t.afterReview} = 1`),
  ],
);

/**
 * Sums behind the figures: per scope (`u:<unit>` the unit itself, `t:<unit>` it and all
 * below), grain (`d` day, `m` month, `y` year), period, key and dim; `n` counts cases (批次), `m` sums
 * headcounts (人次). Kept by triggers on `petition_stats` and `supervisions`.
 */
/** WITHOUT ROWID in SQL (migration 0017): drizzle cannot say so; the upserts need it. */
export const statRollup = sqliteTable(
  "stat_rollup",
  {
    tenantId: text("tenant_id").notNull(),
    scope: text("scope").notNull(),
    grain: text("grain", { enum: ["d", "m", "y"] }).notNull(),
    period: text("period").notNull(),
    key: text("key").notNull(),
    dim: text("dim").notNull(),
    n: integer("n").notNull(),
    m: integer("m").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.scope, t.grain, t.period, t.key, t.dim] }),
    // One key over a period: the open-due counts, each child unit's received count.
    index("stat_rollup_key_idx").on(t.tenantId, t.scope, t.key, t.grain, t.period, t.dim),
  ],
);

export type PetitionStatsRow = typeof petitionStats.$inferSelect;

/**
 * Per-leader counts behind `getStatistics().leaders[]` and the 情况统计表, per scope, grain
 * and period like `stat_rollup`: `visits` (n 批次, m 人次) from `reception_visits`,
 * `followUps` (回访 on the leader's 包案 cases) from the case timeline, `supervised` (督办
 * opened by the leader's 批示). Kept by triggers (migration 0011) on append-only rows.
 */
export const leaderRollup = sqliteTable(
  "leader_rollup",
  {
    tenantId: text("tenant_id").notNull(),
    scope: text("scope").notNull(),
    grain: text("grain", { enum: ["d", "m", "y"] }).notNull(),
    period: text("period").notNull(),
    key: text("key").notNull(),
    leaderId: text("leader_id").notNull(),
    n: integer("n").notNull(),
    m: integer("m").notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.scope, t.grain, t.period, t.key, t.leaderId] })],
);

/**
 * A county's statistics rollups being rebuilt from its cases by the cron, in bounded steps
 * (migration 0012; `rebuildStatistics`). The row is the cursor: `phase` (`clear`, `cases`,
 * `supervisions`) and the last id done; it goes when the rebuild is done.
 */
export const statisticsRebuilds = sqliteTable(
  "statistics_rebuilds",
  {
    tenantId: text("tenant_id").primaryKey(),
    phase: text("phase", { enum: ["clear", "cases", "supervisions"] })
      .notNull()
      .default("clear"),
    afterId: text("after_id").notNull().default(""),
    requestedAt: integer("requested_at", { mode: "timestamp_ms" }).notNull(),
    requestedBy: text("requested_by"),
    /** When the cron last moved it on: counties take turns, least recently stepped first. */
    steppedAt: integer("stepped_at", { mode: "timestamp_ms" }),
    steps: integer("steps").notNull().default(0),
    failures: integer("failures").notNull().default(0),
    lastError: text("last_error"),
  },
  (t) => [index("statistics_rebuilds_turn_idx").on(t.steppedAt, t.requestedAt)],
);
export type StatisticsRebuildRow = typeof statisticsRebuilds.$inferSelect;

/**
 * Who each 回访 and 督办 was counted for in `leader_rollup`, as the live triggers saw it
 * (the case's owner leader and unit at the follow-up; the opener, then a leader): the rows the
 * per-leader counts are rebuilt from (migration 0018). `key` is the rollup key (`followUps`,
 * `supervised`), `ref` the event (`petitionId#version`) or the supervision id.
 */
export const leaderCredits = sqliteTable(
  "leader_credits",
  {
    tenantId: text("tenant_id").notNull(),
    key: text("key", { enum: ["followUps", "supervised"] }).notNull(),
    ref: text("ref").notNull(),
    leaderId: text("leader_id").notNull(),
    unitId: text("unit_id").notNull(),
    date: text("date").notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.key, t.ref] })],
);
