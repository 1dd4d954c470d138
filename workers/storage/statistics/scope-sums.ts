import type { GrainRange } from "../../domain/statistics/period.ts";
import type { TenantScope } from "../tenant-scope.ts";

export interface ScopeKeySum {
  scope: string;
  key: string;
  dim: string;
  n: number;
  m: number;
}

export interface ScopeSumsRequest {
  /** A name for the set, to tell the results of one batch apart. */
  label: string;
  scopes: readonly string[];
  keys: readonly string[];
  ranges: readonly GrainRange[];
  /** Only this dim (the still-open due counts read `open`). */
  dim?: string;
}

export interface ScopeSumsQuery {
  label: string;
  sql: string;
  binds: unknown[];
}

/**
 * Several scopes' rollup rows of some keys over a period, one statement per grain range,
 * each served by the key index (scope × key seeks, then the period's range): the
 * assessment's units, the 研判's months, the report's splits. Rows only, never cases.
 */
export function scopeSumsQueries(tenant: string, reqs: readonly ScopeSumsRequest[]) {
  const out: ScopeSumsQuery[] = [];
  for (const req of reqs) {
    for (const r of req.ranges) {
      const binds: unknown[] = [
        tenant,
        JSON.stringify(req.scopes),
        JSON.stringify(req.keys),
        r.grain,
        r.from,
        r.to,
      ];
      if (req.dim !== undefined) binds.push(req.dim);
      out.push({
        label: req.label,
        sql: `SELECT scope, key, dim, n, m FROM stat_rollup INDEXED BY stat_rollup_key_idx
       WHERE tenant_id = ? AND scope IN (SELECT value FROM json_each(?))
         AND key IN (SELECT value FROM json_each(?))
         AND grain = ? AND period BETWEEN ? AND ?${req.dim !== undefined ? " AND dim = ?" : ""}`,
        binds,
      });
    }
  }
  return out;
}

export interface ScopeSums {
  /** label → summed rows (one per scope, key and dim). */
  sets: Map<string, ScopeKeySum[]>;
  rowsRead: number;
}

/** Every request in one D1 batch, rows summed per (scope, key, dim) within each label. */
export async function readScopeSums(
  scope: TenantScope,
  reqs: readonly ScopeSumsRequest[],
): Promise<ScopeSums> {
  const queries = scopeSumsQueries(scope.tenant, reqs);
  const sets = new Map<string, ScopeKeySum[]>(reqs.map((r) => [r.label, []]));
  if (queries.length === 0) return { sets, rowsRead: 0 };
  const db = scope.d1;
  const results = await db.batch(queries.map((q) => db.prepare(q.sql).bind(...q.binds)));
  const totals = new Map<string, Map<string, ScopeKeySum>>();
  let rowsRead = 0;
  for (const [i, q] of queries.entries()) {
    const result = results[i];
    rowsRead += result?.meta.rows_read ?? 0;
    let byId = totals.get(q.label);
    if (!byId) {
      byId = new Map();
      totals.set(q.label, byId);
    }
    for (const row of (result?.results ?? []) as ScopeKeySum[]) {
      const id = `${row.scope}\u0000${row.key}\u0000${row.dim}`;
      const found = byId.get(id);
      if (found) {
        found.n += row.n;
        found.m += row.m;
      } else byId.set(id, { ...row });
    }
  }
  for (const [label, byId] of totals) sets.set(label, [...byId.values()]);
  return { sets, rowsRead };
}

/** The sum of one scope's key (and dim, when given) in a set of rows. */
export function sumOf(rows: readonly ScopeKeySum[], scope: string, key: string, dim?: string) {
  let n = 0;
  let m = 0;
  for (const r of rows) {
    if (r.scope === scope && r.key === key && (dim === undefined || r.dim === dim)) {
      n += r.n;
      m += r.m;
    }
  }
  return { n, m };
}
