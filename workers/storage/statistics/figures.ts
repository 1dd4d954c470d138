import { addCalendarDays } from "../../domain/deadlines/index.ts";
import { type GrainRange, grainRanges } from "../../domain/statistics/period.ts";
import type { TenantScope } from "../tenant-scope.ts";
import { rebuildPendingQuery } from "./rebuild.ts";

export interface RollupSum {
  key: string;
  dim: string;
  n: number;
  m: number;
}

export interface ScopeSum {
  scope: string;
  n: number;
  m: number;
}

export interface SessionCount {
  leaderId: string;
  name: string;
  sessions: number;
}

export interface OwnedCount {
  leaderId: string;
  name: string | null;
  n: number;
}

/** A leader's count from `leader_rollup`: visits (n 批次, m 人次), followUps, supervised. */
export interface LeaderSum {
  key: string;
  leaderId: string;
  name: string | null;
  n: number;
  m: number;
}

export interface FigureRows {
  sums: RollupSum[];
  leaderSums: LeaderSum[];
  /** Route decisions and replies still open, due strictly before today. */
  overdueOpen: RollupSum[];
  children: ScopeSum[];
  owned: OwnedCount[];
  sessions: SessionCount[];
  /** The backlog now, when asked for: open cases older than the cutoff, and the final ones after it. */
  backlog: { longOpen: number; afterReview: number } | null;
  /** Whether the county's rollups are being rebuilt (a `statistics_rebuilds` row). */
  rebuilding: boolean;
  /** D1's count of rows read by the batch, for the cost test and the bench. */
  rowsRead: number;
}

export interface FigureRequest {
  /** `u:<unit>` or `t:<unit>`. */
  scope: string;
  ranges: GrainRange[];
  /** The same period cut at yesterday, for "due and still open". */
  openRanges: GrainRange[];
  childScopes: string[];
  /** Units whose reception sessions count (the scope's units); null for the whole county. */
  sessionUnits: readonly string[] | null;
  from: string;
  to: string;
  /**
   * The backlog (积案) in the same batch: `cutoff` is the first day a case received is not
   * yet long open (today − the county's days).
   */
  backlog?: { cutoff: string; today: string } | undefined;
}

/** No case is older than this: the backlog's long-open range starts here. */
const FIRST_DAY = "2000-01-01";

export interface FigureQuery {
  part:
    | "sums"
    | "open"
    | "children"
    | "sessions"
    | "leaders"
    | "backlogOld"
    | "backlogFinal"
    | "rebuilding";
  sql: string;
  binds: unknown[];
}

/**
 * Everything a period's figures need, as statements for one D1 batch (one round trip): per
 * grain range (see grainRanges), the scope's rollup rows, the still-open due counts up to
 * yesterday, each child unit's received count and the per-leader counts; then reception
 * sessions per leader. One statement per range keeps each a single primary-key range (an OR
 * of ranges would scan the scope), and rows are summed here rather than by GROUP BY, which reads them twice. They
 * read rollup rows only — about keys × ranges — never the cases.
 */
export function figureQueries(tenant: string, req: FigureRequest): FigureQuery[] {
  const queries: FigureQuery[] = [];
  for (const r of req.ranges) {
    queries.push({
      part: "sums",
      sql: `SELECT r.key, r.dim, r.n, r.m, s.display_name AS name
       FROM stat_rollup AS r
       LEFT JOIN staff AS s ON r.key = 'owned' AND s.id = r.dim AND s.tenant_id = r.tenant_id
       WHERE r.tenant_id = ? AND r.scope = ? AND r.grain = ? AND r.period BETWEEN ? AND ?`,
      binds: [tenant, req.scope, r.grain, r.from, r.to],
    });
    queries.push({
      part: "leaders",
      sql: `SELECT r.key, r.leader_id AS leaderId, r.n, r.m, s.display_name AS name
       FROM leader_rollup AS r
       LEFT JOIN staff AS s ON s.id = r.leader_id AND s.tenant_id = r.tenant_id
       WHERE r.tenant_id = ? AND r.scope = ? AND r.grain = ? AND r.period BETWEEN ? AND ?`,
      binds: [tenant, req.scope, r.grain, r.from, r.to],
    });
    if (req.childScopes.length > 0) {
      queries.push({
        part: "children",
        sql: `SELECT scope, n, m FROM stat_rollup INDEXED BY stat_rollup_key_idx
       WHERE tenant_id = ? AND scope IN (SELECT value FROM json_each(?)) AND key = 'received'
         AND grain = ? AND period BETWEEN ? AND ? AND dim = ''`,
        binds: [tenant, JSON.stringify(req.childScopes), r.grain, r.from, r.to],
      });
    }
  }
  for (const r of req.openRanges) {
    queries.push({
      part: "open",
      sql: `SELECT key, dim, n, m FROM stat_rollup INDEXED BY stat_rollup_key_idx
       WHERE tenant_id = ? AND scope = ? AND key IN ('acceptDue', 'replyDue', 'firstReplyDue')
         AND grain = ? AND period BETWEEN ? AND ? AND dim = 'open'`,
      binds: [tenant, req.scope, r.grain, r.from, r.to],
    });
  }
  if (req.backlog) {
    const { cutoff, today } = req.backlog;
    const openRows = (part: FigureQuery["part"], ranges: GrainRange[], dim: string | null) => {
      for (const r of ranges) {
        queries.push({
          part,
          sql: `SELECT key, dim, n, m FROM stat_rollup INDEXED BY stat_rollup_key_idx
       WHERE tenant_id = ? AND scope = ? AND key = 'open' AND grain = ? AND period BETWEEN ? AND ?${dim === null ? "" : " AND dim = ?"}`,
          binds: [tenant, req.scope, r.grain, r.from, r.to, ...(dim === null ? [] : [dim])],
        });
      }
    };
    openRows("backlogOld", grainRanges({ from: FIRST_DAY, to: addCalendarDays(cutoff, -1) }), null);
    openRows("backlogFinal", grainRanges({ from: cutoff, to: today }), "final");
  }
  const unitFilter =
    req.sessionUnits === null ? "" : "AND unit_id IN (SELECT value FROM json_each(?))";
  const binds: unknown[] = [tenant, req.from, req.to];
  if (req.sessionUnits !== null) binds.push(JSON.stringify(req.sessionUnits));
  queries.push({
    part: "sessions",
    sql: `SELECT leader_id AS leaderId, max(leader_name) AS name, count(*) AS sessions
       FROM reception_sessions
       WHERE tenant_id = ? AND date BETWEEN ? AND ? AND status = 'published' ${unitFilter}
       GROUP BY leader_id`,
    binds,
  });
  queries.push({ part: "rebuilding", ...rebuildPendingQuery(tenant) });
  return queries;
}

/** Sums rows sharing an identity (the rollup rows of a period's months and days). */
function total<T extends { n: number; m: number }>(rows: T[], identity: (row: T) => string): T[] {
  const out = new Map<string, T>();
  for (const row of rows) {
    const id = identity(row);
    const found = out.get(id);
    if (found) {
      found.n += row.n;
      found.m += row.m;
    } else out.set(id, { ...row });
  }
  return [...out.values()];
}

const byKeyDim = (r: RollupSum) => `${r.key}\u0000${r.dim}`;

export async function readFigureRows(scope: TenantScope, req: FigureRequest): Promise<FigureRows> {
  const db = scope.d1;
  const queries = figureQueries(scope.tenant, req);
  const results = await db.batch(queries.map((q) => db.prepare(q.sql).bind(...q.binds)));
  const part = <T>(name: FigureQuery["part"]) =>
    queries.flatMap((q, i) => (q.part === name ? ((results[i]?.results ?? []) as T[]) : []));
  const sums = total(part<RollupSum & { name: string | null }>("sums"), byKeyDim);
  return {
    sums,
    leaderSums: total(part<LeaderSum>("leaders"), (r) => `${r.key}\u0000${r.leaderId}`),
    overdueOpen: total(part<RollupSum>("open"), byKeyDim),
    children: total(part<ScopeSum>("children"), (r) => r.scope),
    owned: sums
      .filter((r) => r.key === "owned")
      .map((r) => ({ leaderId: r.dim, name: r.name, n: r.n })),
    sessions: part<SessionCount>("sessions"),
    backlog: req.backlog
      ? {
          longOpen: part<RollupSum>("backlogOld").reduce((t, r) => t + r.n, 0),
          afterReview: part<RollupSum>("backlogFinal").reduce((t, r) => t + r.n, 0),
        }
      : null,
    rebuilding: part("rebuilding").length > 0,
    rowsRead: results.reduce((t, r) => t + (r.meta.rows_read ?? 0), 0),
  };
}

/** Received counts per month of a scope: one rollup row per month, by the key index. */
export async function readMonthlyReceived(
  scope: TenantScope,
  figureScope: string,
  from: string,
  to: string,
): Promise<{ period: string; n: number; m: number }[]> {
  const { results } = await scope.d1
    .prepare(
      `SELECT period, n, m FROM stat_rollup INDEXED BY stat_rollup_key_idx
       WHERE tenant_id = ? AND scope = ? AND key = 'received' AND grain = 'm'
         AND period BETWEEN ? AND ? AND dim = ''`,
    )
    .bind(scope.tenant, figureScope, from, to)
    .all<{ period: string; n: number; m: number }>();
  return results;
}
