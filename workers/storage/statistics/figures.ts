import type { GrainRange } from "../../domain/statistics/period.ts";
import type { TenantScope } from "../tenant-scope.ts";

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

export interface FigureRows {
  sums: RollupSum[];
  /** Route decisions and replies still open, due strictly before today. */
  overdueOpen: RollupSum[];
  children: ScopeSum[];
  owned: OwnedCount[];
  sessions: SessionCount[];
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
}

/** `(grain = ? AND period BETWEEN ? AND ?) OR …`, bound from `binds`. */
function rangeCondition(ranges: GrainRange[], binds: unknown[], alias = ""): string {
  if (ranges.length === 0) return "0";
  return ranges
    .map((r) => {
      binds.push(r.grain, r.from, r.to);
      return `(${alias}grain = ? AND ${alias}period BETWEEN ? AND ?)`;
    })
    .join(" OR ");
}

/**
 * Everything a period's figures need, in one D1 batch (one round trip): the scope's sums per
 * key and dim, the still-open due counts up to yesterday, each child unit's received count,
 * cases owned per leader and reception sessions per leader. Reads rollup rows only — about
 * keys × months — never the cases.
 */
export async function readFigureRows(scope: TenantScope, req: FigureRequest): Promise<FigureRows> {
  const db = scope.d1;
  const b1: unknown[] = [scope.tenant, req.scope];
  const sums = db
    .prepare(
      `SELECT key, dim, sum(n) AS n, sum(m) AS m FROM stat_rollup
       WHERE tenant_id = ? AND scope = ? AND (${rangeCondition(req.ranges, b1)})
       GROUP BY key, dim`,
    )
    .bind(...b1);
  const b2: unknown[] = [scope.tenant, req.scope];
  const open = db
    .prepare(
      `SELECT key, dim, sum(n) AS n, sum(m) AS m FROM stat_rollup
       WHERE tenant_id = ? AND scope = ? AND (${rangeCondition(req.openRanges, b2)})
         AND key IN ('acceptDue', 'replyDue', 'firstReplyDue') AND dim = 'open'
       GROUP BY key, dim`,
    )
    .bind(...b2);
  const b3: unknown[] = [scope.tenant, JSON.stringify(req.childScopes)];
  const children = db
    .prepare(
      `SELECT scope, sum(n) AS n, sum(m) AS m FROM stat_rollup
       WHERE tenant_id = ? AND scope IN (SELECT value FROM json_each(?))
         AND (${rangeCondition(req.ranges, b3)}) AND key = 'received' AND dim = ''
       GROUP BY scope`,
    )
    .bind(...b3);
  const b4: unknown[] = [scope.tenant, req.scope];
  const owned = db
    .prepare(
      `SELECT r.dim AS leaderId, s.display_name AS name, sum(r.n) AS n
       FROM stat_rollup AS r LEFT JOIN staff AS s ON s.id = r.dim AND s.tenant_id = r.tenant_id
       WHERE r.tenant_id = ? AND r.scope = ? AND (${rangeCondition(req.ranges, b4, "r.")})
         AND r.key = 'owned'
       GROUP BY r.dim`,
    )
    .bind(...b4);
  const unitFilter =
    req.sessionUnits === null ? "" : "AND unit_id IN (SELECT value FROM json_each(?))";
  const b5: unknown[] = [scope.tenant, req.from, req.to];
  if (req.sessionUnits !== null) b5.push(JSON.stringify(req.sessionUnits));
  const sessions = db
    .prepare(
      `SELECT leader_id AS leaderId, max(leader_name) AS name, count(*) AS sessions
       FROM reception_sessions
       WHERE tenant_id = ? AND date BETWEEN ? AND ? AND status = 'published' ${unitFilter}
       GROUP BY leader_id`,
    )
    .bind(...b5);
  const [a, b, c, d, e] = await db.batch([sums, open, children, owned, sessions]);
  const rows = <T>(r: D1Result | undefined) => (r?.results ?? []) as T[];
  const rowsRead = [a, b, c, d, e].reduce((t, r) => t + (r?.meta.rows_read ?? 0), 0);
  return {
    sums: rows<RollupSum>(a),
    overdueOpen: rows<RollupSum>(b),
    children: rows<ScopeSum>(c),
    owned: rows<OwnedCount>(d),
    sessions: rows<SessionCount>(e),
    rowsRead,
  };
}
