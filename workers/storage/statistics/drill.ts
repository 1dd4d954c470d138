import { and, asc, between, eq, gt, isNotNull, isNull, lt, or, type SQL, sql } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import type { DrillFigure } from "../../../schema/reference/statistics.ts";
import { petitionStats, petitions } from "../../../schema/tenant/tables.ts";
import type { Period } from "../../domain/statistics/period.ts";
import type { FigureScope } from "../../domain/statistics/scope.ts";
import { ofTenant, type TenantScope } from "../tenant-scope.ts";
import { type Viewer, visibleCases } from "../visibility.ts";

const s = petitionStats;

/**
 * Which day a figure counts a case on and which cases it counts: the same definitions as
 * the rollup triggers (rollup-sql.ts), as conditions on `petition_stats`. Each day column
 * has an index (tenant, day, petition), so a page reads from the period's first case on.
 */
function figureRule(figure: RollupDrillFigure, today: string): { day: SQLiteColumn; where: SQL } {
  const late = (done: SQLiteColumn, due: SQLiteColumn) => sql`${done} > ${due}`;
  const onTime = (done: SQLiteColumn, due: SQLiteColumn) => sql`${done} <= ${due}`;
  const all = sql`1 = 1`;
  switch (figure) {
    case "batches":
      return { day: s.receivedOn, where: all };
    case "repeat":
      return { day: s.receivedOn, where: eq(s.repeat, 1) };
    case "acceptOnTime":
      return { day: s.acceptDue, where: onTime(s.acceptOn, s.acceptDue) };
    case "acceptLate":
      return { day: s.acceptDue, where: late(s.acceptOn, s.acceptDue) };
    case "acceptOpen":
      return { day: s.acceptDue, where: and(isNull(s.acceptOn), lt(s.acceptDue, today)) as SQL };
    case "replyOnTime":
      return { day: s.replyDue, where: onTime(s.repliedOn, s.replyDue) };
    case "replyLate":
      return { day: s.replyDue, where: late(s.repliedOn, s.replyDue) };
    case "replyOpen":
      return { day: s.replyDue, where: and(isNull(s.repliedOn), lt(s.replyDue, today)) as SQL };
    case "firstPetitionOnTime":
      return {
        day: s.replyDue,
        where: and(eq(s.firstPetition, 1), onTime(s.repliedOn, s.replyDue)) as SQL,
      };
    case "firstPetitionDue":
      return {
        day: s.replyDue,
        where: and(
          eq(s.firstPetition, 1),
          or(isNotNull(s.repliedOn), lt(s.replyDue, today)),
        ) as SQL,
      };
    case "evaluated":
      return { day: s.repliedOn, where: isNotNull(s.evaluatedOn) };
    case "unevaluated":
      return { day: s.repliedOn, where: isNull(s.evaluatedOn) };
    case "unitSatisfied":
      return { day: s.evaluatedOn, where: eq(s.unitSatisfied, "1") };
    case "unitUnsatisfied":
      return { day: s.evaluatedOn, where: eq(s.unitSatisfied, "0") };
    case "closed":
      return { day: s.closedOn, where: all };
    case "closedFirstTime":
      return { day: s.closedOn, where: eq(s.reviewed, 0) };
  }
}

function scopeCondition(scope: FigureScope): SQL | undefined {
  if (scope.kind === "county") return undefined;
  if (scope.kind === "unit") return eq(s.unitId, scope.unitId);
  return or(
    eq(s.unitId, scope.unitId),
    eq(s.unitParent, scope.unitId),
    eq(s.unitGrand, scope.unitId),
  );
}

/** Narrowing a received-count figure to one value of a split (channel, purpose, category, level). */
function dimCondition(dim: string | undefined): SQL | undefined {
  if (dim === undefined) return undefined;
  return or(
    eq(s.channel, dim),
    eq(s.purpose, dim),
    eq(s.categoryCode, dim),
    // The 大类 of a 小类 code, as the rollups split it (no LIKE: D1 caps its patterns).
    sql`substr(${s.categoryCode}, 1, instr(${s.categoryCode} || '.', '.') - 1) = ${dim}`,
    eq(s.level, dim),
  );
}

/** The backlog is listed by backlog.ts: it is a state now, not a count of a period. */
export type RollupDrillFigure = Exclude<DrillFigure, "backlog">;

export interface DrillRequest {
  figure: RollupDrillFigure;
  dim?: string | undefined;
  period: Period;
  scope: FigureScope;
  today: string;
  after?: { day: string; id: string } | undefined;
  limit: number;
}

/**
 * The cases behind a figure, through THE visibility rule: figures count confidential cases,
 * but a case the viewer may not see is not listed, exactly as if it did not exist.
 */
export function listFigureCases(scope: TenantScope, viewer: Viewer, req: DrillRequest) {
  const rule = figureRule(req.figure, req.today);
  const after = req.after
    ? or(
        gt(rule.day, req.after.day),
        and(eq(rule.day, req.after.day), gt(s.petitionId, req.after.id)),
      )
    : undefined;
  return scope.db
    .select({
      id: petitions.id,
      trackingCode: petitions.trackingCode,
      status: petitions.status,
      receivedOn: petitions.receivedOn,
      channel: petitions.channel,
      purpose: petitions.purpose,
      categoryCode: petitions.categoryCode,
      responsibleUnitId: petitions.responsibleUnitId,
      day: sql<string>`${rule.day}`,
    })
    .from(s)
    .innerJoin(petitions, and(eq(petitions.id, s.petitionId), eq(petitions.tenantId, s.tenantId)))
    .where(
      ofTenant(
        scope,
        s,
        between(rule.day, req.period.from, req.period.to),
        rule.where,
        scopeCondition(req.scope),
        req.figure === "batches" ? dimCondition(req.dim) : undefined,
        after,
        visibleCases(viewer),
      ),
    )
    .orderBy(asc(rule.day), asc(s.petitionId))
    .limit(req.limit);
}
