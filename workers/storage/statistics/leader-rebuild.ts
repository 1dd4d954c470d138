import type { TenantScope } from "../tenant-scope.ts";

/**
 * Where a rebuild of the per-leader counts stands: clearing `leader_rollup`, re-adding the
 * visits (keyed by session and ticket), then the 回访 and 督办 credits (keyed by key and ref).
 */
export type LeaderRebuildCursor =
  | { phase: "clear" }
  | { phase: "visits"; session: string; ticket: number }
  | { phase: "credits"; key: string; ref: string };

export interface LeaderRebuildStep {
  next: LeaderRebuildCursor | null;
  /** Source rows (visits, credits) added in this step. */
  rows: number;
}

/** Rows per call: each source row writes 12 rollup rows (4 scopes × 3 grains). */
const CLEAR_PAGE = 5_000;
const PAGE = 200;

/**
 * A page of sources as (tenant_id, unit_id, leader_id, date, key, n, m) → its rollup rows:
 * the unit, its parent and grandparent trees, each by day, month and year — the expansion
 * the live triggers of migration 0011 write, so rebuilt rows equal maintained ones.
 */
function rollupInsert(source: string): string {
  const scopeOf =
    "CASE sc.k WHEN 0 THEN 'u:' || u.id WHEN 1 THEN 't:' || u.id WHEN 2 THEN 't:' || u.parent_id ELSE 't:' || up.parent_id END";
  return `INSERT INTO leader_rollup (tenant_id, scope, grain, period, key, leader_id, n, m)
    SELECT src.tenant_id, ${scopeOf}, g.grain,
      CASE g.grain WHEN 'd' THEN src.date WHEN 'm' THEN substr(src.date, 1, 7) ELSE substr(src.date, 1, 4) END,
      src.key, src.leader_id, src.n, src.m
    FROM (${source}) AS src JOIN units AS u ON u.id = src.unit_id
      LEFT JOIN units AS up ON up.id = u.parent_id,
      (SELECT 0 AS k UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3) AS sc,
      (SELECT 'd' AS grain UNION ALL SELECT 'm' UNION ALL SELECT 'y') AS g
    WHERE ${scopeOf} IS NOT NULL
    ON CONFLICT DO UPDATE SET n = n + excluded.n, m = m + excluded.m`;
}

const VISITS = rollupInsert(
  `SELECT tenant_id, unit_id, leader_id, date, 'visits' AS key, 1 AS n, headcount AS m
   FROM reception_visits
   WHERE tenant_id = ?1 AND (session_id, ticket_number) > (?2, ?3)
     AND (session_id, ticket_number) <= (?4, ?5)`,
);

const CREDITS = rollupInsert(
  `SELECT tenant_id, unit_id, leader_id, date, key, 1 AS n, 0 AS m
   FROM leader_credits
   WHERE tenant_id = ?1 AND (key, ref) > (?2, ?3) AND (key, ref) <= (?4, ?5)`,
);

/** A step's page of source keys, by primary key (a test checks the plans). */
export const LEADER_REBUILD_PAGES = {
  visits: `SELECT session_id AS session, ticket_number AS ticket FROM reception_visits
    WHERE tenant_id = ?1 AND (session_id, ticket_number) > (?2, ?3)
    ORDER BY session_id, ticket_number LIMIT ${PAGE}`,
  credits: `SELECT key, ref FROM leader_credits WHERE tenant_id = ?1 AND (key, ref) > (?2, ?3)
    ORDER BY key, ref LIMIT ${PAGE}`,
};

/** The statements that add a page (a test checks they read only the page's key range). */
export const LEADER_REBUILD_INSERTS = { visits: VISITS, credits: CREDITS };

/**
 * One step of rebuilding a county's per-leader counts (`leader_rollup`) from its sources:
 * clear in pages, then add a page of visits or of credits per call, each page found by its
 * primary key and added with one statement. A few statements per call, far under D1's
 * limits; the caller repeats with the cursor until done. Run it in a quiet hour, like the
 * statistics rebuild: a visit recorded mid-rebuild ahead of the cursor counts twice.
 */
export async function rebuildLeaderStep(
  scope: TenantScope,
  cursor: LeaderRebuildCursor | null,
): Promise<LeaderRebuildStep> {
  const db = scope.d1;
  const at = cursor ?? { phase: "clear" };
  if (at.phase === "clear") {
    const result = await db
      .prepare(
        `DELETE FROM leader_rollup WHERE rowid IN
         (SELECT rowid FROM leader_rollup WHERE tenant_id = ? LIMIT ${CLEAR_PAGE})`,
      )
      .bind(scope.tenant)
      .run();
    const more = result.meta.changes === CLEAR_PAGE;
    return { next: more ? at : { phase: "visits", session: "", ticket: 0 }, rows: 0 };
  }
  if (at.phase === "visits") {
    const { results } = await db
      .prepare(LEADER_REBUILD_PAGES.visits)
      .bind(scope.tenant, at.session, at.ticket)
      .all<{ session: string; ticket: number }>();
    const last = results.at(-1);
    if (last) {
      await db
        .prepare(VISITS)
        .bind(scope.tenant, at.session, at.ticket, last.session, last.ticket)
        .run();
    }
    return {
      next:
        results.length === PAGE && last
          ? { phase: "visits", session: last.session, ticket: last.ticket }
          : { phase: "credits", key: "", ref: "" },
      rows: results.length,
    };
  }
  const { results } = await db
    .prepare(LEADER_REBUILD_PAGES.credits)
    .bind(scope.tenant, at.key, at.ref)
    .all<{ key: string; ref: string }>();
  const last = results.at(-1);
  if (last) {
    await db.prepare(CREDITS).bind(scope.tenant, at.key, at.ref, last.key, last.ref).run();
  }
  return {
    next:
      results.length === PAGE && last ? { phase: "credits", key: last.key, ref: last.ref } : null,
    rows: results.length,
  };
}
