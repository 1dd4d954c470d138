import { sql } from "drizzle-orm";
import { statisticsRebuilds } from "../../../schema/tenant/tables.ts";
import { ofTenant, type TenantScope } from "../tenant-scope.ts";

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

/** Rows per call: each re-added case writes about 130 rollup rows through its trigger. */
const CLEAR_PAGE = 5_000;
const CASE_PAGE = 100;
const SUPERVISION_PAGE = 200;

/**
 * A page of the county's rollups, named by primary key: `stat_rollup` is WITHOUT ROWID
 * (migration 0017), so its upserts read one b-tree.
 */
export const CLEAR_ROLLUPS_SQL = `DELETE FROM stat_rollup WHERE (tenant_id, scope, grain, period, key, dim) IN
  (SELECT tenant_id, scope, grain, period, key, dim FROM stat_rollup WHERE tenant_id = ?1 LIMIT ${CLEAR_PAGE})`;

/**
 * A rebuild of the county's rollups, for the cron to carry out (`rebuildStep`). Asking again
 * starts it over from clearing, whatever step it was at.
 */
export function requestRebuildStatement(scope: TenantScope, by: string | null, now: Date) {
  const fresh = {
    phase: "clear" as const,
    afterId: "",
    requestedAt: now,
    requestedBy: by,
    steppedAt: null,
    steps: 0,
    failures: 0,
    lastError: null,
  };
  return scope.db
    .insert(statisticsRebuilds)
    .values({ tenantId: scope.tenant, ...fresh })
    .onConflictDoUpdate({ target: statisticsRebuilds.tenantId, set: fresh });
}

/** The shard's pending rebuilds, least recently moved on first (counties take turns). */
export async function pendingRebuilds(
  db: D1Database,
  limit: number,
): Promise<({ tenant: string } & RebuildCursor)[]> {
  const { results } = await db
    .prepare(
      `SELECT tenant_id AS tenant, phase, after_id AS after FROM statistics_rebuilds
       ORDER BY stepped_at, requested_at LIMIT ?`,
    )
    .bind(limit)
    .all<{ tenant: string } & RebuildCursor>();
  return results;
}

/** Whether the county's figures are being rebuilt: one primary-key read. */
export function rebuildPendingQuery(tenant: string) {
  return {
    sql: "SELECT 1 AS pending FROM statistics_rebuilds WHERE tenant_id = ?",
    binds: [tenant] as unknown[],
  };
}

export async function recordRebuildFailure(scope: TenantScope, error: string, now: Date) {
  await scope.db
    .update(statisticsRebuilds)
    .set({
      failures: sql`${statisticsRebuilds.failures} + 1`,
      lastError: error.slice(0, 500),
      steppedAt: now,
    })
    .where(ofTenant(scope, statisticsRebuilds));
}

/** The job row, while it still stands at `at`: a step applies only then. */
const AT = `EXISTS (SELECT 1 FROM statistics_rebuilds WHERE tenant_id = ?1 AND phase = ?2 AND after_id = ?3)`;

/**
 * One step of rebuilding a county's rollups from its cases, from the cursor held in its
 * `statistics_rebuilds` row: clear them in pages, then bump `rebuild_gen` on a page of case
 * rows (and `stat_gen` on supervisions), whose triggers add each row's contribution with the
 * same statement the live triggers use. The work and the cursor's move are one batch, and
 * both apply only if the row still stands where the step began: a step is never counted
 * twice (a run that overlaps another, a rebuild asked for again midway). The last page
 * removes the row. Each call is two or three statements (about 13,000 rollup upserts for a
 * page of cases), far under D1's limits. Offices may work on meanwhile: the live triggers
 * leave alone a row the rebuild has not reached yet (rollup-sql.ts, `notAwaitingRebuild`).
 */
export async function rebuildStep(
  scope: TenantScope,
  at: RebuildCursor,
  now: Date,
): Promise<RebuildStep> {
  const db = scope.d1;
  const binds = [scope.tenant, at.phase, at.after, now.getTime()];
  if (at.phase === "clear") {
    const cleared = await db
      .prepare(`${CLEAR_ROLLUPS_SQL} AND ${AT}`)
      .bind(...binds.slice(0, 3))
      .run();
    const more = cleared.meta.changes === CLEAR_PAGE;
    const next: RebuildCursor = more ? at : { phase: "cases", after: "" };
    // Clearing again is harmless, so the cursor may move in its own statement.
    await db
      .prepare(
        `UPDATE statistics_rebuilds SET phase = ?5, after_id = '', steps = steps + 1, stepped_at = ?4
         WHERE tenant_id = ?1 AND phase = ?2 AND after_id = ?3`,
      )
      .bind(...binds, next.phase)
      .run();
    return { next, cases: 0, supervisions: 0 };
  }
  const [table, id, gen, size, following] =
    at.phase === "cases"
      ? (["petition_stats", "petition_id", "rebuild_gen", CASE_PAGE, "supervisions"] as const)
      : (["supervisions", "id", "stat_gen", SUPERVISION_PAGE, null] as const);
  const page = `SELECT ${id} FROM ${table} WHERE tenant_id = ?1 AND ${id} > ?3 ORDER BY ${id} LIMIT ${size}`;
  const full = `(SELECT count(*) FROM (${page})) = ${size}`;
  const [bumped] = await db.batch([
    db
      .prepare(
        `UPDATE ${table} SET ${gen} = ${gen} + 1
         WHERE tenant_id = ?1 AND ${id} IN (${page}) AND ${AT}
         RETURNING ${id} AS id`,
      )
      .bind(...binds.slice(0, 3)),
    // Moves on to the page's last id while pages are full; then to the next phase, or done.
    following === null
      ? db
          .prepare(
            `DELETE FROM statistics_rebuilds WHERE tenant_id = ?1 AND phase = ?2 AND after_id = ?3 AND NOT ${full}`,
          )
          .bind(...binds.slice(0, 3))
      : db
          .prepare(
            `UPDATE statistics_rebuilds SET steps = steps + 1, stepped_at = ?4,
               phase = CASE WHEN ${full} THEN phase ELSE '${following}' END,
               after_id = CASE WHEN ${full} THEN (SELECT max(${id}) FROM (${page})) ELSE '' END
             WHERE tenant_id = ?1 AND phase = ?2 AND after_id = ?3`,
          )
          .bind(...binds),
    ...(following === null
      ? [
          db
            .prepare(
              `UPDATE statistics_rebuilds SET steps = steps + 1, stepped_at = ?4,
                 after_id = (SELECT max(${id}) FROM (${page}))
               WHERE tenant_id = ?1 AND phase = ?2 AND after_id = ?3 AND ${full}`,
            )
            .bind(...binds),
        ]
      : []),
  ]);
  const ids = (bumped?.results ?? []) as { id: string }[];
  const last = ids
    .map((r) => r.id)
    .sort()
    .at(-1);
  const next: RebuildCursor | null =
    ids.length === size && last
      ? { phase: at.phase, after: last }
      : following === null
        ? null
        : { phase: following, after: "" };
  return {
    next,
    cases: at.phase === "cases" ? ids.length : 0,
    supervisions: at.phase === "supervisions" ? ids.length : 0,
  };
}
