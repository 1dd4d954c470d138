import { and, asc, eq, gt, or, type SQL, sql } from "drizzle-orm";
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

/** The row as D1 returns it: the selected columns under their own (distinct) names. */
interface StoredBacklogRow {
  id: string;
  tracking_code: string;
  status: BacklogRow["status"];
  received_on: string;
  category_code: string;
  responsible_unit_id: string;
  after_review: number;
  owner_leader_id: string | null;
  display_name: string | null;
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

export interface RawQuery {
  sql: string;
  params: unknown[];
}

/**
 * Without statistics SQLite weighs the partial index and the received-day index alike and
 * may take the latter, which reads every old case, closed or not: the statement names its
 * index. Drizzle has no INDEXED BY, so it is added to the statement drizzle wrote.
 */
function indexedBy(
  query: { toSQL(): { sql: string; params: unknown[] } },
  older: boolean,
): RawQuery {
  const { sql: text, params } = query.toSQL();
  const index = older ? "petition_stats_backlog_idx" : "petition_stats_backlog_final_idx";
  const from = 'from "petition_stats"';
  if (!text.includes(from)) throw new Error("backlog statement without its table");
  return { sql: text.replace(from, `${from} INDEXED BY ${index}`), params };
}

/** The two statements of a page (the older group first), for the batch and for EXPLAIN. */
export function backlogQueries(scope: TenantScope, viewer: Viewer, req: BacklogRequest) {
  return [
    indexedBy(backlogPart(scope, viewer, req, true), true),
    indexedBy(backlogPart(scope, viewer, req, false), false),
  ] as const;
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
  const db = scope.d1;
  const results = await db.batch<StoredBacklogRow>(
    backlogQueries(scope, viewer, req).map((q) => db.prepare(q.sql).bind(...q.params)),
  );
  return results
    .flatMap((r) => r.results)
    .slice(0, req.limit)
    .map((r) => ({
      id: r.id,
      trackingCode: r.tracking_code,
      status: r.status,
      receivedOn: r.received_on,
      categoryCode: r.category_code,
      responsibleUnitId: r.responsible_unit_id,
      afterReview: r.after_review,
      ownerId: r.owner_leader_id,
      ownerName: r.display_name,
      channel: r.channel,
      purpose: r.purpose,
    }));
}
