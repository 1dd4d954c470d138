import { inArray } from "drizzle-orm";
import { petitions } from "../../schema/tenant/tables.ts";
import { ofTenant, type TenantScope } from "./tenant-scope.ts";

/**
 * The cases whose next alert time has come, read through the `(tenant_id, next_alert_at)`
 * index. Returns D1's own count of rows read, so the cost of a scan can be checked: it
 * follows the cases that are due, not the cases that are open.
 */
export async function casesDueForScan(scope: TenantScope, now: Date, limit: number) {
  const due = await scope.d1
    .prepare(
      "SELECT id FROM petitions WHERE tenant_id = ?1 AND next_alert_at <= ?2 ORDER BY next_alert_at LIMIT ?3",
    )
    .bind(scope.tenant, now.getTime(), limit)
    .all<{ id: string }>();
  const ids = due.results.map((r) => r.id);
  const rows = ids.length
    ? await scope.db
        .select()
        .from(petitions)
        .where(ofTenant(scope, petitions, inArray(petitions.id, ids)))
    : [];
  return { rows, rowsRead: due.meta.rows_read ?? 0 };
}
