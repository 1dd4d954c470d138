import { and, asc, between, count, desc, eq, gt, inArray, or, sql } from "drizzle-orm";
import {
  petitionStats,
  petitions,
  type ReceptionVisitRow,
  receptionVisits,
  staff,
} from "../../schema/tenant/tables.ts";
import { chunked } from "./chunks.ts";
import { ofTenant, type TenantScope } from "./tenant-scope.ts";
import { inList, type Viewer, visibleCases } from "./visibility.ts";

const v = receptionVisits;

/** The visit row, once: a retried completion of the same ticket writes nothing twice. */
export function insertVisitStatement(scope: TenantScope, row: Omit<ReceptionVisitRow, "tenantId">) {
  return scope.db
    .insert(receptionVisits)
    .values({ ...row, tenantId: scope.tenant })
    .onConflictDoNothing();
}

export interface VisitFilter {
  from: string;
  to: string;
  /** Units whose sessions count (a scope's units); null for the whole county. */
  units: readonly string[] | null;
  leaderId?: string | undefined;
  after?: { date: string; sessionId: string; ticketNumber: number } | undefined;
  limit: number;
}

/**
 * A page of the visits of a period, oldest first, each with its case, through THE visibility
 * rule on that case: an accusation's visit is listed to nobody who may not see the
 * accusation, exactly as if it had not happened. Walks `reception_visits_date_idx` from the
 * cursor on, one primary-key probe of the case per visit.
 */
export function listVisibleVisits(scope: TenantScope, viewer: Viewer, f: VisitFilter) {
  const after = f.after
    ? or(
        gt(v.date, f.after.date),
        and(eq(v.date, f.after.date), gt(v.sessionId, f.after.sessionId)),
        and(
          eq(v.date, f.after.date),
          eq(v.sessionId, f.after.sessionId),
          gt(v.ticketNumber, f.after.ticketNumber),
        ),
      )
    : undefined;
  return scope.db
    .select({ visit: v, trackingCode: petitions.trackingCode, status: petitions.status })
    .from(v)
    .innerJoin(petitions, and(eq(petitions.tenantId, v.tenantId), eq(petitions.id, v.petitionId)))
    .where(
      ofTenant(
        scope,
        v,
        between(v.date, f.from, f.to),
        f.units === null ? undefined : inList(v.unitId, f.units),
        f.leaderId === undefined ? undefined : eq(v.leaderId, f.leaderId),
        after,
        visibleCases(viewer),
      ),
    )
    .orderBy(asc(v.date), asc(v.sessionId), asc(v.ticketNumber))
    .limit(f.limit);
}

/** A leader's latest reception days with how many they received, newest first (their home page). */
export function leaderReceptionDays(
  scope: TenantScope,
  leaderId: string,
  from: string,
  limit: number,
) {
  return scope.db
    .select({
      date: v.date,
      sessionId: v.sessionId,
      visits: count(),
      persons: sql<number>`sum(${v.headcount})`,
    })
    .from(v)
    .where(ofTenant(scope, v, eq(v.leaderId, leaderId), sql`${v.date} >= ${from}`))
    .groupBy(v.date, v.sessionId)
    .orderBy(desc(v.date), desc(v.sessionId))
    .limit(limit);
}

/**
 * Cases registered from each leader's visits in a period that are closed now (办结), for the
 * 情况统计表. A count names no case, so confidential visits count too. Reads the period's
 * visits by the date index and one stats row each: an export path, never a dashboard's.
 */
export function closedFromVisits(
  scope: TenantScope,
  f: { from: string; to: string; units: readonly string[] | null },
) {
  return scope.db
    .select({ leaderId: v.leaderId, n: count() })
    .from(v)
    .innerJoin(
      petitionStats,
      and(eq(petitionStats.tenantId, v.tenantId), eq(petitionStats.petitionId, v.petitionId)),
    )
    .where(
      ofTenant(
        scope,
        v,
        between(v.date, f.from, f.to),
        f.units === null ? undefined : inList(v.unitId, f.units),
        sql`${petitionStats.closedOn} IS NOT NULL`,
      ),
    )
    .groupBy(v.leaderId);
}

/**
 * Each leader's 职务 as the visits of the period recorded it (the latest visit's, since a
 * leader may be promoted within a quarter), read by the date index like the closed count.
 */
export function leaderPositions(
  scope: TenantScope,
  f: { from: string; to: string; units: readonly string[] | null },
) {
  // SQLite takes the bare column from the row holding max(date).
  return scope.db
    .select({ leaderId: v.leaderId, position: v.leaderPosition, last: sql`max(${v.date})` })
    .from(v)
    .where(
      ofTenant(
        scope,
        v,
        between(v.date, f.from, f.to),
        f.units === null ? undefined : inList(v.unitId, f.units),
      ),
    )
    .groupBy(v.leaderId);
}

/** The present 职务 of leaders no visit of the period names (those who only own or chase cases). */
export async function staffPositions(
  scope: TenantScope,
  ids: readonly string[],
): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const part of chunked(ids, 1)) {
    const rows = await scope.db
      .select({ id: staff.id, position: staff.position })
      .from(staff)
      .where(ofTenant(scope, staff, inArray(staff.id, part)));
    for (const r of rows) found.set(r.id, r.position ?? "");
  }
  return found;
}
