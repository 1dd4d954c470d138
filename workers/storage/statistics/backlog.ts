import { and, asc, eq, gt, or, type SQL, sql } from "drizzle-orm";
import { DEFAULT_BACKLOG_DAYS } from "../../../schema/reference/oversight.ts";
import { petitionStats, petitions, staff } from "../../../schema/tenant/tables.ts";
import type { FigureScope } from "../../domain/statistics/scope.ts";
import { ofTenant, type TenantScope } from "../tenant-scope.ts";
import { type Viewer, visibleCases } from "../visibility.ts";

const s = petitionStats;

/**
 * The backlog (积案): cases still open (not closed, not declined) received before `cutoff`
 * (open longer than the county's days), and open cases petitioned again after re-review.
 * Both are read from partial indexes on petition_stats ordered by (received_on, case), so
 * the older group always comes first: a page is the first group's rows, then the second's.
 * The literal `open_case = 1` lets SQLite prove the partial index applies.
 */
const OPEN = sql`${s.openCase} = 1`;
const AFTER_REVIEW = sql`${s.afterReview} = 1`;

function unitCondition(scope: FigureScope): SQL | undefined {
  if (scope.kind === "county") return undefined;
  if (scope.kind === "unit") return eq(s.unitId, scope.unitId);
  return or(
    eq(s.unitId, scope.unitId),
    eq(s.unitParent, scope.unitId),
    eq(s.unitGrand, scope.unitId),
  );
}

export interface BacklogRequest {
  scope: FigureScope;
  /** Received before this day: open longer than the county's backlog days. */
  cutoff: string;
  after?: { day: string; id: string } | undefined;
  limit: number;
}

export interface BacklogRow {
  id: string;
  trackingCode: string;
  status: (typeof petitions.$inferSelect)["status"];
  receivedOn: string;
  categoryCode: string;
  responsibleUnitId: string;
  afterReview: number;
  ownerId: string | null;
  ownerName: string | null;
  channel: string;
  purpose: string;
}

function backlogPart(scope: TenantScope, viewer: Viewer, req: BacklogRequest, older: boolean) {
  const after = req.after
    ? or(
        gt(s.receivedOn, req.after.day),
        and(eq(s.receivedOn, req.after.day), gt(s.petitionId, req.after.id)),
      )
    : undefined;
  const group = older
    ? and(OPEN, sql`${s.receivedOn} < ${req.cutoff}`)
    : and(OPEN, AFTER_REVIEW, sql`${s.receivedOn} >= ${req.cutoff}`);
  return scope.db
    .select({
      id: petitions.id,
      trackingCode: petitions.trackingCode,
      status: petitions.status,
      receivedOn: s.receivedOn,
      categoryCode: petitions.categoryCode,
      responsibleUnitId: petitions.responsibleUnitId,
      afterReview: s.afterReview,
      ownerId: petitions.ownerLeaderId,
      ownerName: staff.displayName,
      channel: petitions.channel,
      purpose: petitions.purpose,
    })
    .from(s)
    .innerJoin(petitions, and(eq(petitions.id, s.petitionId), eq(petitions.tenantId, s.tenantId)))
    .leftJoin(staff, and(eq(staff.id, petitions.ownerLeaderId), eq(staff.tenantId, s.tenantId)))
    .where(ofTenant(scope, s, group, unitCondition(req.scope), after, visibleCases(viewer)))
    .orderBy(asc(s.receivedOn), asc(s.petitionId))
    .limit(req.limit);
}

/** The two statements of a page, for EXPLAIN in the tests. */
export function backlogQueries(scope: TenantScope, viewer: Viewer, req: BacklogRequest) {
  return [backlogPart(scope, viewer, req, true), backlogPart(scope, viewer, req, false)] as const;
}

/**
 * A page of the backlog the viewer may see, oldest first, in one round trip. Cases the
 * viewer may not see are not listed (they are still counted in the figures).
 */
export async function listBacklogRows(
  scope: TenantScope,
  viewer: Viewer,
  req: BacklogRequest,
): Promise<BacklogRow[]> {
  const [older, later] = await scope.db.batch([...backlogQueries(scope, viewer, req)]);
  return [...older, ...later].slice(0, req.limit);
}

/**
 * The backlog's counts in a scope, for the figures: two counts over the partial indexes
 * (their unit columns make them covering), so the rows read are the backlog's, never the
 * county's history. The county's days are read inside the statement from its settings,
 * so the count needs no round trip of its own.
 */
export function backlogCountQueries(scope: TenantScope, figureScope: FigureScope, today: string) {
  const cutoff = sql`date(${today}, '-' || coalesce((SELECT json_extract(oversight_policy, '$.backlogDays') FROM tenant_settings WHERE tenant_id = ${scope.tenant}), ${DEFAULT_BACKLOG_DAYS}) || ' days')`;
  const count = (older: boolean) =>
    scope.db
      .select({
        n: sql<number>`count(*)`,
        days: sql<number>`julianday(${today}) - julianday(${cutoff})`,
      })
      .from(s)
      .where(
        ofTenant(
          scope,
          s,
          older
            ? and(OPEN, sql`${s.receivedOn} < ${cutoff}`)
            : and(OPEN, AFTER_REVIEW, sql`${s.receivedOn} >= ${cutoff}`),
          unitCondition(figureScope),
        ),
      );
  return [count(true), count(false)] as const;
}

export async function countBacklog(scope: TenantScope, figureScope: FigureScope, today: string) {
  const [[older], [later]] = await scope.db.batch([
    ...backlogCountQueries(scope, figureScope, today),
  ]);
  const longOpen = older?.n ?? 0;
  const afterReview = later?.n ?? 0;
  return {
    total: longOpen + afterReview,
    longOpen,
    afterReview,
    backlogDays: Math.round(older?.days ?? DEFAULT_BACKLOG_DAYS),
  };
}
