import { createRoute } from "@hono/zod-openapi";
import {
  CalendarQuery,
  Calendar as CalendarView,
  DeadlinePolicyUpdated,
  DeadlinePolicyView,
  DueDate,
  DueDateQuery,
  UpdateCalendarBody,
} from "../../../schema/api/calendar.ts";
import { TenantParam } from "../../../schema/api/common.ts";
import {
  type DeadlinePolicyOverrides,
  DeadlinePolicyOverridesSchema,
  type DeadlineRule,
  dueDate,
  groupVisitRules,
  type HolidayCalendar,
  resolvePolicy,
  validateCalendarDays,
} from "../../domain/deadlines/index.ts";
import { recomputeOpenDeadlines } from "../../domain/petitions/recompute.ts";
import { ApiError, invalid } from "../../errors.ts";
import { batchWithAudit } from "../../storage/audit.ts";
import { listCalendarDays, loadCalendar, replaceYearStatements } from "../../storage/calendar.ts";
import { loadPolicyOverrides, savePolicyStatement } from "../../storage/settings.ts";
import { requireRole, requireStaff } from "../middleware/auth.ts";
import { tenantContext } from "../middleware/tenant.ts";
import { errorResponses, jsonBody, jsonContent, newRouter, staffSecurity } from "../router.ts";

const getCalendarRoute = createRoute({
  operationId: "getCalendar",
  method: "get",
  path: "/t/{tenant}/calendar",
  tags: ["Deadlines"],
  summary: "The county's holiday calendar: days off and make-up working days (调休上班)",
  security: staffSecurity,
  middleware: [tenantContext, requireStaff],
  request: { params: TenantParam, query: CalendarQuery },
  responses: { 200: jsonContent(CalendarView, "The calendar"), ...errorResponses(401, 404) },
});

const updateCalendarRoute = createRoute({
  operationId: "updateCalendar",
  method: "put",
  path: "/t/{tenant}/calendar",
  tags: ["Deadlines"],
  summary: "Replace one year's holidays (each November the State Council publishes the next year)",
  security: staffSecurity,
  middleware: [tenantContext, requireStaff, requireRole("tenant_admin")],
  request: {
    params: TenantParam,
    body: jsonBody(UpdateCalendarBody),
  },
  responses: {
    200: jsonContent(CalendarView, "The year as stored"),
    ...errorResponses(400, 401, 403, 404, 422),
  },
});

const computeDueDateRoute = createRoute({
  operationId: "computeDueDate",
  method: "get",
  path: "/t/{tenant}/calendar/due-date",
  tags: ["Deadlines"],
  summary:
    "The last day of a period: first day not counted, rest days moved to the next working day",
  security: staffSecurity,
  middleware: [tenantContext, requireStaff],
  request: {
    params: TenantParam,
    query: DueDateQuery,
  },
  responses: {
    200: jsonContent(DueDate, "The due date"),
    ...errorResponses(400, 401, 404),
  },
});

const getPolicyRoute = createRoute({
  operationId: "getDeadlinePolicy",
  method: "get",
  path: "/t/{tenant}/settings/deadline-policy",
  tags: ["Deadlines"],
  summary: "Every deadline number in force, and the county's overrides of the statutory defaults",
  security: staffSecurity,
  middleware: [tenantContext, requireStaff],
  request: { params: TenantParam },
  responses: {
    200: jsonContent(DeadlinePolicyView, "The policy"),
    ...errorResponses(401, 404),
  },
});

const updatePolicyRoute = createRoute({
  operationId: "updateDeadlinePolicy",
  method: "put",
  path: "/t/{tenant}/settings/deadline-policy",
  tags: ["Deadlines"],
  summary:
    "Set the county's overrides (e.g. a provincial rule, or 3-7-21 targets); open cases are recomputed",
  security: staffSecurity,
  middleware: [tenantContext, requireStaff, requireRole("tenant_admin")],
  request: { params: TenantParam, body: jsonBody(DeadlinePolicyOverridesSchema) },
  responses: {
    200: jsonContent(
      DeadlinePolicyUpdated,
      "The policy in force and how many open cases were recomputed",
    ),
    ...errorResponses(400, 401, 403, 404),
  },
});

/** The policy in force, with its periods and group-visit numbers typed for the pages. */
function policyView(overrides: DeadlinePolicyOverrides) {
  const policy = resolvePolicy(overrides);
  const rules = Object.fromEntries(
    Object.entries(policy).filter(
      (entry): entry is [string, DeadlineRule] =>
        typeof entry[1] === "object" &&
        entry[1] !== null &&
        "days" in entry[1] &&
        "kind" in entry[1],
    ),
  );
  return { overrides, policy: { ...policy }, rules, groupVisit: groupVisitRules(policy) };
}

function calendarView(days: { date: string; kind: "holiday" | "workday"; name: string }[]) {
  return { days, years: [...new Set(days.map((d) => Number(d.date.slice(0, 4))))] };
}

export const calendarRoutes = newRouter()
  .openapi(getCalendarRoute, async (c) => {
    const { year } = c.req.valid("query");
    const days = await listCalendarDays(c.get("scope"));
    const all = calendarView(days);
    return c.json(
      { ...all, days: year ? days.filter((d) => d.date.startsWith(`${year}-`)) : days },
      200,
    );
  })
  .openapi(updateCalendarRoute, async (c) => {
    const scope = c.get("scope");
    const { year, days } = c.req.valid("json");
    const outside = days.find((d) => !d.date.startsWith(`${year}-`));
    if (outside) throw invalid("days", `${outside.date} 不属于 ${year} 年`);
    const problems = validateCalendarDays(days);
    if (problems.length > 0) {
      throw new ApiError("VALIDATION_FAILED", "节假日数据有误", {
        status: 422,
        details: problems.map((message) => ({ path: "days", message })),
      });
    }
    const now = new Date();
    await batchWithAudit(
      scope,
      replaceYearStatements(scope, year, days),
      {
        actorId: c.get("staff").id,
        action: "calendar.update",
        targetType: "calendar",
        targetId: String(year),
        detail: { entries: days.length },
      },
      now,
    );
    await recomputeOpenDeadlines(c.env, scope, now);
    const stored = await listCalendarDays(scope);
    return c.json(
      { ...calendarView(stored), days: stored.filter((d) => d.date.startsWith(`${year}-`)) },
      200,
    );
  })
  .openapi(computeDueDateRoute, async (c) => {
    const { from, days, kind } = c.req.valid("query");
    const calendar: HolidayCalendar = await loadCalendar(c.get("scope"));
    return c.json({ due: dueDate(from, days, kind, calendar) }, 200);
  })
  .openapi(getPolicyRoute, async (c) => {
    const overrides = await loadPolicyOverrides(c.get("scope"));
    return c.json(policyView(overrides), 200);
  })
  .openapi(updatePolicyRoute, async (c) => {
    const scope = c.get("scope");
    const overrides = c.req.valid("json");
    const now = new Date();
    await batchWithAudit(
      scope,
      [savePolicyStatement(scope, overrides, now)],
      {
        actorId: c.get("staff").id,
        action: "policy.update",
        targetType: "settings",
        targetId: "deadline-policy",
        detail: overrides,
      },
      now,
    );
    const recomputed = await recomputeOpenDeadlines(c.env, scope, now);
    return c.json({ ...policyView(overrides), recomputed }, 200);
  });
