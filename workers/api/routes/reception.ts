import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { TenantParam } from "../../../schema/api/common.ts";
import { CreatePetitionBody, Petition } from "../../../schema/api/petitions.ts";
import {
  CreateReceptionSessionBody,
  QueueState,
  ReceptionSession,
  SessionParam,
  Slot,
  StaffTicket,
  TicketParam,
} from "../../../schema/api/reception.ts";
import type { ReceptionSessionRow } from "../../../schema/tenant/tables.ts";
import { decryptPii, encryptPii } from "../../domain/crypto/pii.ts";
import { addCalendarDays } from "../../domain/deadlines/index.ts";
import {
  type CaseContext,
  loadCaseContext,
  type StaffView,
  staffView,
} from "../../domain/petitions/context.ts";
import { registerPetition } from "../../domain/petitions/intake.ts";
import { presentPetition } from "../../domain/petitions/view.ts";
import {
  ReceptionPolicySchema,
  resolveReceptionPolicy,
} from "../../domain/reception/booking-policy.ts";
import { withConfigured } from "../../domain/reception/booking-service.ts";
import { receptionCalendar } from "../../domain/reception/ical.ts";
import {
  changeSession,
  configureSession,
  createSessions,
  publishSessions,
  sessionStub,
} from "../../domain/reception/schedule-service.ts";
import { FORM_LABELS, type ReceptionForm } from "../../domain/reception/session.ts";
import { ApiError, conflict, notFound } from "../../errors.ts";
import type { StaffQueueState, StaffTicket as Ticket } from "../../reception/protocol.ts";
import type { TicketResult } from "../../reception/session-object.ts";
import { batchWithAudit } from "../../storage/audit.ts";
import { listEvents } from "../../storage/petitions.ts";
import {
  findReceptionSession,
  listReceptionSessions,
  loadReceptionPolicyRow,
  saveReceptionPolicyStatement,
} from "../../storage/reception.ts";
import type { AppEnv } from "../context.ts";
import { requireRole, requireStaff } from "../middleware/auth.ts";
import { publicRateLimit } from "../middleware/rate-limit.ts";
import { tenantContext } from "../middleware/tenant.ts";
import { errorResponses, jsonBody, jsonContent, newRouter, staffSecurity } from "../router.ts";

const scheduler = [
  tenantContext,
  requireStaff,
  requireRole("clerk", "leader", "supervisor", "tenant_admin"),
];
const desk = [tenantContext, requireStaff, requireRole("clerk", "leader", "supervisor")];
const SessionParams = TenantParam.extend(SessionParam.shape);
const TicketParams = TenantParam.extend(TicketParam.shape);

async function caseRequest(c: Context<AppEnv>) {
  const ctx = await loadCaseContext(c.env, c.get("scope"));
  return { ctx, viewer: staffView(c.get("staff"), ctx.units) };
}

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
    form: row.form as ReceptionForm,
    formLabel: FORM_LABELS[row.form as ReceptionForm] ?? row.form,
    slotMinutes: row.slotMinutes,
    capacityPerSlot: row.capacityPerSlot,
    status: row.status,
    seriesId: row.seriesId,
  };
}

/** The session, if this person works its desk: its own unit's staff or the county office. */
async function deskSession(ctx: CaseContext, viewer: StaffView, sessionId: string) {
  const row = await findReceptionSession(ctx.scope, sessionId);
  if (!row) throw notFound("该接访日");
  if (!viewer.inCountyOffice && !viewer.unitSubtree.includes(row.unitId)) {
    throw new ApiError("FORBIDDEN", "只能操作本单位的接访");
  }
  return row;
}

function ticketOrThrow(result: TicketResult): Ticket {
  if (result.ok) return result.ticket;
  if (result.reason === "NOT_FOUND") throw new ApiError("NOT_FOUND", result.message);
  throw conflict(result.message, { reason: result.reason });
}

async function onTicket(
  c: Context<AppEnv>,
  sessionId: string,
  call: (stub: ReturnType<typeof sessionStub>) => Promise<unknown>,
) {
  const { ctx, viewer } = await caseRequest(c);
  const row = await deskSession(ctx, viewer, sessionId);
  const stub = sessionStub(c.env, ctx.scope.tenant, row.id);
  const result = await withConfigured<TicketResult>(
    () => call(stub),
    () => configureSession(c.env, ctx, row, c.get("tenant").shard),
  );
  return ticketOrThrow(result);
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
    201: jsonContent(z.object({ sessions: z.array(ReceptionSession) }), "The sessions created"),
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
    query: z.object({
      from: z.iso.date().optional(),
      to: z.iso.date().optional(),
      unitId: z.string().max(64).optional(),
    }),
  },
  responses: {
    200: jsonContent(z.object({ sessions: z.array(ReceptionSession) }), "Sessions by date"),
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
    query: z.object({
      from: z.iso.date(),
      to: z.iso.date(),
      unitId: z.string().max(64).optional(),
    }),
  },
  responses: {
    200: jsonContent(z.object({ sessions: z.array(ReceptionSession) }), "Sessions by date"),
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
    200: jsonContent(ReceptionSession.extend({ slots: z.array(Slot) }), "The session"),
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
    body: jsonBody(
      z
        .object({ from: z.iso.date(), to: z.iso.date(), unitId: z.string().max(64).optional() })
        .strict(),
    ),
  },
  responses: {
    200: jsonContent(z.object({ published: z.array(ReceptionSession) }), "What was published"),
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
    body: jsonBody(
      z
        .object({
          venue: z.string().trim().min(1).max(200).optional(),
          startTime: z
            .string()
            .regex(/^\d{2}:\d{2}$/)
            .optional(),
          endTime: z
            .string()
            .regex(/^\d{2}:\d{2}$/)
            .optional(),
        })
        .strict(),
    ),
  },
  responses: {
    200: jsonContent(
      z.object({ session: ReceptionSession, told: z.number().int() }),
      "The session, and how many were told",
    ),
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
    body: jsonBody(z.object({ reason: z.string().trim().min(1).max(200) }).strict()),
  },
  responses: {
    200: jsonContent(
      z.object({ session: ReceptionSession, told: z.number().int() }),
      "The cancelled session",
    ),
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
  request: { params: TenantParam, query: z.object({ unitId: z.string().max(64).optional() }) },
  responses: {
    200: { description: "text/calendar", content: { "text/calendar": { schema: z.string() } } },
    ...errorResponses(404, 429),
  },
});

export const receptionRoutes = newRouter()
  .openapi(createRouteDef, async (c) => {
    const { ctx, viewer } = await caseRequest(c);
    const rows = await createSessions(ctx, viewer, c.req.valid("json"));
    return c.json({ sessions: rows.map((r) => presentSession(ctx, r)) }, 201);
  })
  .openapi(listRoute, async (c) => {
    const ctx = await loadCaseContext(c.env, c.get("scope"));
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
    const ctx = await loadCaseContext(c.env, c.get("scope"));
    const rows = await listReceptionSessions(ctx.scope, {
      ...c.req.valid("query"),
      statuses: ["draft", "published", "cancelled"],
    });
    return c.json({ sessions: rows.map((r) => presentSession(ctx, r)) }, 200);
  })
  .openapi(getRoute, async (c) => {
    const ctx = await loadCaseContext(c.env, c.get("scope"));
    const row = await findReceptionSession(ctx.scope, c.req.valid("param").sessionId);
    if (!row || row.status === "draft") throw notFound("该接访日");
    const stub = sessionStub(c.env, ctx.scope.tenant, row.id);
    let slots = (await stub.slotAvailability()) as {
      slotStart: string;
      capacity: number;
      free: number;
    }[];
    if (slots.length === 0 && row.status === "published") {
      await configureSession(c.env, ctx, row, c.get("tenant").shard);
      slots = (await stub.slotAvailability()) as typeof slots;
    }
    return c.json(
      { ...presentSession(ctx, row), slots: row.status === "cancelled" ? [] : slots },
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
    const ctx = await loadCaseContext(c.env, c.get("scope"));
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

const ReceptionPolicyView = z
  .object({
    monthlyBookingsPerPhone: z.number().int(),
    minimumNoticeMinutes: z.number().int(),
    horizonDays: z.number().int(),
    walkInEvery: z.number().int(),
    maxCalls: z.number().int(),
  })
  .openapi("ReceptionSettings");

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
    200: jsonContent(ReceptionPolicyView, "The rules in force"),
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
    200: jsonContent(ReceptionPolicyView, "The rules in force"),
    ...errorResponses(400, 401, 403, 404),
  },
});

receptionRoutes
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

// ── the day's queue (staff) ─────────────────────────────────────────────────────

const ticketResponse = {
  200: jsonContent(StaffTicket, "The ticket"),
  ...errorResponses(400, 401, 403, 404, 409),
};

const checkInRoute = createRoute({
  operationId: "checkIn",
  method: "post",
  path: "/t/{tenant}/reception/sessions/{sessionId}/check-in",
  tags: ["Reception queue"],
  summary:
    "Check a citizen in by booking code (typed or scanned), or as a walk-in; gives a ticket number",
  security: staffSecurity,
  middleware: desk,
  request: {
    params: SessionParams,
    body: jsonBody(
      z.union([
        z.object({ bookingCode: z.string().trim().min(4).max(20) }).strict(),
        z
          .object({
            walkIn: z
              .object({
                name: z.string().trim().min(1).max(50),
                phone: z.string().trim().max(30).optional(),
                topic: z.string().trim().max(500).optional(),
                headcount: z.number().int().min(1).max(5).optional(),
              })
              .strict(),
          })
          .strict(),
      ]),
    ),
  },
  responses: ticketResponse,
});

const simpleTicketOps: [
  string,
  string,
  string,
  (stub: ReturnType<typeof sessionStub>, n: number) => Promise<unknown>,
][] = [
  [
    "recallTicket",
    "recall",
    "Call the current citizen again; after 3 unanswered calls they are a no-show",
    (s, n) => s.recall(n),
  ],
  [
    "markNoShow",
    "no-show",
    "Mark a called citizen as not present",
    (s, n) => s.setStatus(n, "no_show"),
  ],
  [
    "parkTicket",
    "park",
    "Set a ticket aside (gone to fetch papers); it keeps its place",
    (s, n) => s.setStatus(n, "parked"),
  ],
  [
    "resumeTicket",
    "resume",
    "Bring a parked ticket back to the queue",
    (s, n) => s.setStatus(n, "waiting"),
  ],
];

const callNextRoute = createRoute({
  operationId: "callNext",
  method: "post",
  path: "/t/{tenant}/reception/sessions/{sessionId}/call-next",
  tags: ["Reception queue"],
  summary: "Call the next citizen (booked by slot, walk-ins interleaved by the county's rule)",
  security: staffSecurity,
  middleware: desk,
  request: { params: SessionParams },
  responses: ticketResponse,
});

const completeRoute = createRoute({
  operationId: "completeTicket",
  method: "post",
  path: "/t/{tenant}/reception/sessions/{sessionId}/tickets/{number}/complete",
  tags: ["Reception queue"],
  summary:
    "Finish a visit: registers it as a petition (channel reception) owned by the receiving leader",
  security: staffSecurity,
  middleware: desk,
  request: {
    params: TicketParams,
    body: jsonBody(
      CreatePetitionBody.omit({ channel: true, receivedAt: true, unitId: true }).partial({
        petitioner: true,
      }),
    ),
  },
  responses: {
    200: jsonContent(
      z.object({ ticket: StaffTicket, petition: Petition }),
      "The ticket and the registered petition",
    ),
    ...errorResponses(400, 401, 403, 404, 409, 422),
  },
});

const transferRoute = createRoute({
  operationId: "transferTicket",
  method: "post",
  path: "/t/{tenant}/reception/sessions/{sessionId}/tickets/{number}/transfer",
  tags: ["Reception queue"],
  summary: "Hand a citizen to another leader's session the same day",
  security: staffSecurity,
  middleware: desk,
  request: {
    params: TicketParams,
    body: jsonBody(z.object({ toSessionId: z.string().min(1).max(64) }).strict()),
  },
  responses: {
    200: jsonContent(
      z.object({ from: StaffTicket, to: StaffTicket }),
      "The old and the new ticket",
    ),
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

const queueStateRoute = createRoute({
  operationId: "getQueueState",
  method: "get",
  path: "/t/{tenant}/reception/sessions/{sessionId}/queue",
  tags: ["Reception queue"],
  summary:
    "The live queue: now serving, waiting in calling order, served, no-shows (numbers only; public)",
  middleware: [publicRateLimit, tenantContext],
  request: { params: SessionParams },
  responses: { 200: jsonContent(QueueState, "The queue"), ...errorResponses(404, 429) },
});

const staffQueueRoute = createRoute({
  operationId: "getQueueDesk",
  method: "get",
  path: "/t/{tenant}/reception/sessions/{sessionId}/desk",
  tags: ["Reception queue"],
  summary: "The queue with names and bookings, for the leader's and clerk's console",
  security: staffSecurity,
  middleware: desk,
  request: { params: SessionParams },
  responses: {
    200: jsonContent(
      QueueState.extend({
        nowServing: StaffTicket.nullable(),
        waiting: z.array(StaffTicket),
        parked: z.array(StaffTicket),
        done: z.array(StaffTicket),
      }),
      "The queue",
    ),
    ...errorResponses(401, 403, 404),
  },
});

receptionRoutes
  .openapi(checkInRoute, async (c) => {
    const body = c.req.valid("json");
    const { ctx } = await caseRequest(c);
    let arrival: Parameters<ReturnType<typeof sessionStub>["checkIn"]>[0];
    if ("bookingCode" in body)
      arrival = { bookingCode: body.bookingCode.toUpperCase().replace(/[\s-]/g, "") };
    else {
      const party = {
        name: body.walkIn.name,
        ...(body.walkIn.phone && { phone: body.walkIn.phone }),
      };
      arrival = {
        walkIn: {
          label: body.walkIn.name,
          partySealed: await encryptPii(ctx.keys, JSON.stringify(party)),
          topic: body.walkIn.topic,
          headcount: body.walkIn.headcount,
        },
      };
    }
    return c.json(
      await onTicket(c, c.req.valid("param").sessionId, (stub) => stub.checkIn(arrival)),
      200,
    );
  })
  .openapi(callNextRoute, async (c) =>
    c.json(await onTicket(c, c.req.valid("param").sessionId, (stub) => stub.callNext()), 200),
  )
  .openapi(completeRoute, async (c) => {
    const { sessionId, number } = c.req.valid("param");
    const { ctx, viewer } = await caseRequest(c);
    const row = await deskSession(ctx, viewer, sessionId);
    const stub = sessionStub(c.env, ctx.scope.tenant, row.id);
    const detail = (await stub.ticketDetail(number)) as
      | { ticket: Ticket; partySealed: string | null }
      | undefined;
    if (!detail) throw notFound("该号码");
    if (detail.ticket.status !== "called") throw conflict("只能办结正在接待的群众");
    const booked = detail.partySealed
      ? (JSON.parse(await decryptPii(ctx.keys, detail.partySealed)) as {
          name: string;
          phone?: string;
          idNumber?: string;
        })
      : undefined;
    const body = c.req.valid("json");
    const petitioner = { ...(booked ?? { name: detail.ticket.label }), ...(body.petitioner ?? {}) };
    // The petition first: if the object then fails, the visit is still on record.
    const petition = await registerPetition(
      ctx,
      {
        ...body,
        petitioner,
        channel: "reception",
        receivedAt: ctx.now.toISOString(),
        unitId: row.unitId,
        ownerLeaderId: row.leaderId,
        headcount: body.headcount ?? detail.ticket.headcount,
      },
      viewer,
    );
    const ticket = ticketOrThrow((await stub.complete(number, petition.id)) as TicketResult);
    return c.json(
      {
        ticket,
        petition: await presentPetition(
          ctx,
          viewer,
          petition,
          await listEvents(ctx.scope, petition.id),
        ),
      },
      200,
    );
  })
  .openapi(transferRoute, async (c) => {
    const { sessionId, number } = c.req.valid("param");
    const { ctx, viewer } = await caseRequest(c);
    const from = await deskSession(ctx, viewer, sessionId);
    const to = await findReceptionSession(ctx.scope, c.req.valid("json").toSessionId);
    if (to?.status !== "published" || to.date !== from.date || to.id === from.id) {
      throw new ApiError("VALIDATION_FAILED", "只能转给同一天另一场已公示的接访", { status: 422 });
    }
    const fromStub = sessionStub(c.env, ctx.scope.tenant, from.id);
    const detail = (await fromStub.ticketDetail(number)) as
      | { ticket: Ticket; partySealed: string | null }
      | undefined;
    if (!detail) throw notFound("该号码");
    if (["completed", "transferred"].includes(detail.ticket.status))
      throw conflict("该号码已办结或已转接");
    // The new ticket first: a citizen is never left without a place in either queue.
    const toTicket = await withConfigured<TicketResult>(
      () =>
        sessionStub(c.env, ctx.scope.tenant, to.id).checkIn({
          walkIn: {
            label: detail.ticket.label,
            partySealed: detail.partySealed ?? undefined,
            topic: detail.ticket.topic ?? undefined,
            headcount: detail.ticket.headcount,
          },
        }),
      () => configureSession(c.env, ctx, to, c.get("tenant").shard),
    );
    const moved = ticketOrThrow(toTicket);
    const fromTicket = ticketOrThrow((await fromStub.transferOut(number)) as TicketResult);
    return c.json({ from: fromTicket, to: moved }, 200);
  })
  .openapi(queueStateRoute, async (c) => {
    const ctx = await loadCaseContext(c.env, c.get("scope"));
    const row = await findReceptionSession(ctx.scope, c.req.valid("param").sessionId);
    if (!row || row.status === "draft") throw notFound("该接访日");
    const state = (await sessionStub(c.env, ctx.scope.tenant, row.id).publicState()) as z.infer<
      typeof QueueState
    >;
    return c.json({ ...state, sessionId: row.id }, 200);
  })
  .openapi(staffQueueRoute, async (c) => {
    const { ctx, viewer } = await caseRequest(c);
    const row = await deskSession(ctx, viewer, c.req.valid("param").sessionId);
    const state = (await sessionStub(
      c.env,
      ctx.scope.tenant,
      row.id,
    ).staffState()) as StaffQueueState;
    return c.json({ ...state, sessionId: row.id }, 200);
  });

for (const [operationId, path, summary, call] of simpleTicketOps) {
  const route = createRoute({
    operationId,
    method: "post",
    path: `/t/{tenant}/reception/sessions/{sessionId}/tickets/{number}/${path}`,
    tags: ["Reception queue"],
    summary,
    security: staffSecurity,
    middleware: desk,
    request: { params: TicketParams },
    responses: ticketResponse,
  });
  receptionRoutes.openapi(route, async (c) => {
    const { sessionId, number } = c.req.valid("param");
    return c.json(await onTicket(c, sessionId, (stub) => call(stub, number)), 200);
  });
}
