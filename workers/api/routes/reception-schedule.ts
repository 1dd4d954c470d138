import { createRoute, z } from "@hono/zod-openapi";
import { TenantParam } from "../../../schema/api/common.ts";
import {
  CancelSessionBody,
  ChangeSessionBody,
  CreateReceptionSessionBody,
  PublishedSessions,
  PublishSessionsBody,
  ReceptionCalendarQuery,
  ReceptionScheduleQuery,
  ReceptionSettings,
  SessionChanged,
  SessionList,
  SessionListQuery,
  SessionParam,
  SessionWithSlots,
  TicketParam,
} from "../../../schema/api/reception.ts";
import { FORM_LABELS, type ReceptionForm } from "../../../schema/reference/reception-forms.ts";
import type { ReceptionSessionRow } from "../../../schema/tenant/tables.ts";
import { addCalendarDays } from "../../domain/deadlines/index.ts";
import {
  ReceptionPolicySchema,
  resolveReceptionPolicy,
  slotOffer,
} from "../../domain/reception/booking-policy.ts";
import { receptionCalendar } from "../../domain/reception/ical.ts";
import {
  changeSession,
  configureSession,
  createSessions,
  publishSessions,
} from "../../domain/reception/schedule-service.ts";
import { slotInstant } from "../../domain/reception/session.ts";
import { type CaseContext, loadCaseContext } from "../../domain/tenancy/county-context.ts";
import { notFound } from "../../errors.ts";
import { sessionClient } from "../../reception/client.ts";
import { batchWithAudit } from "../../storage/audit.ts";
import {
  findReceptionSession,
  listReceptionSessions,
  loadReceptionPolicyRow,
  saveReceptionPolicyStatement,
} from "../../storage/reception.ts";
import { caseRequest, countyContext } from "../case-request.ts";
import { requireRole, requireStaff } from "../middleware/auth.ts";
import { publicRateLimit } from "../middleware/rate-limit.ts";
import { tenantContext } from "../middleware/tenant.ts";
import { errorResponses, jsonBody, jsonContent, newRouter, staffSecurity } from "../router.ts";

const scheduler = [
  tenantContext,
  requireStaff,
  requireRole("clerk", "leader", "supervisor", "tenant_admin"),
];
const _desk = [tenantContext, requireStaff, requireRole("clerk", "leader", "supervisor")];
const SessionParams = TenantParam.extend(SessionParam.shape);
const _TicketParams = TenantParam.extend(TicketParam.shape);

export function presentSession(ctx: CaseContext, row: ReceptionSessionRow) {
  return {
    id: row.id,
    unitId: row.unitId,
    unitName: ctx.units.find((u) => u.id === row.unitId)?.name ?? "",
    leaderId: row.leaderId,
    leaderName: row.leaderName,
    leaderPosition: row.leaderPosition,
    portfolio: row.portfolio,
    topics: row.topics,
    date: row.date,
    startTime: row.startTime,
    endTime: row.endTime,
    venue: row.venue,
    townshipId: row.townshipId,
    townshipName: ctx.units.find((u) => u.id === row.townshipId)?.name ?? null,
    form: row.form as ReceptionForm,
    formLabel: FORM_LABELS[row.form as ReceptionForm] ?? row.form,
    slotMinutes: row.slotMinutes,
    capacityPerSlot: row.capacityPerSlot,
    status: row.status,
    seriesId: row.seriesId,
  };
}

// ── schedule ─────────────────────────────────────────────────────────────────────

const createRouteDef = createRoute({
  operationId: "createReceptionSession",
  method: "post",
  path: "/t/{tenant}/reception/sessions",
  tags: ["Reception days"],
  summary: "Schedule a leader's reception session, or a series of them (a draft until published)",
  security: staffSecurity,
  middleware: scheduler,
  request: { params: TenantParam, body: jsonBody(CreateReceptionSessionBody) },
  responses: {
    201: jsonContent(SessionList, "The sessions created"),
    ...errorResponses(400, 401, 403, 404, 422),
  },
});

const listRoute = createRoute({
  operationId: "listReceptionSessions",
  method: "get",
  path: "/t/{tenant}/reception/sessions",
  tags: ["Reception days"],
  summary: "Published reception sessions (public): leader, position, portfolio, time, place, form",
  middleware: [publicRateLimit, tenantContext],
  request: {
    params: TenantParam,
    query: SessionListQuery,
  },
  responses: {
    200: jsonContent(SessionList, "Sessions by date"),
    ...errorResponses(400, 404, 429),
  },
});

const listDraftsRoute = createRoute({
  operationId: "listReceptionSchedule",
  method: "get",
  path: "/t/{tenant}/reception/schedule",
  tags: ["Reception days"],
  summary: "Every session of a period including drafts and cancelled ones, for the office",
  security: staffSecurity,
  middleware: [tenantContext, requireStaff],
  request: {
    params: TenantParam,
    query: ReceptionScheduleQuery,
  },
  responses: {
    200: jsonContent(SessionList, "Sessions by date"),
    ...errorResponses(400, 401, 404),
  },
});

const getRoute = createRoute({
  operationId: "getReceptionSession",
  method: "get",
  path: "/t/{tenant}/reception/sessions/{sessionId}",
  tags: ["Reception days"],
  summary: "A published session with its slots and how many places each has left (public)",
  middleware: [publicRateLimit, tenantContext],
  request: { params: SessionParams },
  responses: {
    200: jsonContent(SessionWithSlots, "The session"),
    ...errorResponses(404, 429),
  },
});

const publishRoute = createRoute({
  operationId: "publishReceptionSessions",
  method: "post",
  path: "/t/{tenant}/reception/sessions/publish",
  tags: ["Reception days"],
  summary: "Publish a period's drafts (typically a quarter, 3 days before it starts)",
  security: staffSecurity,
  middleware: scheduler,
  request: {
    params: TenantParam,
    body: jsonBody(PublishSessionsBody),
  },
  responses: {
    200: jsonContent(PublishedSessions, "What was published"),
    ...errorResponses(400, 401, 403, 404),
  },
});

const changeRoute = createRoute({
  operationId: "updateReceptionSession",
  method: "patch",
  path: "/t/{tenant}/reception/sessions/{sessionId}",
  tags: ["Reception days"],
  summary: "Change a session's venue or time; everyone booked is told",
  security: staffSecurity,
  middleware: scheduler,
  request: {
    params: SessionParams,
    body: jsonBody(ChangeSessionBody),
  },
  responses: {
    200: jsonContent(SessionChanged, "The session, and how many were told"),
    ...errorResponses(400, 401, 403, 404, 409, 422),
  },
});

const cancelRoute = createRoute({
  operationId: "cancelReceptionSession",
  method: "post",
  path: "/t/{tenant}/reception/sessions/{sessionId}/cancel",
  tags: ["Reception days"],
  summary: "Cancel a session; everyone booked is told by SMS",
  security: staffSecurity,
  middleware: scheduler,
  request: {
    params: SessionParams,
    body: jsonBody(CancelSessionBody),
  },
  responses: {
    200: jsonContent(SessionChanged, "The cancelled session"),
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

const calendarRoute = createRoute({
  operationId: "getReceptionCalendar",
  method: "get",
  path: "/t/{tenant}/reception/calendar.ics",
  tags: ["Reception days"],
  summary: "iCalendar feed (RFC 5545) of published sessions, for the county or one unit",
  middleware: [publicRateLimit, tenantContext],
  request: { params: TenantParam, query: ReceptionCalendarQuery },
  responses: {
    200: { description: "text/calendar", content: { "text/calendar": { schema: z.string() } } },
    ...errorResponses(404, 429),
  },
});

export const receptionScheduleRoutes = newRouter()
  .openapi(createRouteDef, async (c) => {
    const { ctx, viewer } = await caseRequest(c);
    const rows = await createSessions(ctx, viewer, c.req.valid("json"));
    return c.json({ sessions: rows.map((r) => presentSession(ctx, r)) }, 201);
  })
  .openapi(listRoute, async (c) => {
    const ctx = await countyContext(c);
    const query = c.req.valid("query");
    const rows = await listReceptionSessions(ctx.scope, {
      from: query.from ?? ctx.today,
      to: query.to ?? addCalendarDays(ctx.today, 92),
      unitId: query.unitId,
      statuses: ["published", "cancelled"],
    });
    return c.json({ sessions: rows.map((r) => presentSession(ctx, r)) }, 200);
  })
  .openapi(listDraftsRoute, async (c) => {
    const ctx = await countyContext(c);
    const rows = await listReceptionSessions(ctx.scope, {
      ...c.req.valid("query"),
      statuses: ["draft", "published", "cancelled"],
    });
    return c.json({ sessions: rows.map((r) => presentSession(ctx, r)) }, 200);
  })
  .openapi(getRoute, async (c) => {
    const ctx = await countyContext(c);
    const row = await findReceptionSession(ctx.scope, c.req.valid("param").sessionId);
    if (!row || row.status === "draft") throw notFound("该接访日");
    const slots = await sessionClient(
      c.env,
      ctx.scope,
      row,
      c.get("tenant").shard,
    ).slotAvailability(row.status === "published");
    const policy = resolveReceptionPolicy(await loadReceptionPolicyRow(ctx.scope));
    const offered = slots.map((slot) => ({
      ...slot,
      offer: slotOffer(slotInstant(row.date, slot.slotStart), ctx.now, policy, slot.free),
    }));
    return c.json(
      { ...presentSession(ctx, row), slots: row.status === "cancelled" ? [] : offered },
      200,
    );
  })
  .openapi(publishRoute, async (c) => {
    const { ctx, viewer } = await caseRequest(c);
    const rows = await publishSessions(
      c.env,
      ctx,
      viewer,
      c.get("tenant").shard,
      c.req.valid("json"),
    );
    return c.json({ published: rows.map((r) => presentSession(ctx, r)) }, 200);
  })
  .openapi(changeRoute, async (c) => {
    const { ctx, viewer } = await caseRequest(c);
    const { session, told } = await changeSession(
      c.env,
      ctx,
      viewer,
      c.get("tenant").shard,
      c.req.valid("param").sessionId,
      c.req.valid("json"),
    );
    return c.json({ session: presentSession(ctx, session), told }, 200);
  })
  .openapi(cancelRoute, async (c) => {
    const { ctx, viewer } = await caseRequest(c);
    const { session, told } = await changeSession(
      c.env,
      ctx,
      viewer,
      c.get("tenant").shard,
      c.req.valid("param").sessionId,
      {
        cancel: c.req.valid("json"),
      },
    );
    return c.json({ session: presentSession(ctx, session), told }, 200);
  })
  .openapi(calendarRoute, async (c) => {
    const ctx = await countyContext(c);
    const tenant = c.get("tenant");
    const { unitId } = c.req.valid("query");
    const rows = await listReceptionSessions(ctx.scope, {
      from: addCalendarDays(ctx.today, -31),
      to: addCalendarDays(ctx.today, 366),
      unitId,
      statuses: ["published", "cancelled"],
    });
    const unitName = unitId ? ctx.units.find((u) => u.id === unitId)?.name : undefined;
    const body = receptionCalendar({
      name: `${unitName ?? tenant.name}领导接访日`,
      sessions: rows.map((r) => ({
        id: r.id,
        date: r.date,
        start: r.startTime,
        end: r.endTime,
        leaderName: r.leaderName,
        leaderPosition: r.leaderPosition,
        ...(r.portfolio && { portfolio: r.portfolio }),
        unitName: ctx.units.find((u) => u.id === r.unitId)?.name ?? "",
        venue: r.venue,
        form: r.form as ReceptionForm,
        ...(r.topics && { topics: r.topics }),
        status: r.status === "cancelled" ? "cancelled" : "published",
        updatedAt: r.updatedAt,
      })),
    });
    return c.body(body, 200, { "content-type": "text/calendar; charset=utf-8" }) as never;
  });

// ── the county's reception rules ─────────────────────────────────────────────────

const getPolicyRoute = createRoute({
  operationId: "getReceptionSettings",
  method: "get",
  path: "/t/{tenant}/settings/reception",
  tags: ["Reception days"],
  summary:
    "Booking limits and queue rules: monthly cap per phone, notice, horizon, walk-ins, calls",
  security: staffSecurity,
  middleware: [tenantContext, requireStaff],
  request: { params: TenantParam },
  responses: {
    200: jsonContent(ReceptionSettings, "The rules in force"),
    ...errorResponses(401, 404),
  },
});

const updatePolicyRoute = createRoute({
  operationId: "updateReceptionSettings",
  method: "put",
  path: "/t/{tenant}/settings/reception",
  tags: ["Reception days"],
  summary: "Change the booking limits and queue rules (sessions pick them up at once)",
  security: staffSecurity,
  middleware: [tenantContext, requireStaff, requireRole("tenant_admin")],
  request: { params: TenantParam, body: jsonBody(ReceptionPolicySchema.partial()) },
  responses: {
    200: jsonContent(ReceptionSettings, "The rules in force"),
    ...errorResponses(400, 401, 403, 404),
  },
});

receptionScheduleRoutes
  .openapi(getPolicyRoute, async (c) =>
    c.json(resolveReceptionPolicy(await loadReceptionPolicyRow(c.get("scope"))), 200),
  )
  .openapi(updatePolicyRoute, async (c) => {
    const scope = c.get("scope");
    const current = resolveReceptionPolicy(await loadReceptionPolicyRow(scope));
    const next = ReceptionPolicySchema.parse({ ...current, ...c.req.valid("json") });
    const now = new Date();
    await batchWithAudit(
      scope,
      [saveReceptionPolicyStatement(scope, next, now)],
      {
        actorId: c.get("staff").id,
        action: "settings.reception",
        targetType: "settings",
        targetId: "reception",
        detail: next,
      },
      now,
    );
    // Today's and future sessions learn the new queue rules.
    const ctx = await loadCaseContext(c.env, scope, now);
    const sessions = await listReceptionSessions(scope, {
      from: ctx.today,
      to: addCalendarDays(ctx.today, 366),
      statuses: ["published"],
    });
    await Promise.all(
      sessions.map((row) => configureSession(c.env, ctx, row, c.get("tenant").shard)),
    );
    return c.json(next, 200);
  });
