import { createRoute } from "@hono/zod-openapi";
import { TenantParam } from "../../../schema/api/common.ts";
import {
  RebuildStatisticsBody,
  RebuildStatisticsResult,
  Statistics,
  StatisticsCasesPage,
  StatisticsCasesQuery,
  StatisticsQuery,
  StatisticsTrend,
  StatisticsTrendQuery,
} from "../../../schema/api/statistics.ts";
import { addCalendarDays, cstDate } from "../../domain/deadlines/index.ts";
import { backlogCount, foldFigures } from "../../domain/statistics/figures.ts";
import { grainRanges, periodOf, shiftMonths } from "../../domain/statistics/period.ts";
import { resolveScope } from "../../domain/statistics/scope.ts";
import { invalid } from "../../errors.ts";
import { batchWithAudit } from "../../storage/audit.ts";
import { listCasesOfFigure } from "../../storage/statistics/figure-cases.ts";
import { readFigureRows, readMonthlyReceived } from "../../storage/statistics/figures.ts";
import { requestRebuildStatement } from "../../storage/statistics/rebuild.ts";
import { countyContext, viewerWithUnits } from "../case-request.ts";
import { requireRole, requireStaff } from "../middleware/auth.ts";
import { tenantContext } from "../middleware/tenant.ts";
import { errorResponses, jsonBody, jsonContent, newRouter, staffSecurity } from "../router.ts";

const signedIn = [tenantContext, requireStaff];

const getStatisticsRoute = createRoute({
  operationId: "getStatistics",
  method: "get",
  path: "/t/{tenant}/statistics",
  tags: ["Statistics"],
  summary:
    "The figures of a period (month, quarter, year or from–to, CST) for the county, a unit, or a unit and all below it",
  description:
    "Read from rollups kept by triggers as cases change: a year reads about keys × 12 rows in one D1 batch. Confidential cases are counted; no case is named.",
  security: staffSecurity,
  middleware: signedIn,
  request: { params: TenantParam, query: StatisticsQuery },
  responses: {
    200: jsonContent(Statistics, "The figures, each rate with its numerator and denominator"),
    ...errorResponses(400, 401, 403, 404),
  },
});

const listStatisticsCasesRoute = createRoute({
  operationId: "listStatisticsCases",
  method: "get",
  path: "/t/{tenant}/statistics/cases",
  tags: ["Statistics"],
  summary: "The cases behind a figure, those you may see, in pages",
  security: staffSecurity,
  middleware: signedIn,
  request: { params: TenantParam, query: StatisticsCasesQuery },
  responses: {
    200: jsonContent(StatisticsCasesPage, "A page of cases"),
    ...errorResponses(400, 401, 403, 404),
  },
});

const getStatisticsTrendRoute = createRoute({
  operationId: "getStatisticsTrend",
  method: "get",
  path: "/t/{tenant}/statistics/trend",
  tags: ["Statistics"],
  summary: "Batches and persons received per month, for the last months of a scope",
  security: staffSecurity,
  middleware: signedIn,
  request: { params: TenantParam, query: StatisticsTrendQuery },
  responses: {
    200: jsonContent(StatisticsTrend, "One entry per month, oldest first"),
    ...errorResponses(400, 401, 403, 404),
  },
});

const rebuildStatisticsRoute = createRoute({
  operationId: "rebuildStatistics",
  method: "post",
  path: "/t/{tenant}/statistics/rebuild",
  tags: ["Statistics"],
  summary:
    "Rebuild the county's figures from its cases: the cron carries it out in bounded steps (audited)",
  description:
    "Files the rebuild (asking again starts it over); the cron clears the county's rollups and re-adds every case and supervision a page at a time. Until it is done getStatistics answers rebuilding: true.",
  security: staffSecurity,
  middleware: [...signedIn, requireRole("tenant_admin")],
  request: { params: TenantParam, body: jsonBody(RebuildStatisticsBody) },
  responses: {
    202: jsonContent(RebuildStatisticsResult, "Filed; the cron carries it out"),
    ...errorResponses(400, 401, 403, 404),
  },
});

export function encode(value: unknown) {
  return btoa(JSON.stringify(value));
}

export function decode<T>(
  cursor: string | undefined,
  check: (v: unknown) => v is T,
): T | undefined {
  if (!cursor) return undefined;
  try {
    const value: unknown = JSON.parse(atob(cursor));
    if (check(value)) return value;
  } catch {
    // Falls through to the validation error.
  }
  throw invalid("cursor", "分页游标无效");
}

export const isDrillCursor = (v: unknown): v is { day: string; id: string } =>
  typeof v === "object" &&
  v !== null &&
  typeof (v as { day?: unknown }).day === "string" &&
  typeof (v as { id?: unknown }).id === "string";

export const statisticsRoutes = newRouter()
  .openapi(getStatisticsRoute, async (c) => {
    const query = c.req.valid("query");
    const today = cstDate(new Date());
    const period = periodOf(query, today);
    const { viewer, units } = await viewerWithUnits(c);
    const scope = resolveScope(query, viewer, units);
    const yesterday = addCalendarDays(today, -1);
    // Due and still open counts only once its day has passed: the period cut at yesterday.
    const openTo = period.to.localeCompare(yesterday) < 0 ? period.to : yesterday;
    const { oversight } = await countyContext(c);
    // The backlog is a state now, not a sum of the period: counted in the same batch.
    const rows = await readFigureRows(c.get("scope"), {
      scope: scope.key,
      ranges: grainRanges(period),
      openRanges: grainRanges({ from: period.from, to: openTo }),
      childScopes: scope.children.map((u) => `t:${u.id}`),
      sessionUnits: scope.units,
      from: period.from,
      to: period.to,
      backlog: { cutoff: addCalendarDays(today, -oversight.backlogDays), today },
    });
    const childUnits = new Map(scope.children.map((u) => [`t:${u.id}`, u.id]));
    return c.json(
      {
        ...foldFigures(period, rows, {
          scope: { kind: scope.kind, unitId: scope.unitId },
          childUnits,
        }),
        backlog: backlogCount(rows, oversight.backlogDays),
      },
      200,
    );
  })
  .openapi(listStatisticsCasesRoute, async (c) => {
    const query = c.req.valid("query");
    const today = cstDate(new Date());
    const period = periodOf(query, today);
    const { viewer, units } = await viewerWithUnits(c);
    const scope = resolveScope(query, viewer, units);
    const limit = query.limit ?? 30;
    const rows = await listCasesOfFigure(c.get("scope"), viewer, {
      figure: query.figure ?? "batches",
      dim: query.dim,
      period,
      scope,
      today,
      after: decode(query.cursor, isDrillCursor),
      limit: limit + 1,
    });
    const items = rows.slice(0, limit);
    const last = items.at(-1);
    const nextCursor = rows.length > limit && last ? encode({ day: last.day, id: last.id }) : null;
    return c.json({ items, nextCursor }, 200);
  })
  .openapi(getStatisticsTrendRoute, async (c) => {
    const query = c.req.valid("query");
    const last = query.month ?? cstDate(new Date()).slice(0, 7);
    const first = shiftMonths(last, -((query.months ?? 12) - 1));
    const { viewer, units } = await viewerWithUnits(c);
    const scope = resolveScope(query, viewer, units);
    const rows = await readMonthlyReceived(c.get("scope"), scope.key, first, last);
    const byMonth = new Map(rows.map((r) => [r.period, r]));
    const items = [];
    for (let month = first; month <= last; month = shiftMonths(month, 1)) {
      const row = byMonth.get(month);
      items.push({ month, batches: row?.n ?? 0, persons: row?.m ?? 0 });
    }
    return c.json({ items }, 200);
  })
  .openapi(rebuildStatisticsRoute, async (c) => {
    const scope = c.get("scope");
    const staff = c.get("staff");
    const now = new Date();
    await batchWithAudit(
      scope,
      [requestRebuildStatement(scope, staff.id, now)],
      { actorId: staff.id, action: "statistics.rebuild_request", targetType: "statistics" },
      now,
    );
    return c.json({ requestedAt: now.toISOString() }, 202);
  });
