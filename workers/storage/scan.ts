import { inArray, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import {
  type DeadlineAlertRow,
  deadlineAlerts,
  deadlineCounts,
  type PetitionRow,
  petitions,
} from "../../schema/tenant/tables.ts";
import { chunked } from "./chunks.ts";
import { petitionFromRow } from "./petitions.ts";
import { ofTenant, type TenantScope } from "./tenant-scope.ts";

/** Where a page of due cases ends: the scan resumes after it. */
export interface DueKey {
  at: number;
  id: string;
}

/**
 * The next page of cases whose alert time has come, in (next alert, id) order after
 * `after`, straight from the `(tenant_id, next_alert_at, id)` index: D1 counts one row read
 * per case. Each case brings who has stepped aside from it (`recused_staff`), found by the
 * recusals' key: a case with none costs no read, so the page needs no second round trip.
 * Returns the rows read, so the cost of a scan can be checked: it follows the due cases,
 * not the open ones.
 */
export const DUE_CASES_SQL = `SELECT p.*, (SELECT json_group_array(r.staff_id) FROM recusals r
    WHERE r.tenant_id = p.tenant_id AND r.petition_id = p.id) AS recused_staff
  FROM petitions p INDEXED BY petitions_tenant_alert_idx
  WHERE p.tenant_id = ?1 AND p.next_alert_at <= ?2 AND (p.next_alert_at, p.id) > (?3, ?4)
  ORDER BY p.next_alert_at, p.id LIMIT ?5`;

export interface DueCase {
  row: PetitionRow;
  /** Staff recused from the case (§28): never told about it. */
  recused: ReadonlySet<string>;
}

export async function dueCases(
  scope: TenantScope,
  now: Date,
  after: DueKey | undefined,
  limit: number,
) {
  const due = await scope.d1
    .prepare(DUE_CASES_SQL)
    .bind(scope.tenant, now.getTime(), after?.at ?? -1, after?.id ?? "", limit)
    .all<Record<string, unknown>>();
  const cases = due.results.map(
    (raw): DueCase => ({
      row: petitionFromRow(raw),
      recused: new Set(JSON.parse(String(raw.recused_staff ?? "[]")) as string[]),
    }),
  );
  return { cases, rowsRead: due.meta.rows_read ?? 0 };
}

/**
 * The alerts already recorded on due cases that do not carry their marks (cases from before
 * migration 0023, read once), in one round trip for any number of them.
 */
export async function recordedAlerts(scope: TenantScope, ids: readonly string[]) {
  const [first, ...rest] = chunked(ids, 1).map((chunk) =>
    scope.db
      .select()
      .from(deadlineAlerts)
      .where(ofTenant(scope, deadlineAlerts, inArray(deadlineAlerts.petitionId, chunk))),
  );
  if (!first) return [];
  return ((await scope.db.batch([first, ...rest])) as DeadlineAlertRow[][]).flat();
}

/** Records alerts, many per statement within D1's parameter limit; each at most once. */
export function insertAlertsStatements(
  scope: TenantScope,
  alerts: readonly Omit<DeadlineAlertRow, "tenantId">[],
): BatchItem<"sqlite">[] {
  return chunked(alerts, 7).map((chunk) =>
    scope.db
      .insert(deadlineAlerts)
      .values(chunk.map((a) => ({ ...a, tenantId: scope.tenant })))
      .onConflictDoNothing(),
  );
}

/**
 * Moves a due case's next alert time on and records the marks it has had: one statement per
 * case, found through the primary key (the unary `+` keeps the planner off the tenant's
 * indexes), which D1 meters as the one row it is. (One statement joining a JSON list to the
 * cases reads each about four times: the list, the join, its copy and the row.) A case
 * changed since it was read (another version) keeps the alert time its own write set; its
 * marks are recorded whatever the version, as they are in the log, so none is told twice.
 */
export function setNextAlertStatements(
  scope: TenantScope,
  cases: readonly { id: string; version: number; at: Date | null; marks: string[] }[],
) {
  return cases.map((c) =>
    scope.db
      .update(petitions)
      .set({
        alertMarks: c.marks,
        nextAlertAt: sql`CASE WHEN ${petitions.version} = ${c.version} THEN ${c.at?.getTime() ?? null} ELSE ${petitions.nextAlertAt} END`,
      })
      .where(sql`${petitions.id} = ${c.id} AND +${petitions.tenantId} = ${scope.tenant}`),
  );
}

/**
 * The daily digest's figures per unit, from the counters the triggers keep: only the
 * buckets already near (or due, or overdue) by the end of today are read, never the cases.
 * First each unit's overdue buckets are folded into one row (`near_at` = `deadline_at` = 0,
 * overdue for good: a case leaves it only by moving, and the triggers take it out), so the
 * read stays a few rows per unit however long the county's backlog.
 */
export async function digestCounts(scope: TenantScope, todayStart: Date, todayEnd: Date) {
  const [fold, clear, counts] = digestStatements(scope, todayStart, todayEnd);
  const [, , rows] = await scope.db.batch([fold, clear, counts]);
  return rows;
}

export function digestStatements(scope: TenantScope, todayStart: Date, todayEnd: Date) {
  const start = todayStart.getTime();
  const end = todayEnd.getTime();
  const overdueBuckets = sql`${deadlineCounts.tenantId} = ${scope.tenant} AND ${deadlineCounts.nearAt} > 0 AND ${deadlineCounts.nearAt} <= ${start} AND ${deadlineCounts.deadlineAt} <= ${start}`;
  const fold = scope.db
    .insert(deadlineCounts)
    .select(
      scope.db
        .select({
          tenantId: deadlineCounts.tenantId,
          nearAt: sql<number>`0`.as("near_at"),
          unitId: deadlineCounts.unitId,
          deadlineAt: sql<number>`0`.as("deadline_at"),
          cases: sql<number>`sum(${deadlineCounts.cases})`.as("cases"),
        })
        .from(deadlineCounts)
        .where(overdueBuckets)
        .groupBy(deadlineCounts.unitId),
    )
    .onConflictDoUpdate({
      target: [
        deadlineCounts.tenantId,
        deadlineCounts.nearAt,
        deadlineCounts.unitId,
        deadlineCounts.deadlineAt,
      ],
      set: { cases: sql`${deadlineCounts.cases} + excluded.cases` },
    });
  const clear = scope.db.delete(deadlineCounts).where(overdueBuckets);
  const counts = scope.db
    .select({
      unitId: deadlineCounts.unitId,
      overdue: sql<number>`coalesce(sum(CASE WHEN ${deadlineCounts.deadlineAt} <= ${start} THEN ${deadlineCounts.cases} END), 0)`,
      dueToday: sql<number>`coalesce(sum(CASE WHEN ${deadlineCounts.deadlineAt} > ${start} AND ${deadlineCounts.deadlineAt} <= ${end} THEN ${deadlineCounts.cases} END), 0)`,
      near: sql<number>`coalesce(sum(CASE WHEN ${deadlineCounts.deadlineAt} > ${end} THEN ${deadlineCounts.cases} END), 0)`,
    })
    .from(deadlineCounts)
    .where(ofTenant(scope, deadlineCounts, sql`${deadlineCounts.nearAt} <= ${end}`))
    .groupBy(deadlineCounts.unitId);
  return [fold, clear, counts] as const;
}
