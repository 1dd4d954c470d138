import { createRoute } from "@hono/zod-openapi";
import { TenantParam } from "../../../schema/api/common.ts";
import {
  AnnualReport,
  AnnualReportQuery,
  AssessmentQuery,
  BacklogPage,
  BacklogQuery,
  HotIssues,
  HotIssuesQuery,
  OversightSettings,
  UnitAssessment,
  UpdateOversightSettingsBody,
} from "../../../schema/api/oversight.ts";
import { addCalendarDays, cstDate, daysBetween } from "../../domain/deadlines/index.ts";
import {
  ASSESSMENT_KEYS,
  ASSESSMENT_OPEN_KEYS,
  assessUnits,
} from "../../domain/statistics/assessment.ts";
import { backlogCount, foldFigures } from "../../domain/statistics/figures.ts";
import { foldHotIssues, HOT_ISSUE_KEYS, PLACE_KEYS } from "../../domain/statistics/hot-issues.ts";
import { grainRanges, periodOf, shiftMonths } from "../../domain/statistics/period.ts";
import { resolveScope } from "../../domain/statistics/scope.ts";
import { foldSuggestionCounts } from "../../domain/suggestions/register.ts";
import { ApiError } from "../../errors.ts";
import { batchWithAudit } from "../../storage/audit.ts";
import { listBacklogRows } from "../../storage/statistics/backlog.ts";
import { readFigureRows } from "../../storage/statistics/figures.ts";
import {
  loadOversightSettings,
  saveOversightSettingsStatement,
} from "../../storage/statistics/oversight-settings.ts";
import { readScopeSums, sumOf } from "../../storage/statistics/scope-sums.ts";
import { readSuggestionsOfYear } from "../../storage/suggestions.ts";
import { countyContext, viewerWithUnits } from "../case-request.ts";
import { requireRole, requireStaff } from "../middleware/auth.ts";
import { tenantContext } from "../middleware/tenant.ts";
import { errorResponses, jsonBody, jsonContent, newRouter, staffSecurity } from "../router.ts";
import { decode, encode, isDrillCursor } from "./statistics.ts";

/**
 * Issue 11's analysis: the backlog (积案), the quarterly assessment of units (考核), the
 * monthly 研判 and the §41 annual report outline, and the county's settings for them. All
 * figures come from the rollups (or, for the backlog, its partial indexes); every list of
 * cases goes through the visibility rule.
 */
const signedIn = [tenantContext, requireStaff];

const getSettingsRoute = createRoute({
  operationId: "getOversightSettings",
  method: "get",
  path: "/t/{tenant}/settings/oversight",
  tags: ["Statistics"],
  summary: "The backlog's days and the assessment's weights the county set",
  security: staffSecurity,
  middleware: signedIn,
  request: { params: TenantParam },
  responses: {
    200: jsonContent(OversightSettings, "The settings in force"),
    ...errorResponses(401, 404),
  },
});

const updateSettingsRoute = createRoute({
  operationId: "updateOversightSettings",
  method: "put",
  path: "/t/{tenant}/settings/oversight",
  tags: ["Statistics"],
  summary: "Change the backlog's days or the assessment's weights",
  security: staffSecurity,
  middleware: [...signedIn, requireRole("tenant_admin")],
  request: { params: TenantParam, body: jsonBody(UpdateOversightSettingsBody) },
  responses: {
    200: jsonContent(OversightSettings, "The settings in force"),
    ...errorResponses(400, 401, 403, 404),
  },
});

const listBacklogRoute = createRoute({
  operationId: "listBacklog",
  method: "get",
  path: "/t/{tenant}/statistics/backlog",
  tags: ["Statistics"],
  summary:
    "积案: open cases older than the county's backlog days, and open cases petitioned again after re-review, oldest first, with their owner leaders",
  description:
    "Read from partial indexes of open cases; keyset pages; only the cases you may see (the count in getStatistics includes the rest).",
  security: staffSecurity,
  middleware: signedIn,
  request: { params: TenantParam, query: BacklogQuery },
  responses: {
    200: jsonContent(BacklogPage, "A page of the backlog"),
    ...errorResponses(400, 401, 403, 404),
  },
});

const assessmentRoute = createRoute({
  operationId: "getUnitAssessment",
  method: "get",
  path: "/t/{tenant}/statistics/assessment",
  tags: ["Statistics"],
  summary:
    "The quarter's scorecard of the units below the scope (考核): each item a rate with its counts, a weighted score, a rank",
  description:
    "From the rollups of the quarter, one D1 batch; each item drills down through listStatisticsCases with scope=tree and the unit.",
  security: staffSecurity,
  middleware: signedIn,
  request: { params: TenantParam, query: AssessmentQuery },
  responses: {
    200: jsonContent(UnitAssessment, "The units, best first"),
    ...errorResponses(400, 401, 403, 404),
  },
});

const hotIssuesRoute = createRoute({
  operationId: "getHotIssues",
  method: "get",
  path: "/t/{tenant}/statistics/hot-issues",
  tags: ["Statistics"],
  summary:
    "The month's 研判: categories rising against last month and last year, places with the most first petitions, repeat petitions by category (counts only)",
  security: staffSecurity,
  middleware: signedIn,
  request: { params: TenantParam, query: HotIssuesQuery },
  responses: {
    200: jsonContent(HotIssues, "The month's analysis"),
    ...errorResponses(400, 401, 403, 404),
  },
});

const annualReportRoute = createRoute({
  operationId: "getAnnualReport",
  method: "get",
  path: "/t/{tenant}/statistics/annual-report",
  tags: ["Statistics"],
  summary:
    "The §41 annual report outline: the year's figures, the units complained about most, forward/assign/supervise counts, the office's suggestions and which were adopted",
  description:
    "For the county office only: the units complained about include accusations, which no unit may learn of about itself.",
  security: staffSecurity,
  middleware: signedIn,
  request: { params: TenantParam, query: AnnualReportQuery },
  responses: {
    200: jsonContent(AnnualReport, "The year's outline"),
    ...errorResponses(400, 401, 403, 404),
  },
});

/** The annual report lists this many of the year's suggestions; the counts cover them all. */
const ANNUAL_SUGGESTIONS = 200;

const isPlace = (kind: string) => kind === "township" || kind === "village";

export const statisticsAnalysisRoutes = newRouter()
  .openapi(getSettingsRoute, async (c) => c.json(await loadOversightSettings(c.get("scope")), 200))
  .openapi(updateSettingsRoute, async (c) => {
    const scope = c.get("scope");
    const current = await loadOversightSettings(scope);
    const next = OversightSettings.parse({ ...current, ...c.req.valid("json") });
    const now = new Date();
    await batchWithAudit(
      scope,
      [saveOversightSettingsStatement(scope, next, now)],
      {
        actorId: c.get("staff").id,
        action: "settings.oversight",
        targetType: "settings",
        targetId: "oversight",
        detail: next,
      },
      now,
    );
    return c.json(next, 200);
  })
  .openapi(listBacklogRoute, async (c) => {
    const query = c.req.valid("query");
    const today = cstDate(new Date());
    const { viewer, units } = await viewerWithUnits(c);
    const scope = resolveScope(query, viewer, units);
    const settings = (await countyContext(c)).oversight;
    const cutoff = addCalendarDays(today, -settings.backlogDays);
    const limit = query.limit ?? 30;
    const rows = await listBacklogRows(c.get("scope"), viewer, {
      scope,
      cutoff,
      after: decode(query.cursor, isDrillCursor),
      limit: limit + 1,
    });
    const items = rows.slice(0, limit).map((r) => ({
      id: r.id,
      trackingCode: r.trackingCode,
      status: r.status,
      receivedOn: r.receivedOn,
      categoryCode: r.categoryCode,
      responsibleUnitId: r.responsibleUnitId,
      daysOpen: daysBetween(r.receivedOn, today),
      reasons: [
        ...(r.receivedOn < cutoff ? (["longOpen"] as const) : []),
        ...(r.afterReview === 1 ? (["afterReview"] as const) : []),
      ],
      ownerLeader: r.ownerId ? { id: r.ownerId, name: r.ownerName ?? "" } : null,
    }));
    const last = items.at(-1);
    const nextCursor =
      rows.length > limit && last ? encode({ day: last.receivedOn, id: last.id }) : null;
    return c.json({ backlogDays: settings.backlogDays, items, nextCursor }, 200);
  })
  .openapi(assessmentRoute, async (c) => {
    const query = c.req.valid("query");
    const today = cstDate(new Date());
    const quarter =
      query.quarter ??
      `${today.slice(0, 4)}-Q${Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1}`;
    const period = periodOf({ quarter }, today);
    const { viewer, units } = await viewerWithUnits(c);
    const scope = resolveScope(query, viewer, units);
    const ranked =
      scope.children.length > 0 ? scope.children : units.filter((u) => u.id === scope.unitId);
    const scopes = ranked.map((u) => `t:${u.id}`);
    const yesterday = addCalendarDays(today, -1);
    const openTo = period.to.localeCompare(yesterday) < 0 ? period.to : yesterday;
    const [sums, settings] = await Promise.all([
      readScopeSums(c.get("scope"), [
        { label: "sums", scopes, keys: ASSESSMENT_KEYS, ranges: grainRanges(period) },
        {
          label: "open",
          scopes,
          keys: ASSESSMENT_OPEN_KEYS,
          ranges: grainRanges({ from: period.from, to: openTo }),
          dim: "open",
        },
      ]),
      countyContext(c).then((ctx) => ctx.oversight),
    ]);
    return c.json(
      {
        quarter,
        period,
        scope: { kind: scope.kind, unitId: scope.unitId },
        weights: settings.weights,
        units: assessUnits(
          ranked.map((u) => u.id),
          sums.sets.get("sums") ?? [],
          sums.sets.get("open") ?? [],
          settings.weights,
        ),
      },
      200,
    );
  })
  .openapi(hotIssuesRoute, async (c) => {
    const query = c.req.valid("query");
    const month = query.month ?? cstDate(new Date()).slice(0, 7);
    const lastMonth = shiftMonths(month, -1);
    const lastYear = shiftMonths(month, -12);
    const { viewer, units } = await viewerWithUnits(c);
    const scope = resolveScope(query, viewer, units);
    const places = scope.children.filter((u) => isPlace(u.kind));
    const one = (m: string) => [{ grain: "m" as const, from: m, to: m }];
    const read = await readScopeSums(c.get("scope"), [
      { label: "now", scopes: [scope.key], keys: HOT_ISSUE_KEYS, ranges: one(month) },
      { label: "lastMonth", scopes: [scope.key], keys: HOT_ISSUE_KEYS, ranges: one(lastMonth) },
      { label: "lastYear", scopes: [scope.key], keys: HOT_ISSUE_KEYS, ranges: one(lastYear) },
      {
        label: "places",
        scopes: places.map((u) => `t:${u.id}`),
        keys: PLACE_KEYS,
        ranges: places.length > 0 ? one(month) : [],
      },
    ]);
    const set = (label: string) => read.sets.get(label) ?? [];
    return c.json(
      foldHotIssues(
        scope.key,
        new Map(places.map((u) => [`t:${u.id}`, u.id])),
        { month, lastMonth, lastYear },
        {
          now: set("now"),
          lastMonth: set("lastMonth"),
          lastYear: set("lastYear"),
          places: set("places"),
        },
      ),
      200,
    );
  })
  .openapi(annualReportRoute, async (c) => {
    const query = c.req.valid("query");
    const today = cstDate(new Date());
    const year = query.year ?? String(Number(today.slice(0, 4)) - 1);
    const { viewer, units } = await viewerWithUnits(c);
    if (!viewer.inCountyOffice) {
      throw new ApiError("FORBIDDEN", "年度报告由县信访局编制");
    }
    const scope = resolveScope({ scope: "county" }, viewer, units);
    const period = periodOf({ year }, today);
    const yesterday = addCalendarDays(today, -1);
    const openTo = period.to.localeCompare(yesterday) < 0 ? period.to : yesterday;
    const { oversight } = await countyContext(c);
    const [rows, extra, ours] = await Promise.all([
      readFigureRows(c.get("scope"), {
        scope: scope.key,
        ranges: grainRanges(period),
        openRanges: grainRanges({ from: period.from, to: openTo }),
        childScopes: scope.children.map((u) => `t:${u.id}`),
        sessionUnits: null,
        from: period.from,
        to: period.to,
        backlog: { cutoff: addCalendarDays(today, -oversight.backlogDays), today },
      }),
      readScopeSums(c.get("scope"), [
        {
          label: "year",
          scopes: [scope.key],
          keys: ["subject", "routed", "suggestionReply", "purpose"],
          ranges: grainRanges(period),
        },
      ]),
      readSuggestionsOfYear(c.get("scope"), year, ANNUAL_SUGGESTIONS),
    ]);
    const backlog = backlogCount(rows, oversight.backlogDays);
    const statistics = {
      ...foldFigures(period, rows, {
        scope: { kind: scope.kind, unitId: scope.unitId },
        childUnits: new Map(scope.children.map((u) => [`t:${u.id}`, u.id])),
      }),
      backlog,
    };
    const sums = extra.sets.get("year") ?? [];
    const answered: Record<string, number> = {};
    for (const r of sums) if (r.key === "suggestionReply" && r.n !== 0) answered[r.dim] = r.n;
    return c.json(
      {
        year,
        statistics,
        complainedUnits: sums
          .filter((r) => r.key === "subject" && r.n !== 0)
          .map((r) => ({ value: r.dim, batches: r.n, persons: r.m }))
          .sort((a, b) => b.batches - a.batches || a.value.localeCompare(b.value))
          .slice(0, 10),
        routed: {
          accept: sumOf(sums, scope.key, "routed", "accept").n,
          forward: sumOf(sums, scope.key, "routed", "forward").n,
          assign: sumOf(sums, scope.key, "routed", "assign").n,
        },
        suggestions: { received: sumOf(sums, scope.key, "purpose", "suggestion").n, answered },
        officeSuggestions: { ...foldSuggestionCounts(ours.counts), items: ours.items },
        backlog,
      },
      200,
    );
  });
