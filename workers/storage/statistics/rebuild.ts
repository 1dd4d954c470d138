import type { TenantScope } from "../tenant-scope.ts";

/** Where a rebuild stands: clearing the rollups, re-adding cases, then supervisions. */
export interface RebuildCursor {
  phase: "clear" | "cases" | "supervisions";
  after: string;
}

export interface RebuildStep {
  next: RebuildCursor | null;
  cases: number;
  supervisions: number;
}

/** Rows per call: each re-added case writes about 120 rollup rows through its trigger. */
const CLEAR_PAGE = 5_000;
const CASE_PAGE = 100;
const SUPERVISION_PAGE = 200;

/**
 * A page of the county's rollups, named by primary key: `stat_rollup` is WITHOUT ROWID
 * (migration 0017), so its upserts read one b-tree.
 */
export const CLEAR_ROLLUPS_SQL = `DELETE FROM stat_rollup WHERE (tenant_id, scope, grain, period, key, dim) IN
  (SELECT tenant_id, scope, grain, period, key, dim FROM stat_rollup WHERE tenant_id = ? LIMIT ${CLEAR_PAGE})`;

/**
 * One step of rebuilding a county's rollups from its cases: clear them in pages, then bump
 * `rebuild_gen` on a page of case rows (and `stat_gen` on supervisions), whose triggers add
 * each row's contribution with the same statement the live triggers use. Each call is a
 * few statements, far under D1's per-invocation limits; the administrator (or the console)
 * calls again with the cursor until it answers done. Run it in a quiet hour: a case changed
 * mid-rebuild ahead of the cursor is counted by both its own trigger and the rebuild.
 */
export async function rebuildStep(
  scope: TenantScope,
  cursor: RebuildCursor | null,
): Promise<RebuildStep> {
  const db = scope.d1;
  const at = cursor ?? { phase: "clear", after: "" };
  if (at.phase === "clear") {
    const result = await db.prepare(CLEAR_ROLLUPS_SQL).bind(scope.tenant).run();
    const more = result.meta.changes === CLEAR_PAGE;
    return {
      next: more ? at : { phase: "cases", after: "" },
      cases: 0,
      supervisions: 0,
    };
  }
  if (at.phase === "cases") {
    const { results } = await db
      .prepare(
        `UPDATE petition_stats SET rebuild_gen = rebuild_gen + 1
         WHERE tenant_id = ?1 AND petition_id IN (SELECT petition_id FROM petition_stats
           WHERE tenant_id = ?1 AND petition_id > ?2 ORDER BY petition_id LIMIT ${CASE_PAGE})
         RETURNING petition_id AS id`,
      )
      .bind(scope.tenant, at.after)
      .all<{ id: string }>();
    const last = results
      .map((r) => r.id)
      .sort()
      .at(-1);
    return {
      next:
        results.length === CASE_PAGE && last
          ? { phase: "cases", after: last }
          : { phase: "supervisions", after: "" },
      cases: results.length,
      supervisions: 0,
    };
  }
  const { results } = await db
    .prepare(
      `UPDATE supervisions SET stat_gen = stat_gen + 1
       WHERE tenant_id = ?1 AND id IN (SELECT id FROM supervisions
         WHERE tenant_id = ?1 AND id > ?2 ORDER BY id LIMIT ${SUPERVISION_PAGE})
       RETURNING id`,
    )
    .bind(scope.tenant, at.after)
    .all<{ id: string }>();
  const last = results
    .map((r) => r.id)
    .sort()
    .at(-1);
  return {
    next:
      results.length === SUPERVISION_PAGE && last ? { phase: "supervisions", after: last } : null,
    cases: 0,
    supervisions: results.length,
  };
}
